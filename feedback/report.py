"""The figures behind the admin report "Återkoppling", with no HTTP in sight.

Every figure comes from aggregate queries (`values(<page>).annotate(Count(...))`), so the number
of queries is the same for 5 pages as for 5,000 and no feedback row is loaded into Python to
count it. The per-page rows are few (at most one per page in the tree, plus deleted pages), so
they are fetched whole and sorted and paginated in Python; that saves another pass over the
table for the paginator's `COUNT(*)`, and the totals are summed from the same rows.

Dates are the editors' dates: a filter "till 2025-03-31" means up to midnight in Stockholm."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import Feedback

TREND_DAYS = 30
# Fewer answers than this in either 30-day window and a trend is noise, so none is shown.
TREND_MIN_ANSWERS = 5
# Up to this many days the chart shows weeks, beyond it months.
WEEKLY_MAX_DAYS = 183

ORDER_MOST_ANSWERS = "svar"
ORDER_LEAST_HELPFUL = "minst-hjalpsam"
ORDER_MOST_COMMENTS = "kommentarer"


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def share(helpful: int, answers: int) -> float | None:
    """Share helpful, 0–100, or None when nobody answered."""
    return 100 * helpful / answers if answers else None


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value)}\u00a0%"


def format_trend(points: int | None) -> str:
    if points is None:
        return "–"
    sign = "+" if points > 0 else "\u2212" if points < 0 else "±"
    return _("%(sign)s%(points)d procentenheter") % {"sign": sign, "points": abs(points)}


@dataclass(frozen=True)
class ReportFilters:
    """What the editor narrowed the report down to; an empty value means "all"."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    section: Page | None = None
    page_type: ContentType | None = None
    language_code: str = ""

    @property
    def start(self) -> datetime.datetime | None:
        return local_midnight(self.date_from) if self.date_from else None

    @property
    def end(self) -> datetime.datetime | None:
        """Exclusive: midnight after the last day."""
        return local_midnight(self.date_to + datetime.timedelta(days=1)) if self.date_to else None

    def apply(self, queryset: QuerySet[Feedback], *, dates: bool = True) -> QuerySet[Feedback]:
        if self.section is not None:
            queryset = queryset.for_pages(self.section)
        if self.page_type is not None:
            queryset = queryset.filter(page__content_type=self.page_type)
        if self.language_code:
            queryset = queryset.filter(locale__language_code=self.language_code)
        if dates:
            queryset = queryset.created_between(self.start, self.end)
        return queryset

    def trend_end(self, now: datetime.datetime) -> datetime.datetime:
        """Trends compare the 30 days up to the end of the selection with the 30 before."""
        return min(self.end, now) if self.end else now


@dataclass
class Figures:
    answers: int = 0
    helpful: int = 0
    comments: int = 0
    recent_answers: int = 0
    recent_helpful: int = 0
    previous_answers: int = 0
    previous_helpful: int = 0

    @property
    def share_helpful(self) -> float | None:
        return share(self.helpful, self.answers)

    @property
    def percent_helpful(self) -> int | None:
        value = self.share_helpful
        return None if value is None else round(value)

    @property
    def percent_display(self) -> str:
        return format_percent(self.share_helpful)

    @property
    def trend(self) -> int | None:
        """Change in percentage points, last 30 days against the 30 days before."""
        if min(self.recent_answers, self.previous_answers) < TREND_MIN_ANSWERS:
            return None
        recent = share(self.recent_helpful, self.recent_answers)
        previous = share(self.previous_helpful, self.previous_answers)
        return round(recent - previous)

    @property
    def trend_display(self) -> str:
        return format_trend(self.trend)

    def add(self, other: Figures) -> None:
        for name in Figures.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class PageRow(Figures):
    """One page in the report. `page_id` is None once the page is deleted; the row then
    groups the deleted page's answers by the title and address stored with them."""

    page_id: int | None = None
    stored_title: str = ""
    stored_url: str = ""
    first_answer_at: datetime.datetime | None = None
    page: Page | None = field(default=None, repr=False)

    @property
    def is_deleted(self) -> bool:
        return self.page_id is None

    @property
    def title(self) -> str:
        if self.page is not None:
            return self.page.get_admin_display_title()
        return self.stored_title or (f"#{self.page_id}" if self.page_id else "")


