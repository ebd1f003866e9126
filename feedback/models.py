"""One row per answer to "Hjälpte informationen på sidan dig?".

Nothing identifies the person who answered: no IP address, no cookie, no user. The page's title
and URL are kept on the row so feedback outlives the page.

`FeedbackDay` and `FeedbackMonth` hold the same answers counted per page, language and
Stockholm day or month, so the admin report costs pages × months (plus the days at a period's
edges) rather than one row read per answer. feedback/days.py keeps them in step with every
write; `manage.py rebuild_feedback_days` recomputes both from scratch."""

import datetime

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class PageScopedQuerySet(models.QuerySet):
    def for_pages(self, section):
        """Rows on `section` and every page below it (by tree path, so moves are followed)."""
        return self.filter(page__path__startswith=section.path)


class FeedbackQuerySet(PageScopedQuerySet):
    def between_days(self, first=None, last=None):
        """Answers on the local days `first` to `last`, both included; None leaves a side open."""
        return self.created_between(
            local_midnight(first) if first else None,
            local_midnight(last + datetime.timedelta(days=1)) if last else None,
        )

    def created_between(self, start=None, end=None):
        """Answers from `start` (inclusive) up to `end` (exclusive); None leaves a side open."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(created_at__gte=start)
        if end is not None:
            queryset = queryset.filter(created_at__lt=end)
        return queryset

    def with_comments(self):
        return self.exclude(comment="")

    def summary(self):
        return self.aggregate(
            answers=Count("id"),
            helpful=Count("id", filter=Q(helpful=True)),
            comments=Count("id", filter=~Q(comment="")),
        )


class Feedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    page_title = models.CharField(_("sidans titel"), max_length=255)
    page_url = models.CharField(_("sidans adress"), max_length=2048, blank=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("språk"), null=True, on_delete=models.SET_NULL
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("publicerad version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Den version av sidan som besökaren såg."),
    )
    helpful = models.BooleanField(_("hjälpsam"))
    comment = models.TextField(_("kommentar"), blank=True, max_length=COMMENT_MAX_LENGTH)
    handled = models.BooleanField(_("hanterad"), default=False)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("återkoppling")
        verbose_name_plural = _("återkoppling")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["page", "created_at"]),
            # A page's comments, newest first, and their count (the per-page view): a few
            # entries of the page's answers rather than all of them (40,000 on a busy page).
            models.Index(
                fields=["page", "-created_at"],
                condition=~Q(comment=""),
                name="feedback_comment_page_idx",
            ),
        ]
        permissions = [("export_feedback", _("Kan exportera återkoppling"))]

    def __str__(self):
        answer = _("ja") if self.helpful else _("nej")
        return f"{self.page_title}: {answer}"


class FeedbackCountQuerySet(PageScopedQuerySet):
    pass


class FeedbackDayQuerySet(FeedbackCountQuerySet):
    def between_days(self, first=None, last=None):
        queryset = self
        if first is not None:
            queryset = queryset.filter(day__gte=first)
        if last is not None:
            queryset = queryset.filter(day__lte=last)
        return queryset


class FeedbackCount(models.Model):
    """Answers on one page in one language in a period, counted (see the subclasses).

    A live page has one row per language and period (a partial unique constraint, which the
    writers in feedback/days.py rely on to create or update a row in one statement under
    concurrency); its title and address here are only those of the first answer in the
    period. When the page is deleted, its rows are regrouped like its answers: page NULL, by
    the page's last title and address (see feedback/signals.py)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_title = models.CharField(_("sidans titel"), max_length=255)
    page_url = models.CharField(_("sidans adress"), max_length=2048, blank=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("språk"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answers = models.PositiveIntegerField(_("svar"), default=0)
    helpful = models.PositiveIntegerField(_("hjälpsamma"), default=0)
    comments = models.PositiveIntegerField(_("kommentarer"), default=0)

    class Meta:
        abstract = True


class FeedbackDay(FeedbackCount):
    """The answers on one page in one language on one day (Europe/Stockholm), counted."""

    day = models.DateField(_("dag"))

    objects = FeedbackDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("återkoppling per dag")
        verbose_name_plural = _("återkoppling per dag")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["page", "locale", "day"],
                condition=Q(page__isnull=False),
                name="feedback_day_unique_live_page",
            )
        ]
        indexes = [
            models.Index(fields=["day"], name="feedback_day_day_idx"),
            models.Index(fields=["page", "day"], name="feedback_day_page_day_idx"),
        ]

    def __str__(self):
        return f"{self.page_title} {self.day}: {self.helpful}/{self.answers}"


class FeedbackMonth(FeedbackCount):
    """The same counts per calendar month (Europe/Stockholm): `month` is its first day.

    The report sums whole months from here and only the days at the edges of a period from
    `FeedbackDay`, so a year costs pages × 12 rows, not pages × 365. Kept in step with
    `FeedbackDay` by feedback/days.py, in the same transaction."""

    month = models.DateField(_("månad"))

    objects = FeedbackCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("återkoppling per månad")
        verbose_name_plural = _("återkoppling per månad")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["page", "locale", "month"],
                condition=Q(page__isnull=False),
                name="feedback_month_unique_live_page",
            )
        ]
        indexes = [
            models.Index(fields=["month"], name="feedback_month_month_idx"),
            models.Index(fields=["page", "month"], name="feedback_month_page_month_idx"),
        ]

    def __str__(self):
        return f"{self.page_title} {self.month:%Y-%m}: {self.helpful}/{self.answers}"
