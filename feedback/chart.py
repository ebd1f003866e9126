"""The report's chart: the share of helpful answers per week (up to half a year) or per month,
laid out here so the template only prints numbers. The periods double as the chart's data
table for screen readers."""

from __future__ import annotations

import datetime
import functools
from bisect import bisect_right
from dataclasses import dataclass

from django.db.models import Case, Count, DateField, Min, Q, Sum, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .figures import Scope, format_percent, next_month, share
from .models import local_midnight

# Up to this many days the chart shows weeks, beyond it months.
WEEKLY_MAX_DAYS = 183


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

    @functools.cached_property  # the chart's title, description, bars and table all show it
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
    weekly = (last - first).days <= WEEKLY_MAX_DAYS
    day = first - datetime.timedelta(days=first.weekday()) if weekly else first.replace(day=1)
    periods = []
    while day <= last:
        following = day + datetime.timedelta(days=7) if weekly else next_month(day)
        periods.append(Period(day, following, is_week=weekly))
        day = following
    return periods


def helpfulness_over_time(scope: Scope, *, today: datetime.date | None = None):
    """The chart's periods, from the first day with answers in the selection (or the first
    day chosen) to the last day chosen or today; None when nobody answered."""
    filters = scope.filters
    today = today or timezone.localdate()
    last = min(filters.date_to, today) if filters.date_to else today
    first = filters.date_from
    first = first or first_answer_day(scope)
    if first is None or first > last:
        return None
    periods = periods_between(first, last)
    starts = [period.first_day for period in periods]
    weekly = periods[0].is_week
    for kind, queryset in scope.parts(filters.date_from, filters.date_to, months=not weekly):
        if kind == "months":
            sums = queryset.values("month").annotate(n=Sum("answers"), n_helpful=Sum("helpful"))
            found = [(row["month"], row["n"], row["n_helpful"]) for row in sums]
        else:
            found = bucketed(queryset, starts)
        for day, answers, helpful in found:
            index = bisect_right(starts, day) - 1
            if 0 <= index < len(periods):
                periods[index].answers += answers or 0
                periods[index].helpful += helpful or 0
    if not any(period.answers for period in periods):
        return None
    return periods


def first_answer_day(scope: Scope) -> datetime.date | None:
    """The first day anyone answered in the scope: the first month from the counts, then the
    first answer in that month (a range of the index, never a scan of every answer)."""
    found = []
    for kind, queryset in scope.parts():
        if kind == "months":
            month = queryset.filter(answers__gt=0).aggregate(first=Min("month"))["first"]
            if month is not None:
                in_month = scope.answers().filter(page__isnull=False)
                queryset = in_month.between_days(month, next_month(month))
        if kind != "months" or month is not None:
            earliest = queryset.aggregate(first=Min("created_at"))["first"]
            if earliest is not None:
                found.append(timezone.localdate(earliest))
    return min(found, default=None)


def bucketed(queryset, starts: list[datetime.date]) -> list[tuple]:
    """Feedback rows counted per period, given the periods' first days: one query, the
    period of each row told by comparing its time with the periods' boundaries."""
    period = Case(
        *(
            When(created_at__lt=local_midnight(following), then=Value(start))
            for start, following in zip(starts, starts[1:], strict=False)
        ),
        default=Value(starts[-1]),
        output_field=DateField(),
    )
    rows = (
        queryset.filter(created_at__gte=local_midnight(starts[0]))
        .annotate(period=period)
        .values("period")
        .annotate(n=Count("created_at"), n_helpful=Count("created_at", filter=Q(helpful=True)))
    )
    return [(row["period"], row["n"], row["n_helpful"]) for row in rows]


@dataclass
class ChartBar:
    period: Period
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
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


def chart_for(scope: Scope, html_id: str) -> Chart | None:
    periods = helpfulness_over_time(scope)
    return Chart(periods=periods, html_id=html_id) if periods else None
