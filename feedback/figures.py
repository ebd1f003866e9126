"""The report's figures: whole months from `FeedbackMonth`, edge days, deleted pages' answers
(by their kept title and address) and the rows' trends from `Feedback`; days in Stockholm."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import ONE_DAY, Feedback, FeedbackMonth, local_midnight

TREND_DAYS = 30
TREND_MIN_ANSWERS = 5  # fewer in either window and a trend is noise
ORDER_MOST_ANSWERS = "svar"
ORDER_LEAST_HELPFUL = "minst-hjalpsam"
ORDER_MOST_COMMENTS = "kommentarer"
# Answers from the covering index on (created_at, page, helpful) alone; comments apart.
COUNTED = {"answers": Count("created_at"), "helpful": Count("created_at", filter=Q(helpful=True))}
SUMMED = {"answers": Sum("answers"), "helpful": Sum("helpful"), "comments": Sum("comments")}


def length(first: datetime.date, last: datetime.date) -> int:
    return (last - first).days + 1


def share(helpful: int, answers: int) -> float | None:
    return 100 * helpful / answers if answers else None


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value)}\u00a0%"


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class ReportFilters:
    """What the editor narrowed the report to; empty means all."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    section: Page | None = None
    page_type: ContentType | None = None
    language_code: str = ""

    def apply(self, queryset):
        """Narrow `Feedback` or `FeedbackMonth` by all but the dates."""
        if self.section is not None:
            queryset = queryset.filter(page__path__startswith=self.section.path)
        if self.page_type is not None:
            queryset = queryset.filter(page__content_type=self.page_type)
        if self.language_code:
            queryset = queryset.filter(locale__language_code=self.language_code)
        return queryset


@dataclass
class Figures:
    """Answers, helpful ones, comments and the trend's two windows: of a page (a deleted one
    known by `stored_title` and `stored_url`), or of many."""

    answers: int = 0
    helpful: int = 0
    comments: int = 0
    recent_answers: int = 0
    recent_helpful: int = 0
    previous_answers: int = 0
    previous_helpful: int = 0
    page_id: int | None = None
    stored_title: str = ""
    stored_url: str = ""
    current_title: str | None = None  # set by attach_pages while the page exists
    current_url: str = ""
    view_url: str = ""

    @property
    def percent_helpful(self) -> int | None:
        return None if self.answers == 0 else round(share(self.helpful, self.answers))

    @property
    def percent_display(self) -> str:
        return format_percent(share(self.helpful, self.answers))

    @property
    def trend(self) -> int | None:
        """Percentage points, the last 30 days against the 30 before."""
        if min(self.recent_answers, self.previous_answers) < TREND_MIN_ANSWERS:
            return None
        recent = share(self.recent_helpful, self.recent_answers)
        return round(recent - share(self.previous_helpful, self.previous_answers))

    @property
    def trend_display(self) -> str:
        if (points := self.trend) is None:
            return "–"
        sign = "+" if points > 0 else "\u2212" if points < 0 else "±"
        return _("%(sign)s%(points)d procentenheter") % {"sign": sign, "points": abs(points)}

    @property
    def has_page(self) -> bool:
        return self.current_title is not None

    @property
    def title(self) -> str:
        return self.current_title or self.stored_title or f"#{self.page_id}"


