"""The figures behind the admin report "Återkoppling", with no HTTP in sight.

Every figure is summed from the counts kept per page and language: whole months from
`FeedbackMonth`, the days at the edges of a period from `FeedbackDay` (`Pieces`), so a year
of answers costs pages × 12 rows plus a few days, not one row per answer or per day. The
per-page figures are two queries (`PageFigures`): the chosen days grouped, sorted and cut to
the rows on screen in the database, with the number of pages and the totals (window
functions) in the same query, then the trend's days of the rows on screen only, so the number
of queries is the same for 5 pages as for 10,000 and only the rows shown become Python
objects. Only the comments (their text) are read from `Feedback` itself.

Dates are the editors' dates: whole days in Stockholm, "till 2025-03-31" includes that day."""

from __future__ import annotations

import dataclasses
import datetime
import functools
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import FeedbackDay, FeedbackMonth

TREND_DAYS = 30
# Fewer answers than this in either 30-day window and a trend is noise, so none is shown.
TREND_MIN_ANSWERS = 5
# Up to this many days the chart shows weeks, beyond it months.
WEEKLY_MAX_DAYS = 183
ONE_DAY = datetime.timedelta(days=1)

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

    def apply(self, queryset: QuerySet, *, dates: bool = True, pages: bool = True) -> QuerySet:
        """Narrow a Feedback or a FeedbackDay queryset (both have page and locale); `pages`
        False leaves the section and page type out (see `pages_q`)."""
        if pages and self.section is not None:
            queryset = queryset.for_pages(self.section)
        if pages and self.page_type is not None:
            queryset = queryset.filter(page__content_type=self.page_type)
        if self.language_code:
            queryset = queryset.filter(locale__language_code=self.language_code)
        if dates:
            queryset = queryset.between_days(self.date_from, self.date_to)
        return queryset

    def pages_q(self) -> Q | None:
        """The section and page type as a condition on Page; None when they leave every page."""
        q = Q()
        if self.section is not None:
            q &= Q(path__startswith=self.section.path)
        if self.page_type is not None:
            q &= Q(content_type=self.page_type)
        return q or None

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
    # The page's admin title (Page.get_admin_display_title) once `attach_pages` found it.
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


# Sums over any days from whole months and the days at the edges ----------------------------


