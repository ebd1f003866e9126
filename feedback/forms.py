"""The report's filters: dates, section, page type, language and order, read from the address
(GET), so a report can be bookmarked and shared. A bad value is ignored and shown as an error,
never a 500."""

import datetime

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.models import Page, get_page_models

from . import figures

EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
# Larger ids than this overflow the database's integer column.
MAX_ID = 2**63 - 1


class PageField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not (str(value).isdigit() and int(value) <= MAX_ID):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


class SectionChooser(AdminPageChooser):
    """A page chooser that shows nothing chosen, rather than failing, for an id that is no id.

    It shows the page the form found (`chosen`, set by the form's validation) rather than
    reading it again, and as a plain Page: Wagtail's chooser reads the specific page too, a
    query for nothing here (its title, edit link and parent are the plain page's)."""

    chosen = None

    def get_instance(self, value):
        if isinstance(value, str) and not (value.isdigit() and int(value) <= MAX_ID):
            return None
        chosen = self.chosen
        if chosen is not None and str(value) == str(chosen.pk):
            return chosen
        return BaseChooser.get_instance(self, value)


def page_type_choices():
    """The page types in the active language's alphabetical order, as "app.model"."""
    types = ContentType.objects.get_for_models(*(m for m in get_page_models() if m is not Page))
    choices = sorted(
        (capfirst(model.get_verbose_name()), f"{ct.app_label}.{ct.model}")
        for model, ct in types.items()
    )
    return [("", _("Alla sidtyper"))] + [(value, label) for label, value in choices]


def language_choices():
    return [("", _("Alla språk"))] + list(settings.WAGTAIL_CONTENT_LANGUAGES)


DATE_ERRORS = {"invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-31.")}


class PeriodFilterForm(forms.Form):
    """Dates and language: what both the report and a page's own view can be narrowed by."""

    fran = forms.DateField(
        label=gettext_lazy("Från"),
        required=False,
        widget=AdminDateInput,
        error_messages=DATE_ERRORS,
    )
    till = forms.DateField(
        label=gettext_lazy("Till"),
        required=False,
        widget=AdminDateInput,
        error_messages=DATE_ERRORS,
    )
    sprak = forms.ChoiceField(
        label=gettext_lazy("Språk"),
        required=False,
        choices=language_choices,
        error_messages={"invalid_choice": gettext_lazy("Okänt språk. Välj ett språk i listan.")},
    )

    def clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise forms.ValidationError(_("Välj ett datum mellan år 2000 och 2100."))
        return value

    def clean_fran(self):
        return self.clean_date("fran")

    def clean_till(self):
        return self.clean_date("till")

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("fran"), cleaned_data.get("till")
        if first and last and first > last:
            self.add_error("till", _("Till-datumet är före från-datumet."))
        return cleaned_data

    @cached_property
    def valid_data(self):
        """The values that passed; a bad value is ignored (and shown as an error), never a 500."""
        self.is_valid()
        return self.cleaned_data

    def to_filters(self) -> figures.ReportFilters:
        data = self.valid_data
        page_type = data.get("sidtyp")
        return figures.ReportFilters(
            date_from=data.get("fran"),
            date_to=data.get("till"),
            section=data.get("sektion"),
            page_type=page_type_for(page_type) if page_type else None,
            language_code=data.get("sprak") or "",
        )

    def period_query(self) -> dict:
        """The valid date and language values, to carry over to a page's own view."""
        data = self.valid_data
        query = {name: data[name].isoformat() for name in ("fran", "till") if data.get(name)}
        if data.get("sprak"):
            query["sprak"] = data["sprak"]
        return query


def page_type_for(label):
    app_label, model = label.split(".")
    return ContentType.objects.get_by_natural_key(app_label, model)


class ReportFilterForm(PeriodFilterForm):
    field_order = ["fran", "till", "sektion", "sidtyp", "sprak", "sortering"]

    sektion = PageField(
        label=gettext_lazy("Del av webbplatsen"),
        help_text=gettext_lazy("Bara svar på den valda sidan och sidorna under den."),
        required=False,
        queryset=Page.objects.filter(depth__gt=1),
        widget=SectionChooser(can_choose_root=False),
        error_messages={
            "invalid_choice": gettext_lazy("Sidan finns inte längre. Välj en annan sida i trädet.")
        },
    )
    sidtyp = forms.ChoiceField(
        label=gettext_lazy("Sidtyp"),
        required=False,
        choices=page_type_choices,
        error_messages={"invalid_choice": gettext_lazy("Okänd sidtyp. Välj en sidtyp i listan.")},
    )
    sortering = forms.ChoiceField(
        label=gettext_lazy("Sortering"),
        required=False,
        choices=[
            (figures.ORDER_MOST_ANSWERS, gettext_lazy("Flest svar först")),
            (figures.ORDER_LEAST_HELPFUL, gettext_lazy("Minst hjälpsam först")),
            (figures.ORDER_MOST_COMMENTS, gettext_lazy("Flest kommentarer först")),
        ],
        error_messages={"invalid_choice": gettext_lazy("Okänd sortering. Välj en i listan.")},
    )

    @property
    def ordering(self):
        return self.valid_data.get("sortering") or figures.ORDER_MOST_ANSWERS

    def clean_sektion(self):
        section = self.cleaned_data.get("sektion")
        self.fields["sektion"].widget.chosen = section
        return section