@dataclass(frozen=True)
class Scope:
    """Whose answers: the filters', one page's (`page`) or one deleted page's (`deleted`)."""

    filters: ReportFilters
    page: Page | None = None
    deleted: tuple[str, str] | None = None

    def answers(self):
        queryset = self.filters.apply(Feedback.objects.all()).order_by()
        if self.page is not None:
            queryset = queryset.filter(page=self.page)
        if self.deleted is not None:
            title, url = self.deleted
            queryset = queryset.filter(page__isnull=True, page_title=title, page_url=url)
        return queryset

    def parts(self, first=None, last=None, *, months=True):
        """The days `first` to `last` (None: open) as (sign, kind, queryset) to add up: whole
        "months"; "answers" of the days in a month cut by the period or, if fewer, taken off
        its month; "deleted" pages' answers."""
        if self.deleted is not None or not months:
            return [(1, "answers", self.answers().between_days(first, last))]
        today = timezone.localdate()
        low = first.replace(day=1) if first else None
        high = last.replace(day=1) if last and last < today else None
        days = [(-1, low, first - ONE_DAY)] if first and first.day > 1 else []
        if high and last + ONE_DAY < next_month(high):
            days.append((-1, last + ONE_DAY, next_month(high) - ONE_DAY))
        for month in {low, high} - {None}:
            cut = [piece for piece in days if piece[1].replace(day=1) == month]
            inside = (max(first or month, month), min(last or today, next_month(month) - ONE_DAY))
            if cut and length(*inside) < sum(length(a, b) for _, a, b in cut):
                days = [piece for piece in days if piece not in cut] + [(1, *inside)]
                low = next_month(month) if month == low else low
                high = (month - ONE_DAY).replace(day=1) if month == high else high
        live = self.answers().filter(page__isnull=False)
        parts = [(sign, "answers", live.between_days(a, b)) for sign, a, b in days]
        if low is None or high is None or low <= high:
            whole = self.filters.apply(FeedbackMonth.objects.all()).order_by()
            whole = whole.filter(page=self.page) if self.page is not None else whole
            whole = whole.filter(month__gte=low) if low is not None else whole
            parts.append((1, "months", whole.filter(month__lte=high) if high else whole))
        # Deleted pages are in no section and of no type.
        if self.page is None and self.filters.section is None and self.filters.page_type is None:
            parts.append(
                (1, "deleted", self.answers().filter(page__isnull=True).between_days(first, last))
            )
        return parts

    def counted(self, first=None, last=None, *, by_page=False, comments=True) -> dict:
        """[answers, helpful, comments] summed over the parts, by page id or (for deleted
        pages) kept title and address when `by_page`, else under the key ()."""
        sums = {}
        for sign, kind, queryset in self.parts(first, last):
            names = ("page_id",) if kind != "deleted" else ("page_title", "page_url")
            names = names if by_page else ()
            if kind == "months":
                found = grouped(queryset, names, SUMMED)
            else:
                found = [(*row, 0) for row in grouped(queryset, names, COUNTED)]
                if comments:
                    counted = grouped(queryset.with_comments(), names, {"c": Count("created_at")})
                    found += [(*row[:-1], 0, 0, row[-1]) for row in counted]
            for *index, answers, helpful, with_comment in found:
                before = sums.get(key := tuple(index), (0, 0, 0))
                sums[key] = (
                    before[0] + sign * (answers or 0),
                    before[1] + sign * (helpful or 0),
                    before[2] + sign * (with_comment or 0),
                )
        return sums

    def totals(self, first=None, last=None) -> Figures:
        return Figures(*self.counted(first, last).get((), (0, 0, 0)))

    def rows(self, first=None, last=None) -> list[tuple]:
        """(answers, helpful, comments, page id, kept title, kept address) of every page with
        answers: plain tuples, as 10,000 of them are summed and sorted for 50 to show."""
        return [
            (*counts, *((index[0], "", "") if len(index) == 1 else (None, *index)))
            for index, counts in self.counted(first, last, by_page=True).items()
            if counts[0]
        ]

    def trend_window(self):
        """The first day of the previous 30, of the last 30 and the last day of the trend."""
        last = min(self.filters.date_to or datetime.date.max, timezone.localdate())
        recent = last - datetime.timedelta(days=TREND_DAYS - 1)
        return recent - TREND_DAYS * ONE_DAY, recent, last

    def add_trend(self, figures: Figures) -> None:
        """The scope's trend, from whole months and edge days as its other figures."""
        start, recent, last = self.trend_window()
        for name, first, end in (("recent", recent, last), ("previous", start, recent - ONE_DAY)):
            counts = self.counted(first, end, comments=False).get((), (0, 0))
            setattr(figures, f"{name}_answers", counts[0])
            setattr(figures, f"{name}_helpful", counts[1])

    def add_trends(self, rows: list[Figures]) -> None:
        """Each row's trend: one query over the 60 days of their answers."""
        start, recent, last = self.trend_window()
        since = Q(created_at__gte=local_midnight(recent))
        window = {
            "recent_answers": Count("created_at", filter=since),
            "recent_helpful": Count("created_at", filter=since & Q(helpful=True)),
            "previous_answers": Count("created_at", filter=~since),
            "previous_helpful": Count("created_at", filter=~since & Q(helpful=True)),
        }
        answers = self.answers().between_days(start, last)
        matching = Q(page_id__in=[row.page_id for row in rows if row.page_id])
        for row in rows:
            if row.page_id is None:
                kept = {"page_title": row.stored_title, "page_url": row.stored_url}
                matching |= Q(page__isnull=True, **kept)
        by_key = {row.page_id or (row.stored_title, row.stored_url): row for row in rows}
        found = answers.filter(matching).values_list("page_id", "page_title", "page_url")
        for page_id, title, url, *values in found.annotate(**window):
            row = by_key[page_id or (title, url)]
            for name, value in zip(window, values, strict=True):
                setattr(row, name, getattr(row, name) + value)


def grouped(queryset, names, annotations):
    if names:
        return list(queryset.values_list(*names).annotate(**annotations))
    return [tuple(queryset.aggregate(**annotations).values())]


SORT_KEYS = {
    ORDER_MOST_ANSWERS: lambda row: (-row[0], row[3] or 0, row[4]),
    ORDER_LEAST_HELPFUL: lambda row: (row[1] / row[0], -row[0], row[3] or 0, row[4]),
    ORDER_MOST_COMMENTS: lambda row: (-row[2], -row[0], row[3] or 0, row[4]),
}


def sorted_rows(rows: list[tuple], ordering: str) -> list[tuple]:
    return sorted(rows, key=SORT_KEYS.get(ordering, SORT_KEYS[ORDER_MOST_ANSWERS]))


def total_of(rows: list[tuple]) -> Figures:
    return Figures(*(sum(row[i] for row in rows) for i in range(3)))


def attach_pages(rows: list[tuple], request=None) -> list[Figures]:
    """The rows with their pages' current admin titles (given a request, full URLs too)."""
    rows = [
        Figures(*row[:3], page_id=row[3], stored_title=row[4], stored_url=row[5]) for row in rows
    ]
    pages = Page.objects.filter(pk__in=[row.page_id for row in rows if row.page_id])
    found = {page.pk: page for page in pages.only("title", "draft_title", "url_path")}
    for row in rows:
        if page := found.get(row.page_id):
            row.current_title = page.get_admin_display_title()
            row.current_url = page.get_full_url(request) if request else ""
    return rows