def month_end(day: datetime.date) -> datetime.date:
    return next_month(day) - ONE_DAY


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class Pieces:
    """The days `first` to `last` (both included; None leaves a side open) as whole months
    from FeedbackMonth plus or minus a few days from FeedbackDay: the days from the 5th to
    the end of a month are the edge days added, from the 28th on they are the whole month
    less the days before, whichever reads fewer days (at most half a month per edge).
    `days` are (first, last, sign)."""

    months: tuple[datetime.date | None, datetime.date | None] | None
    days: tuple[tuple[datetime.date, datetime.date, int], ...]

    @classmethod
    def of(cls, first: datetime.date | None, last: datetime.date | None) -> Pieces:
        if first is not None and last is not None:
            if first > last:
                return cls(None, ())
            start, end = first.replace(day=1), month_end(last)
            if start == last.replace(day=1):  # one month: its days, or the month less others
                if (last - first).days + 1 <= (first - start).days + (end - last).days:
                    return cls(None, ((first, last, 1),))
                days = [(start, first - ONE_DAY, -1)] if first > start else []
                days += [(last + ONE_DAY, end, -1)] if last < end else []
                return cls((start, start), tuple(days))
        days = []
        low = high = None
        if first is not None:
            low = first.replace(day=1)
            if first.day > 1:
                if first.day - 1 < (month_end(first) - first).days + 1:
                    days.append((low, first - ONE_DAY, -1))
                else:
                    days.append((first, month_end(first), 1))
                    low = next_month(first)
        if last is not None:
            high = last.replace(day=1)
            if last != month_end(last):
                if (month_end(last) - last).days < last.day:
                    days.append((last + ONE_DAY, month_end(last), -1))
                else:
                    days.append((high, last, 1))
                    high = (high - ONE_DAY).replace(day=1)
        months = (low, high) if low is None or high is None or low <= high else None
        return cls(months, tuple(days))

    def month_q(self) -> Q | None:
        if self.months is None:
            return None
        low, high = self.months
        q = Q()
        if low is not None:
            q &= Q(month__gte=low)
        if high is not None:
            q &= Q(month__lte=high)
        return q

    def day_whens(self, name: str) -> list[When]:
        return [
            When(day__gte=low, day__lte=high, then=F(name) if sign > 0 else -F(name))
            for low, high, sign in self.days
        ]

    def month_term(self, counter: str) -> tuple[str, list]:
        """SQL of what a month row adds to a figure: the column `counter` in the whole
        months, else 0."""
        if self.months is None:
            return "0", []
        conditions, params = [], []
        for bound, operator in zip(self.months, (">=", "<="), strict=True):
            if bound is not None:
                conditions.append(f"{connection.ops.quote_name('month')} {operator} %s")
                params.append(connection.ops.adapt_datefield_value(bound))
        if not conditions:
            return counter, []
        return f"CASE WHEN {' AND '.join(conditions)} THEN {counter} ELSE 0 END", params

    def day_term(self, counter: str) -> tuple[str, list]:
        """SQL of what a day row adds to (or takes from) a figure: the column `counter` on
        the edge days, else 0."""
        if not self.days:
            return "0", []
        day = connection.ops.quote_name("day")
        whens, params = [], []
        for low, high, sign in self.days:
            signed_counter = counter if sign > 0 else f"-{counter}"
            whens.append(f"WHEN {day} >= %s AND {day} <= %s THEN {signed_counter}")
            params += [connection.ops.adapt_datefield_value(value) for value in (low, high)]
        return f"CASE {' '.join(whens)} ELSE 0 END", params

    def day_q(self) -> Q | None:
        if not self.days:
            return None
        q = Q()
        for low, high, _sign in self.days:
            q |= Q(day__gte=low, day__lte=high)
        return q


def either(*qs: Q | None) -> Q | None:
    """The rows any of the conditions selects; None if none selects any."""
    found = [q for q in qs if q is not None]
    if not found:
        return None
    if not all(found):  # an empty Q: every row
        return Q()
    result = found[0]
    for q in found[1:]:
        result |= q
    return result


@dataclass(frozen=True)
class Scope:
    """Whose answers: the report's filters (without its dates) and optionally one page
    (`page_q`, a condition on FeedbackDay and FeedbackMonth alike)."""

    filters: ReportFilters
    page_q: Q | None = None
    deleted_pages: bool = True
    # A section or page type with many pages picks its rows by the pages outside it (a
    # smaller set to look every row up in), with few by the pages in it (their index).
    many_pages: bool = False

    def rows(self, model, *, pages: bool = True) -> QuerySet:
        """The scope's rows of FeedbackDay or FeedbackMonth; `pages` False leaves the section
        and page type to the caller (who narrows the rows after grouping them per page)."""
        queryset = self.filters.apply(model.objects.all(), dates=False, pages=False).order_by()
        pages_q = self.filters.pages_q()
        if pages and pages_q is not None:
            # Looked up by page id, never joined: a join to the page table costs every row
            # more than summing it does.
            if self.many_pages:
                outside = Page.objects.exclude(pages_q).values("pk")
                queryset = queryset.filter(page__isnull=False).exclude(page_id__in=outside)
            else:
                queryset = queryset.filter(page_id__in=Page.objects.filter(pages_q).values("pk"))
        if self.page_q is not None:
            queryset = queryset.filter(self.page_q)
        if not self.has_deleted_pages:
            queryset = queryset.filter(page__isnull=False)
        return queryset

    @property
    def has_deleted_pages(self) -> bool:
        """A section or page type only ever matches pages that still exist."""
        return (
            self.deleted_pages and self.filters.section is None and self.filters.page_type is None
        )


