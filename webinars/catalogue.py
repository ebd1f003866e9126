"""The catalogue's filters, as a GET form with Swedish parameter names:
?serie=<slug>&amne=<slug>&talare=<id>&organisation=<id>&ar=2017&visa=kommande|inspelade

Unknown or malformed values are reported on the page and ignored, never a server error.

The choices come from visible content only, read on every request in three queries however
large the catalogue: the series are the ones the page lists anyway; topics and speakers (with
their organisations) are asked for with EXISTS, so the database stops at the first episode
that has each; the years come from the distinct years of the episodes' two dates."""

from dataclasses import dataclass

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from base.listing import in_locale
from base.models import Person, Topic


class CatalogueFilterForm(forms.Form):
    STATE_CHOICES = [("", _("Alla")), ("kommande", _("Kommande")), ("inspelade", _("Inspelade"))]

    serie = forms.ChoiceField(label=_("Serie"), required=False)
    amne = forms.ChoiceField(label=_("Ämne"), required=False)
    talare = forms.ChoiceField(label=_("Medverkande"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    ar = forms.ChoiceField(label=_("År"), required=False)
    visa = forms.ChoiceField(label=_("Visa"), required=False, choices=STATE_CHOICES)

    def __init__(self, *args, catalogue, series, episodes, **kwargs):
        """`series`: the catalogue's visible series (slug and title are used); `episodes`:
        its visible episodes (a queryset, used in subqueries only)."""
        super().__init__(*args, **kwargs)
        all_label = [("", _("Alla"))]
        self.series_by_slug = {item.slug: item for item in series}
        self.fields["serie"].choices = all_label + [(item.slug, item.title) for item in series]
        choices = catalogue_choices(catalogue, episodes)
        self.topics = choices.topics
        self.fields["amne"].choices = all_label + [
            (slug, topic.name) for slug, topic in sorted(self.topics.items())
        ]
        self.fields["talare"].choices = all_label + [
            (str(pk), name) for pk, name, _org, _org_name in choices.speakers
        ]
        organisations = {org: name for _pk, _name, org, name in choices.speakers if org is not None}
        self.fields["organisation"].choices = all_label + [
            (str(pk), name)
            for pk, name in sorted(organisations.items(), key=lambda item: (item[1], item[0]))
        ]
        self.fields["ar"].choices = all_label + [
            (str(y), str(y)) for y in sorted(choices.years, reverse=True)
        ]

    @property
    def filtering(self):
        """True when the valid filters narrow the catalogue (not just `visa=` left empty)."""
        return self.is_valid() and any(self.cleaned_data.values())

    def filter(self, episodes):
        """`episodes` narrowed by the chosen filters; EXISTS instead of joins, so an episode
        is never repeated and the result can be ordered and counted as it is."""
        from .models import EpisodeSpeaker, WebinarEpisodePage

        data = self.cleaned_data
        if data.get("serie"):
            series = self.series_by_slug.get(data["serie"])
            if series:
                episodes = episodes.child_of(series)
        if data.get("amne"):
            topic = self.topics[data["amne"]]
            through = WebinarEpisodePage.topics.through
            episodes = episodes.filter(
                Exists(
                    through.objects.filter(
                        webinarepisodepage=OuterRef("pk"),
                        topic__translation_key=topic.translation_key,
                    )
                )
            )
        if data.get("talare"):
            episodes = episodes.filter(
                Exists(EpisodeSpeaker.objects.filter(page=OuterRef("pk"), person_id=data["talare"]))
            )
        if data.get("organisation"):
            episodes = episodes.filter(
                Exists(
                    EpisodeSpeaker.objects.filter(
                        page=OuterRef("pk"), person__organisation_id=data["organisation"]
                    )
                )
            )
        if data.get("ar"):
            year = int(data["ar"])
            episodes = episodes.filter(Q(recorded_on__year=year) | Q(starts_at__year=year))
        if data.get("visa") == "kommande":
            episodes = episodes.upcoming()
        elif data.get("visa") == "inspelade":
            episodes = episodes.recorded()
        return episodes

    @property
    def active_filters(self):
        if not self.is_bound or not self.is_valid():
            return []
        return [
            (self.fields[name].label, dict(self.fields[name].choices).get(value, value))
            for name, value in self.cleaned_data.items()
            if value
        ]


@dataclass(frozen=True)
class CatalogueChoices:
    topics: dict  # slug: Topic (in the catalogue's language)
    speakers: tuple  # (person id, name, organisation id, organisation name)
    years: frozenset


def catalogue_choices(catalogue, episodes):
    """The topics, speakers (with their organisations) and years of `episodes` (a catalogue's
    visible episodes): three queries however large the catalogue (four when the topics need
    translating into the catalogue's language)."""
    from .models import EpisodeSpeaker, WebinarEpisodePage

    # Pages share their topics across languages (a synchronised field), so the choices are
    # the topics in use, named in the catalogue's language. Each topic that any episode
    # has is asked once whether a published one here has it (the database stops at the
    # first); joining every episode's topics and removing duplicates read them all.
    through = WebinarEpisodePage.topics.through
    topics = Topic.objects.filter(pk__in=through.objects.values("topic_id")).annotate(
        in_use=Exists(episodes.filter(topics=OuterRef("pk")))
    )
    topics = {
        topic.slug: topic
        for topic in in_locale([t for t in topics if t.in_use], catalogue.locale_id)
    }
    # Speakers with their organisations, in one query.
    speakers = tuple(
        Person.objects.filter(
            Exists(
                EpisodeSpeaker.objects.filter(person=OuterRef("pk"), page__in=episodes.values("pk"))
            )
        ).values_list("pk", "name", "organisation_id", "organisation__name")
    )
    years = set()
    for dates in (
        episodes.order_by()
        .annotate(recorded=ExtractYear("recorded_on"), starts=ExtractYear("starts_at"))
        .values_list("recorded", "starts")
        .distinct()
    ):
        years.update(year for year in dates if year is not None)
    return CatalogueChoices(topics=topics, speakers=speakers, years=frozenset(years))