def page_rows(
    queryset: QuerySet[Feedback],
    filters: ReportFilters,
    *,
    now: datetime.datetime | None = None,
    live_pages: bool = True,
    deleted_pages: bool = True,
) -> list[PageRow]:
    """One row per page with answers in the selection.

    Two GROUP BY queries: live pages by id, deleted pages (page is NULL) by the title and
    address stored with their answers. Kept apart because an integer key sorts much faster than
    strings on SQLite, which groups by sorting; the deleted pages' query is an index lookup."""
    now = now or timezone.now()
    trend_end = filters.trend_end(now)
    recent_start = trend_end - datetime.timedelta(days=TREND_DAYS)
    previous_start = recent_start - datetime.timedelta(days=TREND_DAYS)

    queryset = filters.apply(queryset, dates=False).order_by()
    # The trend windows may reach back before the selection's first day; the counts in
    # `in_range` keep to the selection itself.
    in_range = Q()
    if filters.start:
        queryset = queryset.filter(created_at__gte=min(filters.start, previous_start))
        in_range &= Q(created_at__gte=filters.start)
    if filters.end:
        queryset = queryset.filter(created_at__lt=filters.end)
    recent = Q(created_at__gte=recent_start, created_at__lt=trend_end)
    previous = Q(created_at__gte=previous_start, created_at__lt=recent_start)

    def count(condition: Q) -> Count:
        return Count("pk", filter=condition) if condition else Count("pk")

    # Annotation names must not shadow the model's fields ("helpful").
    figures = {
        "n_answers": count(in_range),
        "n_helpful": count(in_range & Q(helpful=True)),
        "n_comments": count(in_range & ~Q(comment="")),
        "n_recent_answers": count(recent),
        "n_recent_helpful": count(recent & Q(helpful=True)),
        "n_previous_answers": count(previous),
        "n_previous_helpful": count(previous & Q(helpful=True)),
        "first_at": Min("created_at", filter=in_range) if in_range else Min("created_at"),
    }

    def row(values, **identity) -> PageRow:
        return PageRow(
            answers=values["n_answers"],
            helpful=values["n_helpful"],
            comments=values["n_comments"],
            recent_answers=values["n_recent_answers"],
            recent_helpful=values["n_recent_helpful"],
            previous_answers=values["n_previous_answers"],
            previous_helpful=values["n_previous_helpful"],
            first_answer_at=values["first_at"],
            **identity,
        )

    rows = []
    if live_pages:
        live = (
            queryset.filter(page__isnull=False)
            # An expression rather than the bare column keeps SQLite from walking the
            # (page, created_at) index to skip a sort, which costs a table lookup per row and
            # is 2-3 times slower than a scan. PostgreSQL hash-aggregates either way.
            .annotate(page_key=ExpressionWrapper(F("page_id") + 0, output_field=IntegerField()))
            .values("page_key")
            .annotate(**figures)
            .filter(n_answers__gt=0)
        )
        rows += [row(values, page_id=values["page_key"]) for values in live]
    # A section or page type only ever matches pages that still exist.
    if deleted_pages and filters.section is None and filters.page_type is None:
        deleted = (
            queryset.filter(page__isnull=True)
            .values("page_title", "page_url")
            .annotate(**figures)
            .filter(n_answers__gt=0)
        )
        rows += [
            row(values, stored_title=values["page_title"], stored_url=values["page_url"])
            for values in deleted
        ]
    return rows


def sort_rows(rows: list[PageRow], ordering: str) -> list[PageRow]:
    def tiebreak(row):
        return (row.page_id is None, row.page_id or 0, row.stored_title, row.stored_url)

    if ordering == ORDER_LEAST_HELPFUL:
        return sorted(rows, key=lambda r: (r.share_helpful, -r.answers, tiebreak(r)))
    if ordering == ORDER_MOST_COMMENTS:
        return sorted(rows, key=lambda r: (-r.comments, -r.answers, tiebreak(r)))
    return sorted(rows, key=lambda r: (-r.answers, tiebreak(r)))


def attach_pages(rows: list[PageRow]) -> list[PageRow]:
    """Give the rows on screen their pages (current title, edit link): one query."""
    ids = {row.page_id for row in rows if row.page_id}
    pages = Page.objects.filter(pk__in=ids).in_bulk() if ids else {}
    for row in rows:
        row.page = pages.get(row.page_id)
    return rows


def totals(rows: list[PageRow]) -> Figures:
    total = Figures()
    for row in rows:
        total.add(row)
    return total


def first_answer_at(rows: list[PageRow]) -> datetime.datetime | None:
    return min((row.first_answer_at for row in rows if row.first_answer_at), default=None)


# Helpfulness over time ---------------------------------------------------------------------


@dataclass
class Period:
    """A week (Monday to Sunday) or a calendar month, in local time."""

    first_day: datetime.date
    next_first_day: datetime.date
    is_week: bool
    answers: int = 0
    helpful: int = 0

    @property
    def share_helpful(self) -> float | None:
        return share(self.helpful, self.answers)

    @property
    def percent_display(self) -> str:
        return format_percent(self.share_helpful)

    @property
    def label(self) -> str:
        if self.is_week:
            year, week, _weekday = self.first_day.isocalendar()
            return _("v. %(week)d %(year)d") % {"week": week, "year": year}
        return formats.date_format(self.first_day, "F Y")

    @property
    def short_label(self) -> str:
        if self.is_week:
            return _("v. %(week)d") % {"week": self.first_day.isocalendar()[1]}
        return formats.date_format(self.first_day, "b Y")


