"""The report's chart: the share of helpful answers per week (up to half a year) or per month.
The template draws it (feedback/admin/_chart.html); the periods are also its data table."""

from __future__ import annotations

import datetime
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, Count, DateField, Q, Sum, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .figures import Scope, format_percent, next_month, share
from .models import local_midnight

WEEKLY_MAX_DAYS = 183
MAX_AXIS_LABELS = 12


@dataclass
class Period:
    """A week (Monday to Sunday) or a calendar month."""

    first_day: datetime.date
    is_week: bool
    answers: int = 0
    helpful: int = 0

    @property
    def percent_display(self) -> str:
        return format_percent(share(self.helpful, self.answers))

    @property
    def bar_height(self) -> float:
        """Of 100; a thin bar still shows that a period with 0 % had answers."""
        return max(share(self.helpful, self.answers), 1.5) if self.answers else 0

    @cached_property
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


@dataclass
class Chart:
    periods: list[Period]
    html_id: str

    @property
    def is_weekly(self) -> bool:
        return self.periods[0].is_week

    @property
    def label_every(self) -> int:
        return -(-len(self.periods) // MAX_AXIS_LABELS)

    @property
    def slots(self) -> int:  # half periods, to put a label under the middle of its bar
        return 2 * len(self.periods)

    @property
    def title(self) -> str:
        if self.is_weekly:
            return _("Andel hjälpsamma svar per vecka")
        return _("Andel hjälpsamma svar per månad")

    @property
    def description(self) -> str:
        answered = sorted(
            (p for p in self.periods if p.answers), key=lambda p: p.helpful / p.answers
        )
        return _(
            "Från %(first)s till %(last)s. Högst %(high)s (%(high_period)s), "
            "lägst %(low)s (%(low_period)s). Siffrorna finns också i en tabell."
        ) % {
            "first": self.periods[0].label,
            "last": self.periods[-1].label,
            "high": answered[-1].percent_display,
            "high_period": answered[-1].label,
            "low": answered[0].percent_display,
            "low_period": answered[0].label,
        }


def chart_for(scope: Scope, html_id: str, today: datetime.date | None = None) -> Chart | None:
    """From the first day with answers (or the first day chosen) to the last day chosen or
    today; None when nobody answered."""
    filters = scope.filters
    today = today or timezone.localdate()
    last = min(filters.date_to, today) if filters.date_to else today
    first = filters.date_from or first_answer_day(scope)
    if first is None or first > last:
        return None
    weekly = (last - first).days <= WEEKLY_MAX_DAYS
    day = first - datetime.timedelta(days=first.weekday()) if weekly else first.replace(day=1)
    starts = []
    while day <= last:
        starts.append(day)
        day = day + datetime.timedelta(days=7) if weekly else next_month(day)
    periods = [Period(start, is_week=weekly) for start in starts]
    for kind, queryset in scope.parts(filters.date_from, filters.date_to, months=not weekly):
        if kind == "months":
            found = queryset.values_list("month").annotate(n=Sum("answers"), yes=Sum("helpful"))
        else:
            period = Case(
                *(
                    When(created_at__lt=local_midnight(end), then=Value(start))
                    for start, end in zip(starts, starts[1:], strict=False)
                ),
                default=Value(starts[-1]),
                output_field=DateField(),
            )
            found = (
                queryset.filter(created_at__gte=local_midnight(starts[0]))
                .annotate(period=period)
                .values_list("period")
                .annotate(n=Count("created_at"), yes=Count("created_at", filter=Q(helpful=True)))
            )
        for day, answers, helpful in found:
            index = bisect_right(starts, day) - 1
            if index >= 0:
                periods[index].answers += answers or 0
                periods[index].helpful += helpful or 0
    return Chart(periods, html_id) if any(p.answers for p in periods) else None


def first_answer_day(scope: Scope) -> datetime.date | None:
    """The first month with answers from the counts, then its first answer: index ranges."""
    found = []
    for kind, queryset in scope.parts():
        if kind == "months":
            month = (
                queryset.filter(answers__gt=0)
                .order_by("month")
                .values_list("month", flat=True)
                .first()
            )
            if month is None:
                continue
            queryset = (
                scope.answers().filter(page__isnull=False).between_days(month, next_month(month))
            )
        earliest = queryset.order_by("created_at").values_list("created_at", flat=True).first()
        if earliest is not None:
            found.append(timezone.localdate(earliest))
    return min(found, default=None)
