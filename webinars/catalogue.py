"""The catalogue's filters: on its page, a GET form with Swedish parameter names
(?serie=&amne=&talare=&organisation=&ar=&visa=kommande|inspelade), bad values reported on the
page and ignored; in the API, `webinars/episodes/`. Both narrow the episodes here."""

from collections import Counter

from django import forms
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from base.listing import in_locale
from base.models import Organisation, Person, Topic

from .models import EpisodeSpeaker, WebinarEpisodePage

ALL = [("", _("Alla"))]
STATES = {"kommande": "upcoming", "inspelade": "recorded"}


def with_topic(pages, translation_keys):
    """Episodes or series with a topic of these translation keys (pages share their topics
    across languages). EXISTS instead of joins here and below: a page is never repeated, so
    the result is ordered and counted as it is."""
    page_field = pages.model._meta.model_name
    through = pages.model.topics.through.objects.filter(
        **{page_field: OuterRef("pk")}, topic__translation_key__in=translation_keys
    )
    return pages.filter(Exists(through))


def translation_keys(model, pk):
    """The translation key of snippet `pk`, as a subquery: a page may point at any of a
    snippet's translations, and a front end knows the id its cards show."""
    return model.objects.filter(pk=pk).values("translation_key")


def filter_episodes(
    episodes, *, topic_keys=None, speaker=None, organisation=None, year=None, state=None
):
    """`episodes` narrowed by topic, speaker, speaker's organisation, year and state; a
    speaker or organisation by the id of any of its translations."""
    if topic_keys is not None:
        episodes = with_topic(episodes, topic_keys)
    speakers = EpisodeSpeaker.objects.filter(page=OuterRef("pk"))
    if speaker:
        keys = translation_keys(Person, speaker)
        episodes = episodes.filter(Exists(speakers.filter(person__translation_key__in=keys)))
    if organisation:
        keys = translation_keys(Organisation, organisation)
        episodes = episodes.filter(
            Exists(speakers.filter(person__organisation__translation_key__in=keys))
        )
    if year:
        episodes = episodes.filter(Q(recorded_on__year=year) | Q(starts_at__year=year))
    if state == "upcoming":
        episodes = episodes.upcoming()
    elif state == "recorded":
        episodes = episodes.recorded()
    return episodes


def year_counts(episodes) -> Counter:
    """Episodes per year: one counts in the year of each of its two dates, as the year filter
    matches either. Grouped in the database: a row per pair of years, not per episode."""
    counts = Counter()
    rows = (
        episodes.order_by()
        .values_list(ExtractYear("recorded_on"), ExtractYear("starts_at"))
        .annotate(Count("pk"))
    )
    for recorded, starts, count in rows:
        for year in {recorded, starts} - {None}:
            counts[year] += count
    return counts


class FilterSelect(forms.Select):
    """All options in one template: Django's Select includes one per option, and the
    catalogue's lists have hundreds."""

    template_name = "webinars/widgets/filter_select.html"


def filter_field(label, choices=()):
    return forms.ChoiceField(widget=FilterSelect, label=label, required=False, choices=choices)


class CatalogueFilterForm(forms.Form):
    serie = filter_field(_("Serie"))
    amne = filter_field(_("Ämne"))
    talare = filter_field(_("Medverkande"))
    organisation = filter_field(_("Organisation"))
    ar = filter_field(_("År"))
    visa = filter_field(
        _("Visa"), [*ALL, ("kommande", _("Kommande")), ("inspelade", _("Inspelade"))]
    )

    def __init__(self, *args, catalogue, series, episodes, **kwargs):
        """`series` and `episodes`: the catalogue's visible ones (querysets)."""
        super().__init__(*args, **kwargs)
        self.catalogue, self.series, self.episodes = catalogue, series, episodes
        # Callables, read only to check a value or to draw a field the template's fragment
        # cache does not hold: one query per list however large the catalogue.
        self.fields["serie"].choices = lambda: (
            ALL + [(slug, title) for slug, (title, _path) in self.series_by_slug.items()]
        )
        self.fields["amne"].choices = lambda: (
            ALL + [(slug, topic.name) for slug, topic in sorted(self.topics.items())]
        )
        self.fields["talare"].choices = lambda: (
            ALL + [(str(pk), name) for pk, name, _org, _org_name in self.speakers]
        )
        self.fields["organisation"].choices = lambda: (
            ALL
            + sorted(
                {(str(org), name) for _pk, _name, org, name in self.speakers if org is not None},
                key=lambda item: (item[1], int(item[0])),
            )
        )
        self.fields["ar"].choices = lambda: ALL + [(str(year), str(year)) for year in self.years]

    @cached_property
    def years(self):
        # Cached: Django reads a field's choices to check a value and twice to draw it.
        return sorted(year_counts(self.episodes), reverse=True)

    @cached_property
    def series_by_slug(self):
        return {
            slug: (title, path)
            for slug, title, path in self.series.values_list("slug", "title", "path")
        }

    @cached_property
    def topics(self):
        """slug: topic of a visible episode, in the catalogue's language. Each topic in use
        anywhere is asked whether a visible episode here has it (EXISTS stops at the first):
        joining every episode's topics read them all."""
        through = WebinarEpisodePage.topics.through
        in_use = Topic.objects.filter(
            Exists(self.episodes.filter(topics=OuterRef("pk"))),
            pk__in=through.objects.values("topic_id"),
        )
        return {topic.slug: topic for topic in in_locale(in_use, self.catalogue.locale_id)}

    @cached_property
    def speakers(self):
        """(id, name, organisation id, organisation name) of the people in visible episodes,
        in the catalogue's language as its episode pages show them (an English page may point
        at a Swedish person), each person asked with EXISTS (through the speakers' person
        index)."""
        people = Person.objects.filter(
            Exists(self.episodes.filter(speakers__person=OuterRef("pk")))
        ).select_related("organisation")
        # Pages pointing at different translations of one person list it once.
        shown = {person.pk: person for person in in_locale(people, self.catalogue.locale_id)}
        return tuple(
            (
                person.pk,
                person.name,
                person.organisation_id,
                person.organisation.name if person.organisation else None,
            )
            for person in sorted(shown.values(), key=lambda p: (p.name.casefold(), p.pk))
        )

    @property
    def filtering(self):
        """True when the valid filters narrow the catalogue (not just `visa=` left empty)."""
        return self.is_valid() and any(self.cleaned_data.values())

    def filter(self, episodes):
        data = self.cleaned_data
        if data["serie"]:
            # Episodes are the series' children, below it in the tree.
            episodes = episodes.filter(path__startswith=self.series_by_slug[data["serie"]][1])
        return filter_episodes(
            episodes,
            topic_keys=[self.topics[data["amne"]].translation_key] if data["amne"] else None,
            speaker=data["talare"],
            organisation=data["organisation"],
            year=data["ar"],
            state=STATES.get(data["visa"]),
        )

    def drawn_fields(self):
        """(bound field, how it is drawn) for the template's fragment cache: a field looks the
        same for every request with the same valid choice, and for any invalid one."""
        for field in self:
            if field.errors:
                yield field, "invalid"
            else:  # an unbound form has no cleaned_data
                yield field, self.is_bound and self.cleaned_data.get(field.name) or ""
