"""The catalogue's filters, as a GET form with Swedish parameter names:
?serie=<slug>&amne=<slug>&talare=<id>&organisation=<id>&ar=2017&visa=kommande|inspelade

Unknown or malformed values are reported on the page and ignored, never a server error.

The choices come from published content only, in four queries however large the catalogue:
the series are the ones the page lists anyway; topics and speakers (with their organisations)
are asked for with EXISTS, so the database stops at the first episode that has each; the years
come from one GROUP BY over the episodes' two dates, which counts the episodes too."""

from dataclasses import dataclass
from html import escape as html_escape

from django import forms
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.choices import normalize_choices
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.listing import in_locale
from home.models import Person, Topic
from home.per_request import remembered


class QuickSelect(forms.Select):
    """A <select> whose options are written here rather than through the template engine.

    Django renders each <option> from its own template (with an attrs include): about 50 µs an
    option, most of the catalogue page once it offers hundreds of speakers. Same markup; the
    escaping is Django's `escape` without its lazy-string wrapper (a few µs a call)."""

    # Set by the form: the options are remembered under this key (with the language and the
    # chosen values) for the content generation, as the choices they are written from.
    options_key = None

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        if self.options_key is None:
            options = self.render_options(selected)
        else:
            chosen = tuple(sorted(selected & {str(value) for value, _label in self.choices}))
            options = remembered(
                (*self.options_key, get_language(), chosen),
                lambda: self.render_options(selected),
            )
        # As django/forms/widgets/attrs.html: in order, True as a bare name, False left out.
        attributes = "".join(
            f" {escape(key)}" if val is True else f' {escape(key)}="{escape(val)}"'
            for key, val in self.build_attrs(self.attrs, attrs).items()
            if val is not False
        )
        html = f'<select name="{escape(name)}"{attributes}>{options}</select>'
        return mark_safe(html)  # noqa: S308 - name, values and labels escaped

    def render_options(self, selected):
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            chosen = " selected" if option_value in selected else ""
            options.append(
                f'<option value="{html_escape(option_value)}"{chosen}>'
                f"{html_escape(str(label))}</option>"
            )
        return "".join(options)


class QuickChoiceField(forms.ChoiceField):
    """A ChoiceField given its choices as a list of (value, label) pairs, which it keeps as they
    are: Django normalises every pair twice on assignment (field and widget), which cost more
    than rendering them once a catalogue offers hundreds of speakers."""

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        if isinstance(value, list):
            self._choices = self.widget._choices = value
        else:
            self._choices = self.widget.choices = normalize_choices(value)


class CatalogueFilterForm(forms.Form):
    STATE_CHOICES = [("", _("Alla")), ("kommande", _("Kommande")), ("inspelade", _("Inspelade"))]

    serie = QuickChoiceField(label=_("Serie"), required=False, widget=QuickSelect)
    amne = QuickChoiceField(label=_("Ämne"), required=False, widget=QuickSelect)
    talare = QuickChoiceField(label=_("Medverkande"), required=False, widget=QuickSelect)
    organisation = QuickChoiceField(label=_("Organisation"), required=False, widget=QuickSelect)
    ar = QuickChoiceField(label=_("År"), required=False, widget=QuickSelect)
    visa = forms.ChoiceField(
        label=_("Visa"), required=False, choices=STATE_CHOICES, widget=QuickSelect
    )

    def __init__(self, *args, catalogue, series, episodes, **kwargs):
        """`series`: the catalogue's published series (slug and title are used); `episodes`:
        its published, public episodes (a queryset, used in subqueries only)."""
        super().__init__(*args, **kwargs)
        all_label = [("", _("Alla"))]
        self.series_by_slug = {item.slug: item for item in series}
        self.fields["serie"].choices = all_label + [(item.slug, item.title) for item in series]
        # What only published content decides, remembered per process for the content
        # generation (home/per_request.py): any publish, unpublish, move or snippet change
        # reads it again.
        choices = remembered(
            ("catalogue_choices", catalogue.pk), lambda: catalogue_choices(catalogue, episodes)
        )
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
        self.episode_count = choices.episode_count
        self.fields["ar"].choices = all_label + [
            (str(y), str(y)) for y in sorted(choices.years, reverse=True)
        ]
        # The long lists' options are written once per generation (and language, and choice).
        for name in ("serie", "amne", "talare", "organisation"):
            self.fields[name].widget.options_key = ("catalogue_options", catalogue.pk, name)

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
    episode_count: int  # the unfiltered catalogue's


def catalogue_choices(catalogue, episodes):
    """The topics, speakers (with their organisations) and years of `episodes` (a catalogue's
    published, public episodes), and how many there are: three queries however large the
    catalogue."""
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
    # The years, and on the way the number of episodes.
    years, count = set(), 0
    for recorded, starts, number in (
        episodes.order_by()
        .annotate(recorded=ExtractYear("recorded_on"), starts=ExtractYear("starts_at"))
        .values("recorded", "starts")
        .annotate(count=Count("pk"))
        .values_list("recorded", "starts", "count")
    ):
        years.update(year for year in (recorded, starts) if year is not None)
        count += number
    return CatalogueChoices(
        topics=topics, speakers=speakers, years=frozenset(years), episode_count=count
    )
