"""The report's chart, the share of helpful answers per week (up to half a year) or month:
counted here, drawn by feedback/admin/_chart.html, where the periods are its data table too."""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .figures import Scope, format_percent, next_month, share
from .models import local_midnight

WEEKLY_MAX_DAYS = 183
WEEK = datetime.timedelta(days=7)


@dataclass
class Period:
    first_day: datetime.date  # a Monday, or the first of a month
    is_week: bool
    answers: int = 0
    helpful: int = 0

    @property
    def percent_display(self) -> str:
        return format_percent(share(self.helpful, self.answers))

    @property
    def bar_height(self) -> float:  # of 100; thin, not gone, at 0 %
        return max(share(self.helpful, self.answers), 1.5) if self.answers else 0

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


def chart_for(scope: Scope, html_id: str):
    """From the first day chosen (or with answers) to the last day chosen (or today); None
    when nobody answered."""
    filters = scope.filters
    last = min(filters.date_to or datetime.date.max, timezone.localdate())
    first = filters.date_from or first_answer_day(scope)
    if first is None or first > last:
        return None
    weekly = (last - first).days <= WEEKLY_MAX_DAYS
    day = first - datetime.timedelta(days=first.weekday()) if weekly else first.replace(day=1)
    periods = {}
    while day <= last:
        periods[day] = Period(day, weekly)
        day = day + WEEK if weekly else next_month(day)
    trunc = TruncMonth("created_at", DateField(), tzinfo=timezone.get_default_timezone())
    for sign, kind, queryset in scope.parts(filters.date_from, filters.date_to, months=not weekly):
        if kind == "months":
            found = queryset.values_list("month").annotate(Sum("answers"), Sum("helpful"))
        elif weekly:
            found = by_week(queryset, list(periods))
        else:
            found = queryset.values_list(trunc).annotate(
                n=Count("created_at"), yes=Count("created_at", filter=Q(helpful=True))
            )
        for day, answers, helpful in found:
            if period := periods.get(day):
                period.answers += sign * (answers or 0)
                period.helpful += sign * (helpful or 0)
    periods = list(periods.values())
    answered = sorted((p for p in periods if p.answers), key=lambda p: p.helpful / p.answers)
    if not answered:
        return None
    return SimpleNamespace(
        html_id=html_id,
        periods=periods,
        is_weekly=weekly,
        first=periods[0],
        last=periods[-1],
        highest=answered[-1],
        lowest=answered[0],
        slots=2 * len(periods),  # half periods: a label under the middle of its bar
        label_every=-(-len(periods) // 12),  # at most 12 labels
    )


def by_week(answers, mondays):
    """(Monday, answers, helpful) a week: each week counted over its range of times, as
    PostgreSQL does three times faster than finding each answer's week in Stockholm."""
    counts = {}
    for i, monday in enumerate(mondays):
        end = local_midnight(monday + WEEK)
        week = Q(created_at__gte=local_midnight(monday), created_at__lt=end)
        counts[f"n{i}"] = Count("created_at", filter=week)
        counts[f"yes{i}"] = Count("created_at", filter=week & Q(helpful=True))
    found = answers.aggregate(**counts)
    return [(day, found[f"n{i}"], found[f"yes{i}"]) for i, day in enumerate(mondays)]


def first_answer_day(scope: Scope) -> datetime.date | None:
    """The first month with answers from the counts, then its first answer: index ranges."""
    found = []
    for _sign, kind, queryset in scope.parts():
        if kind == "months":
            months = queryset.filter(answers__gt=0).order_by("month")
            if (month := months.values_list("month", flat=True).first()) is None:
                continue
            queryset = scope.answers().filter(page__isnull=False)
            queryset = queryset.between_days(month, next_month(month))
        if earliest := queryset.order_by("created_at").values_list("created_at", flat=True).first():
            found.append(timezone.localdate(earliest))
    return min(found, default=None)
