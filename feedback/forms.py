"""The report's filters, read from the address so a report can be bookmarked. A bad value is
left out and shown as an error, never a 500."""

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


class SectionChooser(AdminPageChooser):
    """Nothing chosen, rather than a 500, for a value that is no page id."""

    def get_instance(self, value):
        # Django finds no row for an id past the database's range; int() refuses 4,300 digits.
        is_id = str(value).isascii() and str(value).isdigit() and len(str(value)) <= 19
        return BaseChooser.get_instance(self, value) if is_id else None


def page_type_choices():
    types = ContentType.objects.get_for_models(*(m for m in get_page_models() if m is not Page))
    labels = sorted(
        (capfirst(m.get_verbose_name()), f"{t.app_label}.{t.model}") for m, t in types.items()
    )
    return [("", _("Alla sidtyper"))] + [(value, label) for label, value in labels]


def choice(label, choices, error):
    return forms.ChoiceField(
        label=label, required=False, choices=choices, error_messages={"invalid_choice": error}
    )


def date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=AdminDateInput,
        error_messages={
            "invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-31.")
        },
    )


class PeriodFilterForm(forms.Form):
    """Dates and language: what the report and a page's own view are narrowed by."""

    fran = date_field(gettext_lazy("Från"))
    till = date_field(gettext_lazy("Till"))
    sprak = choice(
        gettext_lazy("Språk"),
        lambda: [("", _("Alla språk")), *settings.WAGTAIL_CONTENT_LANGUAGES],
        gettext_lazy("Okänt språk. Välj ett språk i listan."),
    )

    def clean(self):
        data = super().clean()
        for name in ("fran", "till"):
            if data.get(name) and not 2000 <= data[name].year <= 2100:
                self.add_error(name, _("Välj ett datum mellan år 2000 och 2100."))
        if data.get("fran") and data.get("till") and data["fran"] > data["till"]:
            self.add_error("till", _("Till-datumet är före från-datumet."))
        return data

    @cached_property
    def valid_data(self) -> dict:
        self.is_valid()
        return self.cleaned_data

    def to_filters(self) -> figures.ReportFilters:
        data = self.valid_data
        page_type = data.get("sidtyp")
        return figures.ReportFilters(
            date_from=data.get("fran"),
            date_to=data.get("till"),
            section=data.get("sektion"),
            page_type=ContentType.objects.get_by_natural_key(*page_type.split("."))
            if page_type
            else None,
            language_code=data.get("sprak") or "",
        )

    def period_query(self) -> dict:
        """The valid dates and language, carried over to a page's own view."""
        data = self.valid_data
        values = {name: data.get(name) for name in ("fran", "till", "sprak")}
        return {name: str(value) for name, value in values.items() if value}


class ReportFilterForm(PeriodFilterForm):
    field_order = ["fran", "till", "sektion", "sidtyp", "sprak", "sortering"]

    sektion = forms.ModelChoiceField(
        label=gettext_lazy("Del av webbplatsen"),
        help_text=gettext_lazy("Bara svar på den valda sidan och sidorna under den."),
        required=False,
        queryset=Page.objects.filter(depth__gt=1),
        widget=SectionChooser(can_choose_root=False),
        error_messages={
            "invalid_choice": gettext_lazy("Sidan finns inte längre. Välj en annan sida i trädet.")
        },
    )
    sidtyp = choice(
        gettext_lazy("Sidtyp"),
        page_type_choices,
        gettext_lazy("Okänd sidtyp. Välj en sidtyp i listan."),
    )
    sortering = choice(
        gettext_lazy("Sortering"),
        [
            (figures.ORDER_MOST_ANSWERS, gettext_lazy("Flest svar först")),
            (figures.ORDER_LEAST_HELPFUL, gettext_lazy("Minst hjälpsam först")),
            (figures.ORDER_MOST_COMMENTS, gettext_lazy("Flest kommentarer först")),
        ],
        gettext_lazy("Okänd sortering. Välj en i listan."),
    )

    @property
    def ordering(self) -> str:
        return self.valid_data.get("sortering") or figures.ORDER_MOST_ANSWERS
