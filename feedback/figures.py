"""The figures behind the admin report "Återkoppling", with no HTTP in sight.

A period's figures are summed from whole months in `FeedbackMonth` (the answers counted per
page, language and month) plus the answers of the days at its edges, counted in `Feedback`
itself; a deleted page's answers are always counted in `Feedback` (grouped by the title and
address kept with them). Trends (the last 30 days against the 30 before) are counted in
`Feedback` for the rows shown only. Dates are the editors' dates: whole days in Stockholm,
"till 2025-03-31" includes that day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import Feedback, FeedbackMonth, local_midnight

TREND_DAYS = 30
# Fewer answers than this in either 30-day window and a trend is noise, so none is shown.
TREND_MIN_ANSWERS = 5
ONE_DAY = datetime.timedelta(days=1)

ORDER_MOST_ANSWERS = "svar"
ORDER_LEAST_HELPFUL = "minst-hjalpsam"
ORDER_MOST_COMMENTS = "kommentarer"

# Answers and helpful ones are counted from the covering index on (created_at, page, helpful)
# alone; comments, a few of the answers, in a query of their own (their partial index).
COUNTED = {"answers": Count("created_at"), "helpful": Count("created_at", filter=Q(helpful=True))}
SUMMED = {"answers": Sum("answers"), "helpful": Sum("helpful"), "comments": Sum("comments")}


def share(helpful: int, answers: int) -> float | None:
    """Share helpful, 0–100, or None when nobody answered."""
    return 100 * helpful / answers if answers else None


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value)}\u00a0%"


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class ReportFilters:
    """What the editor narrowed the report down to; an empty value means "all"."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    section: Page | None = None
    page_type: ContentType | None = None
    language_code: str = ""

    @property
    def narrows_pages(self) -> bool:
        """A section or page type only ever matches pages that still exist."""
        return self.section is not None or self.page_type is not None

    def apply(self, queryset):
        """Narrow a Feedback or FeedbackMonth queryset (both have page and locale) by all but
        the dates."""
        if self.section is not None:
            queryset = queryset.filter(page__path__startswith=self.section.path)
        if self.page_type is not None:
            queryset = queryset.filter(page__content_type=self.page_type)
        if self.language_code:
            queryset = queryset.filter(locale__language_code=self.language_code)
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
        points = self.trend
        if points is None:
            return "–"
        sign = "+" if points > 0 else "\u2212" if points < 0 else "±"
        return _("%(sign)s%(points)d procentenheter") % {"sign": sign, "points": abs(points)}

    def add(self, values: dict) -> None:
        for name in ("answers", "helpful", "comments"):
            setattr(self, name, getattr(self, name) + (values.get(name) or 0))


@dataclass
class PageRow(Figures):
    """One page in the report. `page_id` is None once the page is deleted; the row then
    groups the deleted page's answers by the title and address stored with them."""

    page_id: int | None = None
    stored_title: str = ""
    stored_url: str = ""
    # The page's admin title once `attach_pages` found it (None: the page is gone).
    current_title: str | None = field(default=None, repr=False)

    @property
    def is_deleted(self) -> bool:
        return self.page_id is None

    @property
    def has_page(self) -> bool:
        return self.current_title is not None

    @property
    def title(self) -> str:
        if self.current_title is not None:
            return self.current_title
        return self.stored_title or (f"#{self.page_id}" if self.page_id else "")


