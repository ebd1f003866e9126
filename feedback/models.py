"""An answer to "Hjälpte informationen på sidan dig?" (nothing identifies who answered; the
page's title and URL are kept so it outlives the page), and the answers counted per month."""

import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import Count, DateField, F, Q
from django.db.models.functions import TruncMonth
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

COMMENT_MAX_LENGTH = 1000
ONE_DAY = datetime.timedelta(days=1)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class FeedbackQuerySet(models.QuerySet):
    def between_days(self, first=None, last=None):
        """Local days `first` to `last`, both included; None leaves a side open."""
        queryset = self
        if first is not None:
            queryset = queryset.filter(created_at__gte=local_midnight(first))
        if last is not None:
            queryset = queryset.filter(created_at__lt=local_midnight(last) + ONE_DAY)
        return queryset

    def with_comments(self):
        return self.exclude(comment="")


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
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("återkoppling")
        verbose_name_plural = _("återkoppling")
        ordering = ["-created_at"]
        indexes = [
            # The report's edge days, trends and weekly chart read this index alone.
            models.Index(
                fields=["created_at"], include=["page", "helpful"], name="feedback_created_idx"
            ),
            models.Index(fields=["page", "created_at"]),
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


def month_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment, timezone.get_default_timezone()).replace(day=1)


class FeedbackMonthManager(models.Manager):
    """Every write to `Feedback` changes its month's row with `F()` in the same transaction."""

    def add(self, feedback, **counts) -> None:
        """Add `counts` (answers, helpful, comments; negative: take off) to the answer's
        month; nothing for a deleted page."""
        if feedback.page_id is None or feedback.locale_id is None:
            return
        month = month_of(feedback.created_at)
        key = {"page_id": feedback.page_id, "locale_id": feedback.locale_id, "month": month}
        changes = {name: F(name) + value for name, value in counts.items() if value}
        rows = self.filter(**key)
        if rows.update(**changes) or counts.get("answers", 0) <= 0:
            return
        try:
            with transaction.atomic():
                self.create(**key, **counts)
        except IntegrityError:  # created by a concurrent answer since the update
            rows.update(**changes)


class FeedbackMonth(models.Model):
    """An existing page's answers in one language and Stockholm month (`month`: its first
    day); they go with the page, its answers stay."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("sida"), on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("språk"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("månad"))
    answers = models.PositiveIntegerField(_("svar"), default=0)
    helpful = models.PositiveIntegerField(_("hjälpsamma"), default=0)
    comments = models.PositiveIntegerField(_("kommentarer"), default=0)

    objects = FeedbackMonthManager()

    class Meta:
        verbose_name = _("återkoppling per månad")
        verbose_name_plural = _("återkoppling per månad")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["page", "locale", "month"], name="feedback_month_page_locale_month"
            )
        ]
        indexes = [models.Index(fields=["month"], name="feedback_month_month_idx")]


def rebuild_months(Feedback=Feedback, FeedbackMonth=FeedbackMonth) -> int:  # noqa: N803
    """Recount every FeedbackMonth row from Feedback; a migration passes its historical models
    (after a bulk import, `manage.py rebuild_feedback_counts`)."""
    month = TruncMonth("created_at", DateField(), tzinfo=timezone.get_default_timezone())
    counted = (
        Feedback.objects.filter(page__isnull=False, locale__isnull=False)
        .order_by()
        .values_list("page_id", "locale_id", month)
        .annotate(
            n=Count("pk"),
            yes=Count("pk", filter=Q(helpful=True)),
            with_comment=Count("pk", filter=~Q(comment="")),
        )
    )
    names = ("page_id", "locale_id", "month", "answers", "helpful", "comments")
    with transaction.atomic():
        FeedbackMonth.objects.all().delete()
        found = counted.iterator(chunk_size=5000)
        made = (FeedbackMonth(**dict(zip(names, row, strict=True))) for row in found)
        return len(FeedbackMonth.objects.bulk_create(made, batch_size=5000))


@receiver(pre_delete)
def keep_last_title_and_url(sender, instance, **kwargs):
    """A deleted page's answers keep its last title and URL."""
    if not isinstance(instance, Page):
        return
    fields = {"page_title": instance.title[:255]}
    if url := instance.get_url():
        fields["page_url"] = url[:2048]
    Feedback.objects.filter(page_id=instance.pk).update(**fields)
