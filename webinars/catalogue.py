"""The catalogue's filters, as a GET form with Swedish parameter names:
?serie=<slug>&amne=<slug>&talare=<id>&organisation=<id>&ar=2017&visa=kommande|inspelade

Unknown or malformed values are reported on the page and ignored, never a server error.

The choices come from visible content only, one query per list however large the catalogue,
and only when a list is needed: to check a chosen value, or to draw a field the template has
not kept in its fragment cache. Topics and speakers (with their organisations) are asked for
with EXISTS, so the database stops at the first episode that has each; the years come from
the distinct years of the episodes' two dates."""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from base.listing import in_locale
from base.models import Person, Topic


class FilterSelect(forms.Select):
    """A <select> of plain options drawn in one template: Django's own includes a template
    per option, and the catalogue's lists have hundreds."""

    template_name = "webinars/widgets/filter_select.html"


class CatalogueFilterForm(forms.Form):
    STATE_CHOICES = [("", _("Alla")), ("kommande", _("Kommande")), ("inspelade", _("Inspelade"))]

    serie = forms.ChoiceField(widget=FilterSelect, label=_("Serie"), required=False)
    amne = forms.ChoiceField(widget=FilterSelect, label=_("Ämne"), required=False)
    talare = forms.ChoiceField(widget=FilterSelect, label=_("Medverkande"), required=False)
    organisation = forms.ChoiceField(widget=FilterSelect, label=_("Organisation"), required=False)
    ar = forms.ChoiceField(widget=FilterSelect, label=_("År"), required=False)
    visa = forms.ChoiceField(
        widget=FilterSelect, label=_("Visa"), required=False, choices=STATE_CHOICES
    )

    def __init__(self, *args, catalogue, series, episodes, **kwargs):
        """`series`: the catalogue's visible series (a queryset); `episodes`: its visible
        episodes (a queryset, used in subqueries only). Each field's choices are read when
        first needed, to check a value or to draw the field (not when the drawn field comes
        from the template's fragment cache)."""
        super().__init__(*args, **kwargs)
        self.catalogue, self.series, self.episodes = catalogue, series, episodes
        all_label = [("", _("Alla"))]
        self.fields["serie"].choices = lambda: (
            all_label + [(slug, title) for slug, (title, _path) in self.series_by_slug.items()]
        )
        self.fields["amne"].choices = lambda: (
            all_label + [(slug, topic.name) for slug, topic in sorted(self.topics.items())]
        )
        self.fields["talare"].choices = lambda: (
            all_label + [(str(pk), name) for pk, name, _org, _org_name in self.speakers]
        )
        self.fields["organisation"].choices = lambda: (
            all_label
            + sorted(
                {(str(org), name) for _pk, _name, org, name in self.speakers if org is not None},
                key=lambda item: (item[1], int(item[0])),
            )
        )
        self.fields["ar"].choices = lambda: (
            all_label + [(str(year), str(year)) for year in self.years]
        )

    @cached_property
    def series_by_slug(self):
        return {
            slug: (title, path)
            for slug, title, path in self.series.values_list("slug", "title", "path")
        }

    @cached_property
    def topics(self):
        return catalogue_topics(self.catalogue, self.episodes)

    @cached_property
    def speakers(self):
        return catalogue_speakers(self.episodes)

    @cached_property
    def years(self):
        return catalogue_years(self.episodes)

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
            # Episodes are the series' children (its `subpage_types`), below it in the tree.
            _title, path = self.series_by_slug[data["serie"]]
            episodes = episodes.filter(path__startswith=path)
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

    def drawn_fields(self):
        """(bound field, how it is drawn) for the template's fragment cache: a field looks the
        same for every request with the same valid choice, and for any invalid one."""
        for field in self:
            if not self.is_bound:
                drawn_as = ""
            elif field.errors:
                drawn_as = "invalid"
            else:
                drawn_as = self.cleaned_data.get(field.name) or ""
            yield field, drawn_as


# Each list of choices is one query however large the catalogue.


def catalogue_topics(catalogue, episodes):
    """slug: Topic, in the catalogue's language, for the topics that `episodes` have.
    Pages share their topics across languages (a synchronised field), so the choices are the
    topics in use, named in the catalogue's language (a second query when some need
    translating). Each topic that any episode has is asked once whether a visible one here
    has it (the database stops at the first); joining every episode's topics read them all."""
    from .models import WebinarEpisodePage

    through = WebinarEpisodePage.topics.through
    topics = Topic.objects.filter(pk__in=through.objects.values("topic_id")).annotate(
        in_use=Exists(episodes.filter(topics=OuterRef("pk")))
    )
    in_use = [topic for topic in topics if topic.in_use]
    return {topic.slug: topic for topic in in_locale(in_use, catalogue.locale_id)}


def catalogue_speakers(episodes):
    """(person id, name, organisation id, organisation name) of the people who speak in
    `episodes`. Each person is asked whether a visible episode has them (the database stops
    at the first, through the speakers' person index); asking which people the visible
    episodes have read every episode and every speaker row."""
    return tuple(
        Person.objects.filter(Exists(episodes.filter(speakers__person=OuterRef("pk")))).values_list(
            "pk", "name", "organisation_id", "organisation__name"
        )
    )


def catalogue_years(episodes):
    """The years of `episodes`' two dates, newest first."""
    years = set()
    for dates in (
        episodes.order_by()
        .annotate(recorded=ExtractYear("recorded_on"), starts=ExtractYear("starts_at"))
        .values_list("recorded", "starts")
        .distinct()
    ):
        years.update(year for year in dates if year is not None)
    return sorted(years, reverse=True)