def periods_between(first: datetime.date, last: datetime.date) -> list[Period]:
    """Weeks for up to half a year, months beyond it; `last` is included."""
    if (last - first).days <= WEEKLY_MAX_DAYS:
        day = first - datetime.timedelta(days=first.weekday())
        periods = []
        while day <= last:
            following = day + datetime.timedelta(days=7)
            periods.append(Period(day, following, is_week=True))
            day = following
        return periods
    day = first.replace(day=1)
    periods = []
    while day <= last:
        following = (day + datetime.timedelta(days=32)).replace(day=1)
        periods.append(Period(day, following, is_week=False))
        day = following
    return periods


def helpfulness_over_time(
    queryset: QuerySet[Feedback], first: datetime.date, last: datetime.date
) -> list[Period]:
    """Answers and helpful answers per period: one GROUP BY query.

    Rows are put into periods by comparing with the periods' boundaries, computed here in local
    time, instead of a database date function: the same SQL on SQLite and PostgreSQL, time zone
    and daylight saving handled by Python, and no per-row function call on SQLite."""
    periods = periods_between(first, last)
    boundaries = [local_midnight(period.next_first_day) for period in periods]
    # Rows outside the periods fall in no period (NULL). No WHERE on created_at here: when the
    # caller has not narrowed the dates, a plain scan beats the created_at index on SQLite.
    bucket = Case(
        When(created_at__lt=local_midnight(periods[0].first_day), then=Value(None)),
        *(When(created_at__lt=boundary, then=Value(i)) for i, boundary in enumerate(boundaries)),
        default=Value(None),
        output_field=IntegerField(),
    )
    counts = (
        queryset.order_by()
        .annotate(period=bucket)
        .values("period")
        .annotate(n_answers=Count("pk"), n_helpful=Count("pk", filter=Q(helpful=True)))
    )
    for row in counts:
        if row["period"] is not None:
            periods[row["period"]].answers = row["n_answers"]
            periods[row["period"]].helpful = row["n_helpful"]
    return periods


@dataclass
class ChartBar:
    period: Period
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    """An inline SVG bar chart of the share helpful per period, laid out here so the template
    only prints numbers. The periods double as the data table for screen readers."""

    periods: list[Period]
    html_id: str
    width: int = 720
    height: int = 240
    left: int = 44
    right: int = 8
    top: int = 12
    bottom: int = 28

    @property
    def is_weekly(self) -> bool:
        return bool(self.periods) and self.periods[0].is_week

    @property
    def has_answers(self) -> bool:
        return any(period.answers for period in self.periods)

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def axis_label_y(self) -> int:
        return self.height - 8

    @property
    def baseline(self) -> int:
        return self.top + self.plot_height

    @property
    def title(self) -> str:
        if self.is_weekly:
            return _("Andel hjälpsamma svar per vecka")
        return _("Andel hjälpsamma svar per månad")

    @property
    def description(self) -> str:
        answered = [period for period in self.periods if period.answers]
        if not answered:
            return _("Inga svar under perioden.")
        highest = max(answered, key=lambda p: p.share_helpful)
        lowest = min(answered, key=lambda p: p.share_helpful)
        return _(
            "Från %(first)s till %(last)s. Högst %(high)s (%(high_period)s), "
            "lägst %(low)s (%(low_period)s). Siffrorna finns också i en tabell."
        ) % {
            "first": self.periods[0].label,
            "last": self.periods[-1].label,
            "high": highest.percent_display,
            "high_period": highest.label,
            "low": lowest.percent_display,
            "low_period": lowest.label,
        }

    @property
    def gridlines(self) -> list[dict]:
        return [
            {"y": self.baseline - self.plot_height * percent / 100, "label": f"{percent}\u00a0%"}
            for percent in (0, 25, 50, 75, 100)
        ]

    @property
    def band(self) -> float:
        return self.plot_width / max(len(self.periods), 1)

    @property
    def bars(self) -> list[ChartBar]:
        bars = []
        for i, period in enumerate(self.periods):
            if not period.answers:
                continue
            # A thin bar still shows that a period with 0 % had answers.
            height = max(self.plot_height * period.share_helpful / 100, 1.5)
            bars.append(
                ChartBar(
                    period=period,
                    x=round(self.left + i * self.band + self.band * 0.15, 1),
                    y=round(self.baseline - height, 1),
                    width=round(self.band * 0.7, 1),
                    height=round(height, 1),
                )
            )
        return bars

    @property
    def axis_labels(self) -> list[dict]:
        """At most 12 period labels under the bars, evenly spaced."""
        step = max(1, -(-len(self.periods) // 12))
        return [
            {"x": round(self.left + (i + 0.5) * self.band, 1), "label": period.short_label}
            for i, period in enumerate(self.periods)
            if i % step == 0
        ]


# The page editor's summary -----------------------------------------------------------------


def recent_figures(page: Page, *, days: int) -> Figures:
    """Answers, helpful answers and comments on `page` in the last `days` days: one query."""
    since = timezone.now() - datetime.timedelta(days=days)
    summary = Feedback.objects.filter(page=page).created_between(since).summary()
    return Figures(
        answers=summary["answers"], helpful=summary["helpful"], comments=summary["comments"]
    )
