"""The catalogue's filters, as a GET form with Swedish parameter names:
?serie=<slug>&amne=<slug>&talare=<id>&organisation=<id>&ar=2017&visa=kommande|inspelade

Unknown or malformed values are reported on the page and ignored, never a server error."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.listing import in_locale
from home.models import Organisation, Person, Topic


class CatalogueFilterForm(forms.Form):
    STATE_CHOICES = [("", _("Alla")), ("kommande", _("Kommande")), ("inspelade", _("Inspelade"))]

    serie = forms.ChoiceField(label=_("Serie"), required=False)
    amne = forms.ChoiceField(label=_("Ämne"), required=False)
    talare = forms.ChoiceField(label=_("Medverkande"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    ar = forms.ChoiceField(label=_("År"), required=False)
    visa = forms.ChoiceField(label=_("Visa"), required=False, choices=STATE_CHOICES)

    def __init__(self, *args, catalogue, **kwargs):
        from .models import WebinarEpisodePage, WebinarSeriesPage

        super().__init__(*args, **kwargs)
        locale = catalogue.locale
        all_label = [("", _("Alla"))]
        episodes = WebinarEpisodePage.objects.live().public().descendant_of(catalogue)
        self.fields["serie"].choices = all_label + list(
            WebinarSeriesPage.objects.live()
            .public()
            .child_of(catalogue)
            .values_list("slug", "title")
        )
        # Pages share their topics across languages (a synchronised field), so the choices are
        # the topics in use, named in the catalogue's language.
        self.topics = {
            topic.slug: topic
            for topic in in_locale(Topic.objects.filter(episodes__in=episodes).distinct(), locale)
        }
        self.fields["amne"].choices = all_label + [
            (slug, topic.name) for slug, topic in sorted(self.topics.items())
        ]
        speakers = Person.objects.filter(episode_appearances__page__in=episodes).distinct()
        self.fields["talare"].choices = all_label + [
            (str(pk), name) for pk, name in speakers.values_list("pk", "name")
        ]
        self.fields["organisation"].choices = all_label + [
            (str(pk), name)
            for pk, name in Organisation.objects.filter(people__in=speakers)
            .distinct()
            .values_list("pk", "name")
        ]
        years = {
            date.year for date in episodes.exclude(recorded_on=None).dates("recorded_on", "year")
        }
        years |= {
            moment.year
            for moment in episodes.exclude(starts_at=None).datetimes("starts_at", "year")
        }
        self.fields["ar"].choices = all_label + [
            (str(y), str(y)) for y in sorted(years, reverse=True)
        ]

    def filter(self, episodes):
        from .models import WebinarEpisodePage, WebinarSeriesPage

        data = self.cleaned_data
        if data.get("serie"):
            series = WebinarSeriesPage.objects.filter(slug=data["serie"]).first()
            if series:
                episodes = episodes.child_of(series)
        if data.get("amne"):
            topic = self.topics[data["amne"]]
            episodes = episodes.filter(topics__translation_key=topic.translation_key)
        if data.get("talare"):
            episodes = episodes.filter(speakers__person_id=data["talare"])
        if data.get("organisation"):
            episodes = episodes.filter(speakers__person__organisation_id=data["organisation"])
        if data.get("ar"):
            year = int(data["ar"])
            episodes = episodes.filter(Q(recorded_on__year=year) | Q(starts_at__year=year))
        if data.get("visa") == "kommande":
            episodes = episodes.upcoming()
        elif data.get("visa") == "inspelade":
            episodes = episodes.recorded()
        # Joins through speakers/topics can repeat an episode; keep each once.
        return WebinarEpisodePage.objects.filter(pk__in=episodes.values("pk"))

    @property
    def active_filters(self):
        if not self.is_bound or not self.is_valid():
            return []
        return [
            (self.fields[name].label, dict(self.fields[name].choices).get(value, value))
            for name, value in self.cleaned_data.items()
            if value
        ]
