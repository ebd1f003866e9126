"""The figures behind the admin report "Återkoppling", with no HTTP in sight.

Every figure is summed from `FeedbackDay`, the answers already counted per page, language and
Stockholm day (kept in step by feedback/services.py), so a report costs pages × days, not one
row read per answer. Every figure comes from aggregate queries
(`values(<page>).annotate(Sum(...))`), so the number of queries is the same for 5 pages as for
5,000. The per-page rows are few (at most one per page in the tree, plus deleted pages), so
they are fetched whole and sorted and paginated in Python; that saves another query for the
paginator's `COUNT(*)`, and the totals are summed from the same rows. Only the comments (their
text) are read from `Feedback` itself.

Dates are the editors' dates: whole days in Stockholm, "till 2025-03-31" includes that day."""

from __future__ import annotations

import datetime
from bisect import bisect_right
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Min, Q, QuerySet, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import FeedbackDay

TREND_DAYS = 30
# Fewer answers than this in either 30-day window and a trend is noise, so none is shown.
TREND_MIN_ANSWERS = 5
# Up to this many days the chart shows weeks, beyond it months.
WEEKLY_MAX_DAYS = 183

ORDER_MOST_ANSWERS = "svar"
ORDER_LEAST_HELPFUL = "minst-hjalpsam"
ORDER_MOST_COMMENTS = "kommentarer"


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

    def apply(self, queryset: QuerySet, *, dates: bool = True) -> QuerySet:
        """Narrow a Feedback or a FeedbackDay queryset (both have page and locale)."""
        if self.section is not None:
            queryset = queryset.for_pages(self.section)
        if self.page_type is not None:
            queryset = queryset.filter(page__content_type=self.page_type)
        if self.language_code:
            queryset = queryset.filter(locale__language_code=self.language_code)
        if dates:
            queryset = queryset.between_days(self.date_from, self.date_to)
        return queryset

    def trend_last_day(self, today: datetime.date) -> datetime.date:
        """Trends compare the 30 days up to the end of the selection with the 30 before."""
        return min(self.date_to, today) if self.date_to else today


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
    first_day: datetime.date | None = None
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
    queryset: QuerySet[FeedbackDay],
    filters: ReportFilters,
    *,
    today: datetime.date | None = None,
    live_pages: bool = True,
    deleted_pages: bool = True,
) -> list[PageRow]:
    """One row per page with answers in the selection, from the daily counts.

    Two GROUP BY queries: live pages by id, deleted pages (page is NULL) by the title and
    address stored with their answers."""
    today = today or timezone.localdate()
    last_day = filters.trend_last_day(today)
    recent_first = last_day - datetime.timedelta(days=TREND_DAYS - 1)
    previous_first = recent_first - datetime.timedelta(days=TREND_DAYS)

    queryset = filters.apply(queryset, dates=False).order_by()
    # The trend windows may reach back before the selection's first day; the sums in
    # `in_range` keep to the selection itself.
    in_range = Q()
    if filters.date_from:
        queryset = queryset.filter(day__gte=min(filters.date_from, previous_first))
        in_range &= Q(day__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(day__lte=filters.date_to)
    recent = Q(day__gte=recent_first, day__lte=last_day)
    previous = Q(day__gte=previous_first, day__lt=recent_first)

    def total(name: str, condition: Q) -> Sum:
        return Sum(name, filter=condition) if condition else Sum(name)

    # Annotation names must not shadow the model's fields ("answers", "helpful").
    figures = {
        "n_answers": total("answers", in_range),
        "n_helpful": total("helpful", in_range),
        "n_comments": total("comments", in_range),
        "n_recent_answers": total("answers", recent),
        "n_recent_helpful": total("helpful", recent),
        "n_previous_answers": total("answers", previous),
        "n_previous_helpful": total("helpful", previous),
        "first": Min("day", filter=in_range & Q(answers__gt=0)),
    }

    def row(values, **identity) -> PageRow:
        return PageRow(
            answers=values["n_answers"] or 0,
            helpful=values["n_helpful"] or 0,
            comments=values["n_comments"] or 0,
            recent_answers=values["n_recent_answers"] or 0,
            recent_helpful=values["n_recent_helpful"] or 0,
            previous_answers=values["n_previous_answers"] or 0,
            previous_helpful=values["n_previous_helpful"] or 0,
            first_day=values["first"],
            **identity,
        )

    rows = []
    if live_pages:
        live = (
            queryset.filter(page__isnull=False)
            .values("page_id")
            .annotate(**figures)
            .filter(n_answers__gt=0)
        )
        rows += [row(values, page_id=values["page_id"]) for values in live]
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


def first_day(rows: list[PageRow]) -> datetime.date | None:
    """The first day with answers in the rows."""
    return min((row.first_day for row in rows if row.first_day), default=None)


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
    queryset: QuerySet[FeedbackDay], first: datetime.date, last: datetime.date
) -> list[Period]:
    """Answers and helpful answers per period: one query summing the daily counts per day
    (at most one row per day shown), put into weeks or months here."""
    periods = periods_between(first, last)
    starts = [period.first_day for period in periods]
    days = (
        queryset.between_days(periods[0].first_day, periods[-1].next_first_day)
        .filter(day__lt=periods[-1].next_first_day)
        .order_by()
        .values("day")
        .annotate(n_answers=Sum("answers"), n_helpful=Sum("helpful"))
    )
    for row in days:
        period = periods[bisect_right(starts, row["day"]) - 1]
        period.answers += row["n_answers"] or 0
        period.helpful += row["n_helpful"] or 0
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
    """Answers, helpful answers and comments on `page` in the last `days` days (today and the
    days before it): one query."""
    first = timezone.localdate() - datetime.timedelta(days=days - 1)
    summary = (
        FeedbackDay.objects.filter(page=page)
        .between_days(first)
        .aggregate(answers=Sum("answers"), helpful=Sum("helpful"), comments=Sum("comments"))
    )
    return Figures(
        answers=summary["answers"] or 0,
        helpful=summary["helpful"] or 0,
        comments=summary["comments"] or 0,
    )