# The figures that are summed per page: (name, counter, which days).
FIGURES = (
    ("n_answers", "answers", "range"),
    ("n_helpful", "helpful", "range"),
    ("n_comments", "comments", "range"),
    ("n_recent_answers", "answers", "recent"),
    ("n_recent_helpful", "helpful", "recent"),
    ("n_previous_answers", "answers", "previous"),
    ("n_previous_helpful", "helpful", "previous"),
)
# The figures the rows are sorted and cut by (the chosen days) and the trend's, summed
# separately: only the rows on screen need a trend, so only they are summed for one.
RANGE_FIGURES = FIGURES[:3]
TREND_FIGURES = FIGURES[3:]
KEY = ("k_page", "k_title", "k_url")
COUNTERS = ("answers", "helpful", "comments")
# Beyond this many rows the trends are summed for every page rather than for the rows' keys.
TREND_KEYS_MAX = 500
# From this many pages with answers on, a section or page type is `Scope.many_pages`.
MANY_PAGES = 1000


class PageFigures:
    """The report's figures per page, for any scope, summed from whole months in
    FeedbackMonth and the edge days in FeedbackDay (UNION ALL, then GROUP BY, see
    `per_page`). Two queries, whatever the number of pages: the first sums the chosen days
    for every page, sorts and cuts out the rows shown in the database and brings the number
    of pages and the totals along (window functions over the grouped rows); the second sums
    the trend's 60 days for the rows shown only, and for the whole scope. So a page's trend
    is never summed unless it is on screen, and only the rows on screen become Python
    objects. Live pages are grouped by id, deleted pages (page NULL) by the title and address
    stored with their answers."""

    def __init__(self, scope: Scope, *, today: datetime.date | None = None):
        self.scope = scope
        filters = scope.filters
        today = today or timezone.localdate()
        last_day = filters.trend_last_day(today)
        recent_first = last_day - datetime.timedelta(days=TREND_DAYS - 1)
        previous_first = recent_first - datetime.timedelta(days=TREND_DAYS)
        self.pieces = {
            "range": Pieces.of(filters.date_from, filters.date_to),
            "recent": Pieces.of(recent_first, last_day),
            "previous": Pieces.of(previous_first, recent_first - ONE_DAY),
        }
        self.count = None
        self.totals = None
        # {month: (answers, helpful)} of the scope, every month, once a fetch with `months`
        # summed them; None otherwise.
        self.month_sums: dict | None = None

    def counted_rows(
        self,
        figures,
        keys_q: Q | None = None,
        *,
        scope: Scope | None = None,
        pages: bool = True,
        months: bool = False,
        periods: tuple[str, ...] = ("month", "day"),
    ) -> list[tuple[str, list]]:
        """SELECTs of the month rows and the edge days' rows that `figures` need (page,
        title, address and one column per figure, 0 where a row does not count towards it),
        narrowed to `keys_q` if given (and to the section and page type unless `pages` is
        False, see `Scope.rows`), with the row's `month` too if `months` (whole months only);
        of the month rows and the day rows, or of those `periods` name only.
        The ORM only writes the rows' filters; the figures are written here, cheap to
        build."""
        scope = scope or self.scope
        qn = connection.ops.quote_name
        pieces = [self.pieces[which] for which in dict.fromkeys(w for _, _, w in figures)]
        tables = []
        month_q = either(*(each.month_q() for each in pieces))
        if month_q is not None and "month" in periods:
            tables.append((FeedbackMonth, month_q, "month"))
        day_q = either(*(each.day_q() for each in pieces))
        if day_q is not None and "day" in periods:
            tables.append((FeedbackDay, day_q, "day"))
        page, title, url = qn("page_id"), qn("page_title"), qn("page_url")
        rows = []
        for model, period_q, period in tables:
            queryset = scope.rows(model, pages=pages).filter(period_q)
            if keys_q is not None:
                queryset = queryset.filter(keys_q)
            queryset = queryset.values_list("page_id", "page_title", "page_url", period, *COUNTERS)
            rows_sql, rows_params = queryset.query.get_compiler(using=queryset.db).as_sql()
            columns, column_params = [], []
            for name, counter, which in figures:
                each = self.pieces[which]
                term = each.month_term if period == "month" else each.day_term
                sql, values = term(qn(counter))
                columns.append(f"{sql} AS {qn(name)}")
                column_params += values
            if months:
                if period != "month":
                    raise ValueError("Only whole months are summed per month.")
                columns.append(qn("month"))
            rows.append(
                (
                    f"SELECT {page}, {title}, {url}, {', '.join(columns)} "  # noqa: S608
                    f"FROM ({rows_sql}) AS {qn(period + 's')}",
                    column_params + list(rows_params),
                )
            )
        return rows

    def per_page(
        self, figures=FIGURES, keys_q: Q | None = None, *, months: bool = False
    ) -> tuple[str, list]:
        """The SQL of `figures` per page (KEY and one column per figure): the rows of
        `counted_rows` summed per live page by its id and, where the scope has deleted pages,
        per deleted page by title and address (page NULL). Grouping the live pages by a
        single integer rather than by (page, title, address) halves the hashing of every
        row. A section or page type narrows the pages once they are grouped: looking 10,000
        pages up costs less than looking up each of their rows (and the rows of `keys_q` are
        the scope's already).

        `months` (PostgreSQL, whole months only, see `months_in_fetch`) also sums the same
        rows per month (GROUPING SETS: one scan, two sums), in rows with `k_month` set and
        no page; every other row has `k_month` NULL. The months must count the section's or
        page type's pages only, so with `months` they narrow the rows before grouping
        (`Scope.rows`): a few pages' rows are read by their index, and for many pages the
        lookup per row costs less than the chart's second scan of every month row."""
        qn = connection.ops.quote_name
        pages_q = self.scope.filters.pages_q()
        pages_first = months and pages_q is not None
        rows = self.counted_rows(figures, keys_q, pages=pages_first, months=months)
        page, title, url = qn("page_id"), qn("page_title"), qn("page_url")
        k_page, k_title, k_url = (qn(name) for name in KEY)
        sums = ", ".join(f"SUM({qn(name)}) AS {qn(name)}" for name, _, _ in figures)
        month, k_month = qn("month"), qn("k_month")
        if not rows:  # no days at all: no rows
            nothing = ", ".join(f"0 AS {qn(name)}" for name, _, _ in figures)
            no_month = f"CAST(NULL AS date) AS {k_month}, " if months else ""
            return (
                f"SELECT CAST(NULL AS integer) AS {k_page}, '' AS {k_title}, '' AS {k_url}, "
                f"{no_month}{nothing} WHERE 1 = 0",
                [],
            )

        def counted(condition):
            union = " UNION ALL ".join(f"{sql} WHERE {page} {condition}" for sql, _ in rows)
            return f"FROM ({union}) AS {qn('counted')}", [p for _, ps in rows for p in ps]

        def grouped(*key):
            """GROUP BY `key`, and by month too with `months`."""
            if not months:
                return f"GROUP BY {', '.join(key)}"
            return f"GROUP BY GROUPING SETS (({', '.join(key)}), ({month}))"

        # A page's row has no month; a month's row no page, title or address.
        month_sql = f"CASE WHEN GROUPING({month}) = 0 THEN {month} END AS {k_month}, "
        month_sql = month_sql if months else ""
        source, params = counted("IS NOT NULL")
        sql = (
            f"SELECT {page} AS {k_page}, '' AS {k_title}, '' AS {k_url}, {month_sql}{sums} "
            f"{source} {grouped(page)}"
        )
        if pages_q is not None and keys_q is None and not pages_first:
            pages = Page.objects.filter(pages_q).values("pk")
            pages_sql, pages_params = pages.query.get_compiler(using=pages.db).as_sql()
            sql = (
                f"SELECT * FROM ({sql}) AS {qn('live')} "  # noqa: S608
                f"WHERE {k_page} IN ({pages_sql})"
            )
            params += list(pages_params)
        if self.scope.has_deleted_pages:
            source, source_params = counted("IS NULL")
            # A month's row: no title or address ('', as a live page's row has).
            title_sql, url_sql = (
                (f"COALESCE({title}, '')", f"COALESCE({url}, '')") if months else (title, url)
            )
            sql += (
                f" UNION ALL SELECT CAST(NULL AS integer) AS {k_page}, {title_sql} AS {k_title}, "
                f"{url_sql} AS {k_url}, {month_sql}{sums} {source} {grouped(title, url)}"
            )
            params += source_params
        return sql, params

    @property
    def months_in_fetch(self) -> bool:
        """Whether a fetch of some rows can bring the answers per month along (see
        `month_sums`): on PostgreSQL (GROUPING SETS), when the rows it sums are every month
        row of the scope, i.e. no dates chosen (a section or page type then narrows the rows
        before grouping, see `per_page`)."""
        filters = self.scope.filters
        return (
            connection.vendor == "postgresql"
            and filters.date_from is None
            and filters.date_to is None
        )

    def fetch(
        self, ordering: str, offset: int = 0, limit: int | None = None, *, months: bool = False
    ) -> list[PageRow]:
        """The rows from `offset` on in `ordering` (all with `limit` None), with their
        trends; sets `count` and `totals` when any row comes back. `months` (with a `limit`,
        where `months_in_fetch`) also sums the scope's answers per month in the same scan of
        the month rows: `month_sums`, what the chart reads (`helpfulness_over_time`)."""
        months = months and limit is not None and self.months_in_fetch
        per_page, params = self.per_page(RANGE_FIGURES, months=months)
        qn = connection.ops.quote_name
        collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
        windows = ", ".join(
            f"SUM({qn(name)}) OVER () AS {qn('total_' + name)}" for name, _, _ in RANGE_FIGURES
        )
        tiebreak = (
            f"{qn('k_page')} IS NULL, {qn('k_page')}, "
            f"{qn('k_title')}{collate}, {qn('k_url')}{collate}"
        )
        answers, helpful, comments = (qn(name) for name in ("n_answers", "n_helpful", "n_comments"))
        order_by = {
            # (NULLIF: never a page's row, which has answers, but a month's may have none)
            ORDER_LEAST_HELPFUL: (
                f"1.0 * {helpful} / NULLIF({answers}, 0), {answers} DESC, {tiebreak}"
            ),
            ORDER_MOST_COMMENTS: f"{comments} DESC, {answers} DESC, {tiebreak}",
        }.get(ordering, f"{answers} DESC, {tiebreak}")
        k_month = qn("k_month")
        source = f"({per_page}) AS {qn('grouped')}"
        pages_only = ""
        if months:  # the grouped rows read twice: the pages' and the months'
            source, pages_only = qn("grouped"), f" AND {k_month} IS NULL"
        sql = (
            f"SELECT *, COUNT(*) OVER () AS {qn('total_rows')}, {windows} "  # noqa: S608
            f"FROM {source} WHERE {answers} > 0{pages_only}"
        )
        sql = f"SELECT * FROM ({sql}) AS {qn('per_page')} ORDER BY {order_by}"  # noqa: S608
        params = list(params)
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [limit, offset]
        elif offset:
            sql += " LIMIT -1 OFFSET %s" if connection.vendor == "sqlite" else " OFFSET %s"
            params += [offset]
        if months:
            # The months after the rows shown; a month has no totals (NULL).
            no_totals = ", ".join(["NULL"] * (1 + len(RANGE_FIGURES)))
            sql = (
                f"WITH {qn('grouped')} AS ({per_page}) "  # noqa: S608
                f"SELECT * FROM (SELECT * FROM ({sql}) AS {qn('shown')} UNION ALL "
                f"SELECT *, {no_totals} FROM {qn('grouped')} WHERE {k_month} IS NOT NULL) "
                f"AS {qn('found')} ORDER BY {k_month} IS NOT NULL, {k_month}, {order_by}"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            columns = [column[0] for column in cursor.description]
            found = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
        if months:
            self.month_sums = defaultdict(lambda: [0, 0])
            for values in found:
                if values["k_month"] is not None:
                    sums = self.month_sums[values["k_month"]]
                    sums[0] += values["n_answers"] or 0
                    sums[1] += values["n_helpful"] or 0
            self.month_sums = {month: tuple(sums) for month, sums in self.month_sums.items()}
            found = [values for values in found if values["k_month"] is None]
        rows = [self.row(values) for values in found]
        if found:
            first = found[0]
            self.count = first["total_rows"]
            self.totals = Figures(
                **{name[2:]: first["total_" + name] or 0 for name, _, _ in RANGE_FIGURES}
            )
            self.add_trends(rows, every_page=limit is None and not offset)
        elif not offset:
            self.count, self.totals = 0, Figures()
        return rows

    def add_trends(self, rows: list[PageRow], *, every_page: bool = False) -> None:
        """The trend's figures of `rows` and of the totals: one query, which sums the trend's
        days of the rows' pages only (or of every page, when the rows are all of them or too
        many to name) and, without grouping, of the whole scope: of its edge days only when a
        fetch summed its months already (`month_sums`), the whole months added from those."""
        qn = connection.ops.quote_name
        keys_q = None
        if not every_page and len(rows) <= TREND_KEYS_MAX:
            keys_q = Q(page_id__in=[row.page_id for row in rows if row.page_id is not None])
            for row in rows:
                if row.page_id is None:
                    keys_q |= Q(
                        page__isnull=True, page_title=row.stored_title, page_url=row.stored_url
                    )
        per_page, params = self.per_page(TREND_FIGURES, keys_q)
        names = [name for name, _, _ in TREND_FIGURES]
        columns = ", ".join(qn(name) for name in (*KEY, *names))
        sums = ", ".join(f"SUM({qn(name)}) AS {qn(name)}" for name in names)
        sql = f"SELECT {columns}, 0 AS {qn('k_total')} FROM ({per_page}) AS {qn('trends')}"  # noqa: S608
        if self.month_sums is None:
            from_months = {}
            counted = self.counted_rows(TREND_FIGURES, scope=self.rows_scope)
        else:
            from_months = self.summed_months(TREND_FIGURES)
            counted = self.counted_rows(TREND_FIGURES, scope=self.rows_scope, periods=("day",))
        if counted:
            union = " UNION ALL ".join(each for each, _ in counted)
            sql += (
                f" UNION ALL SELECT CAST(NULL AS integer), '', '', {sums}, 1 "  # noqa: S608
                f"FROM ({union}) AS {qn('counted')}"
            )
            params = list(params) + [p for _, ps in counted for p in ps]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        by_key = {}
        for values in found:
            figures = {name[2:]: value or 0 for name, value in zip(names, values[3:], strict=False)}
            if values[-1]:
                for name, value in figures.items():
                    setattr(self.totals, name, value)
            else:
                by_key[values[0] if values[0] is not None else (values[1], values[2])] = figures
        for name, value in from_months.items():
            setattr(self.totals, name, getattr(self.totals, name) + value)
        for row in rows:
            key = row.page_id if row.page_id is not None else (row.stored_title, row.stored_url)
            for name, value in by_key.get(key, {}).items():
                setattr(row, name, value)

    def summed_months(self, figures) -> dict[str, int]:
        """{figure: the scope's answers or helpful answers in the whole months of its days}
        from `month_sums` (what `month_term` sums in SQL)."""
        index = {"answers": 0, "helpful": 1}
        summed = {}
        for name, counter, which in figures:
            months = self.pieces[which].months
            total = 0
            if months is not None:
                low, high = months
                for month, sums in self.month_sums.items():
                    if (low is None or month >= low) and (high is None or month <= high):
                        total += sums[index[counter]]
            summed[name[2:]] = total
        return summed

    @staticmethod
    def row(values) -> PageRow:
        figures = {name[2:]: values[name] or 0 for name, _, _ in RANGE_FIGURES}
        if values["k_page"] is not None:
            return PageRow(page_id=values["k_page"], **figures)
        return PageRow(stored_title=values["k_title"], stored_url=values["k_url"], **figures)

    @property
    def rows_scope(self) -> Scope:
        """The scope, told whether it has many pages once a fetch has counted them (see
        `Scope.many_pages`): for queries on its rows, such as the chart's."""
        return dataclasses.replace(self.scope, many_pages=(self.count or 0) >= MANY_PAGES)

    def summary(self) -> Figures:
        """The totals (two queries, unless a fetch already brought them)."""
        if self.totals is None:
            self.fetch(ORDER_MOST_ANSWERS, 0, 1)
        return self.totals


class SortedRows:
    """The rows of a `PageFigures` in one ordering, as Django's Paginator takes them: the
    count and each slice come from the database. `prefetch` reads the page about to be shown
    with the count and totals in the same query."""

    def __init__(self, figures: PageFigures, ordering: str):
        self.figures = figures
        self.ordering = ordering
        self.fetched: tuple[int, int, list[PageRow]] | None = None

    def prefetch(self, offset: int, limit: int, *, months: bool = False) -> None:
        self.fetched = (
            offset,
            limit,
            self.figures.fetch(self.ordering, offset, limit, months=months),
        )

    def count(self) -> int:
        if self.figures.count is None:
            self.figures.summary()
        return self.figures.count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if self.fetched is not None:
            offset, limit, rows = self.fetched
            if start == offset and stop is not None and stop <= offset + limit:
                return rows[: stop - start]
        limit = None if stop is None else stop - start
        return self.figures.fetch(self.ordering, start, limit)


def attach_pages(rows: list[PageRow]) -> list[PageRow]:
    """Give the rows on screen their pages' current admin titles (what
    Page.get_admin_display_title returns): one query, read as values."""
    ids = {row.page_id for row in rows if row.page_id}
    titles = (
        {
            pk: draft_title or title
            for pk, draft_title, title in Page.objects.filter(pk__in=ids).values_list(
                "pk", "draft_title", "title"
            )
        }
        if ids
        else {}
    )
    for row in rows:
        row.current_title = titles.get(row.page_id)
    return rows


class _PagePath:
    """All that `Page.get_url_parts` reads of a page: its `url_path` (and the site root
    paths, cached on the request), so an export of 10,000 pages needs no Page objects."""

    __slots__ = ("url_path",)

    _get_site_root_paths = Page._get_site_root_paths
    _get_relevant_site_root_paths = Page._get_relevant_site_root_paths

    def __init__(self, url_path: str):
        self.url_path = url_path


def full_url(url_path: str, request) -> str | None:
    """`Page.get_full_url(request)` of the page at `url_path`, without a `reverse()` per page
    (home/page_urls.py, Wagtail's way for anything unusual)."""
    from home.page_urls import fast_url_parts

    page = _PagePath(url_path)
    parts = fast_url_parts(page, request) or Page.get_url_parts(page, request)
    if parts is None or parts[1] is None and parts[2] is None:
        return None
    return parts[1] + parts[2]


def page_titles_and_urls(rows: list[PageRow], request) -> dict[int, tuple[str, str | None]]:
    """{page id: (admin title, full URL)} of the rows' live pages, read as values, for an
    export of every row: one query, by id for a few pages, of every page for many (no
    thousands of parameters)."""
    ids = {row.page_id for row in rows if row.page_id}
    pages = Page.objects.all() if len(ids) > TREND_KEYS_MAX else Page.objects.filter(pk__in=ids)
    return {
        pk: (draft_title or title, full_url(url_path, request))
        for pk, draft_title, title, url_path in pages.values_list(
            "pk", "draft_title", "title", "url_path"
        ).iterator(chunk_size=2000)
        if pk in ids
    }


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


def daily_sums(scope: Scope, first: datetime.date, last: datetime.date) -> dict:
    """{day: (answers, helpful)} from FeedbackDay: one query, one row per day."""
    rows = (
        scope.rows(FeedbackDay)
        .filter(day__gte=first, day__lte=last)
        .values("day")
        .annotate(n_answers=Sum("answers"), n_helpful=Sum("helpful"))
    )
    return {row["day"]: (row["n_answers"] or 0, row["n_helpful"] or 0) for row in rows}


def signed(pieces: Pieces, name: str) -> Case:
    return Case(*pieces.day_whens(name), default=Value(0), output_field=IntegerField())


def monthly_sums(scope: Scope, first: datetime.date | None, last: datetime.date) -> dict:
    """{month: (answers, helpful)} for the days `first` (None: from the start) to `last`:
    whole months from FeedbackMonth, the edge days from FeedbackDay; two queries."""
    pieces = Pieces.of(first, last)
    sums = defaultdict(lambda: [0, 0])
    month_q = pieces.month_q()
    if month_q is not None:
        for row in (
            scope.rows(FeedbackMonth)
            .filter(month_q)
            .values("month")
            .annotate(n_answers=Sum("answers"), n_helpful=Sum("helpful"))
        ):
            sums[row["month"]][0] += row["n_answers"] or 0
            sums[row["month"]][1] += row["n_helpful"] or 0
    if pieces.days:
        for row in (
            scope.rows(FeedbackDay)
            .filter(pieces.day_q())
            .values("day")
            .annotate(
                n_answers=Sum(signed(pieces, "answers")),
                n_helpful=Sum(signed(pieces, "helpful")),
            )
        ):
            month = row["day"].replace(day=1)
            sums[month][0] += row["n_answers"] or 0
            sums[month][1] += row["n_helpful"] or 0
    return {month: tuple(values) for month, values in sums.items()}


def helpfulness_over_time(
    scope: Scope, *, today: datetime.date | None = None, month_sums: dict | None = None
):
    """The chart's periods, from the first day with answers in the selection (or the first
    day chosen) to the last day chosen or today; None when nobody answered.

    The answers per month come first (whole months from FeedbackMonth): they tell the month
    of the first answer. When that is more than half a year back the chart shows those
    months; otherwise the answers per day (one more query) tell the first day, and the chart
    shows weeks (or, from a first day more than half a year back, the months). A first day
    chosen at most half a year back always shows weeks: the days alone are read.

    `month_sums`, every month of the scope summed already (`PageFigures.month_sums`, no dates
    chosen), stand in for the answers per month."""
    filters = scope.filters
    today = today or timezone.localdate()
    last = min(filters.date_to, today) if filters.date_to else today
    end = min(filters.date_to, month_end(last)) if filters.date_to else month_end(last)
    week_end = last + datetime.timedelta(days=6 - last.weekday())
    days_end = min(filters.date_to, week_end) if filters.date_to else week_end
    if filters.date_from and (last - filters.date_from).days <= WEEKLY_MAX_DAYS:
        sums = daily_sums(scope, filters.date_from, days_end)
        first = min((day for day, (n, _) in sums.items() if n > 0 and day <= end), default=None)
        return None if first is None else periods_of(sums, first, last)
    if month_sums is not None and not filters.date_from and not filters.date_to:
        per_month = {month: sums for month, sums in month_sums.items() if month <= end}
    else:
        per_month = monthly_sums(scope, filters.date_from, end)
    answered = sorted(month for month, (answers, _) in per_month.items() if answers > 0)
    if not answered:
        return None
    first = max(answered[0], filters.date_from) if filters.date_from else answered[0]
    sums = per_month
    if (last - month_end(answered[0])).days <= WEEKLY_MAX_DAYS:
        daily = daily_sums(scope, first, days_end)
        first = min((day for day, (answers, _) in daily.items() if answers > 0), default=first)
        if (last - first).days <= WEEKLY_MAX_DAYS:
            sums = daily
    return periods_of(sums, first, last)


def periods_of(sums: dict, first: datetime.date, last: datetime.date) -> list[Period]:
    """The periods from `first` to `last` with the {day or month: (answers, helpful)} of
    `sums` added up in them (what falls outside them left out)."""
    periods = periods_between(first, max(first, last))
    starts = [period.first_day for period in periods]
    for day, (answers, helpful) in sums.items():
        index = bisect_right(starts, day) - 1
        if 0 <= index < len(periods) and day < periods[index].next_first_day:
            periods[index].answers += answers
            periods[index].helpful += helpful
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