@dataclass(frozen=True)
class Scope:
    """Whose answers: the report's filters, optionally one page (`page`), or one deleted page
    (`deleted`: its stored title and address)."""

    filters: ReportFilters
    page: Page | None = None
    deleted: tuple[str, str] | None = None

    def answers(self):
        """The scope's `Feedback` rows, all dates."""
        queryset = self.filters.apply(Feedback.objects.all()).order_by()
        if self.page is not None:
            queryset = queryset.filter(page=self.page)
        if self.deleted is not None:
            title, url = self.deleted
            queryset = queryset.filter(page__isnull=True, page_title=title, page_url=url)
        return queryset

    def parts(self, first=None, last=None, *, months=True):
        """The days `first` to `last` (None: open) as querysets to sum: ("months",
        FeedbackMonth rows of whole months), ("answers", Feedback rows of existing pages on
        the other days) and ("deleted", deleted pages' Feedback rows on all the days).
        `months` False (or a deleted page's scope) counts every day in Feedback."""
        if self.deleted is not None or not months:
            return [("answers", self.answers().between_days(first, last))]
        # The first and last whole months (their first days; None: open).
        low = first if first is None or first.day == 1 else next_month(first)
        high = None
        if last is not None:
            high = last.replace(day=1)
            if last + ONE_DAY != next_month(last):  # `last` ends no month
                high = (high - ONE_DAY).replace(day=1)
        whole = self.filters.apply(FeedbackMonth.objects.all()).order_by()
        if self.page is not None:
            whole = whole.filter(page=self.page)
        live = self.answers().filter(page__isnull=False)
        if low is not None and high is not None and low > high:  # no whole month
            parts = [("answers", live.between_days(first, last))]
        else:
            parts = [("months", whole.filter(**bounds("month", low, high, inclusive=True)))]
            if first is not None and first < low:
                parts.append(("answers", live.between_days(first, low - ONE_DAY)))
            if last is not None and last >= next_month(high):
                parts.append(("answers", live.between_days(next_month(high), last)))
        if self.page is None and not self.filters.narrows_pages:
            deleted = self.answers().filter(page__isnull=True)
            parts.append(("deleted", deleted.between_days(first, last)))
        return parts

    def totals(self, first=None, last=None) -> Figures:
        figures = Figures()
        for kind, queryset in self.parts(first, last):
            if kind == "months":
                figures.add(queryset.aggregate(**SUMMED))
            else:
                figures.add(queryset.aggregate(**COUNTED))
                figures.add(queryset.with_comments().aggregate(comments=Count("created_at")))
        return figures

    def rows(self, first=None, last=None) -> list[PageRow]:
        """Every page's figures in the period (pages without answers left out)."""
        rows = {}
        for kind, queryset in self.parts(first, last):
            key = ("page_title", "page_url") if kind == "deleted" else ("page_id",)
            found = list(queryset.values(*key).annotate(**SUMMED if kind == "months" else COUNTED))
            if kind != "months":
                comments = (
                    queryset.with_comments().values(*key).annotate(comments=Count("created_at"))
                )
                found += list(comments)
            for values in found:
                page_id = values.get("page_id")
                index = page_id or (values["page_title"], values["page_url"])
                row = rows.get(index)
                if row is None:
                    row = rows[index] = PageRow(
                        page_id=page_id,
                        stored_title=values.get("page_title", ""),
                        stored_url=values.get("page_url", ""),
                    )
                row.add(values)
        return [row for row in rows.values() if row.answers]

    def add_trends(self, figures: list[Figures], rows: list[PageRow] | None = None, today=None):
        """Count the trend's two 30-day windows in Feedback into `figures`: the whole scope's
        into one Figures (`rows` None), else each of `rows` (the same list) into its own."""
        last = self.filters.trend_last_day(today or timezone.localdate())
        recent = last - datetime.timedelta(days=TREND_DAYS - 1)
        previous = recent - datetime.timedelta(days=TREND_DAYS)
        window = {
            "recent_answers": Count("created_at", filter=Q(created_at__gte=local_midnight(recent))),
            "recent_helpful": Count(
                "created_at", filter=Q(created_at__gte=local_midnight(recent), helpful=True)
            ),
            "previous_answers": Count(
                "created_at", filter=Q(created_at__lt=local_midnight(recent))
            ),
            "previous_helpful": Count(
                "created_at", filter=Q(created_at__lt=local_midnight(recent), helpful=True)
            ),
        }
        answers = self.answers().between_days(previous, last)
        if rows is None:
            for name, value in answers.aggregate(**window).items():
                setattr(figures[0], name, value)
            return
        live = {row.page_id: row for row in rows if row.page_id}
        deleted = {(row.stored_title, row.stored_url): row for row in rows if not row.page_id}
        queries = []
        if live:
            queries.append(answers.filter(page_id__in=list(live)).values("page_id"))
        if deleted:
            matching = Q()
            for title, url in deleted:
                matching |= Q(page_title=title, page_url=url)
            queries.append(
                answers.filter(matching, page__isnull=True).values("page_title", "page_url")
            )
        for query in queries:
            for values in query.annotate(**window):
                page_id = values.pop("page_id", None)
                row = live.get(page_id) or deleted.get(
                    (values.pop("page_title", ""), values.pop("page_url", ""))
                )
                for name, value in values.items():
                    setattr(row, name, value)


def bounds(name, low, high, *, inclusive=False) -> dict:
    found = {}
    if low is not None:
        found[f"{name}__gte"] = low
    if high is not None:
        found[f"{name}__{'lte' if inclusive else 'lt'}"] = high
    return found


SORT_KEYS = {
    ORDER_MOST_ANSWERS: lambda row: (-row.answers, row.page_id or 0, row.stored_title),
    ORDER_LEAST_HELPFUL: lambda row: (
        row.helpful / row.answers,
        -row.answers,
        row.page_id or 0,
        row.stored_title,
    ),
    ORDER_MOST_COMMENTS: lambda row: (
        -row.comments,
        -row.answers,
        row.page_id or 0,
        row.stored_title,
    ),
}


def sorted_rows(rows: list[PageRow], ordering: str) -> list[PageRow]:
    return sorted(rows, key=SORT_KEYS.get(ordering, SORT_KEYS[ORDER_MOST_ANSWERS]))


def total_of(rows: list[PageRow]) -> Figures:
    total = Figures()
    for row in rows:
        total.add({"answers": row.answers, "helpful": row.helpful, "comments": row.comments})
    return total


def attach_pages(rows: list[PageRow]) -> list[PageRow]:
    """Give the rows their pages' current admin titles: one query."""
    ids = [row.page_id for row in rows if row.page_id]
    titles = {
        page.pk: page.get_admin_display_title()
        for page in Page.objects.filter(pk__in=ids).only("id", "title", "draft_title")
    }
    for row in rows:
        row.current_title = titles.get(row.page_id)
    return rows


def recent_figures(page: Page, *, days: int) -> Figures:
    """Answers, helpful answers and comments on `page` in the last `days` days (today and the
    days before it): one query."""
    first = timezone.localdate() - datetime.timedelta(days=days - 1)
    summary = Feedback.objects.filter(page=page).between_days(first).summary()
    return Figures(**{name.name: summary.get(name.name, 0) for name in fields(Figures)[:3]})
