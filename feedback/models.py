"""One row per answer to "Hjälpte informationen på sidan dig?".

Nothing identifies the person who answered: no IP address, no cookie, no user. The page's title
and URL are kept on the row so feedback outlives the page."""

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class FeedbackQuerySet(models.QuerySet):
    def for_pages(self, section):
        """Feedback on `section` and every page below it (by tree path, so moves are followed)."""
        return self.filter(page__path__startswith=section.path)

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
        indexes = [models.Index(fields=["page", "created_at"])]
        permissions = [("export_feedback", _("Kan exportera återkoppling"))]

    def __str__(self):
        answer = _("ja") if self.helpful else _("nej")
        return f"{self.page_title}: {answer}"
