"""Webhook endpoints front ends register, and the log of what was sent to them."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .addresses import check_endpoint_url
from .signing import new_secret

# Log rows older than this are deleted whenever new ones are written.
LOG_RETENTION = timedelta(days=30)


class EventType(models.TextChoices):
    PAGE_PUBLISHED = "page.published", _("Sida publicerad")
    PAGE_UNPUBLISHED = "page.unpublished", _("Sida avpublicerad")
    PAGE_MOVED = "page.moved", _("Sida flyttad")
    PAGE_DELETED = "page.deleted", _("Sida raderad")
    SNIPPET_SAVED = "snippet.saved", _("Snutt sparad")
    SNIPPET_DELETED = "snippet.deleted", _("Snutt raderad")
    IMAGE_SAVED = "image.saved", _("Bild sparad")
    IMAGE_DELETED = "image.deleted", _("Bild raderad")


class WebhookEndpointQuerySet(models.QuerySet):
    def subscribed_to(self, event_type):
        """Active endpoints that want `event_type` (no filter: every event). Read in Python:
        SQLite has no JSON `contains`, and a site has a handful of endpoints."""
        endpoints = self.filter(active=True).order_by("pk")
        return [e for e in endpoints if not e.event_types or event_type in e.event_types]


class WebhookEndpoint(models.Model):
    url = models.URLField(
        _("adress"),
        max_length=500,
        validators=[check_endpoint_url],
        help_text=_(
            "Dit händelserna skickas med POST, t.ex. https://www.example.se/api/revalidate"
        ),
    )
    description = models.CharField(_("beskrivning"), max_length=255, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    event_types = models.JSONField(
        _("händelser"),
        default=list,
        blank=True,
        help_text=_("Välj inga för att få alla händelser."),
    )
    # Shown once when the endpoint is created; the receiver verifies signatures with it.
    secret = models.CharField(_("hemlighet"), max_length=100, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook-mottagare")
        verbose_name_plural = _("webhook-mottagare")
        ordering = ["url"]

    def __str__(self):
        return self.description or self.url


class WebhookDeliveryQuerySet(models.QuerySet):
    def prune(self):
        """Deletes log rows past LOG_RETENTION."""
        self.filter(created_at__lt=timezone.now() - LOG_RETENTION).delete()


class WebhookDelivery(models.Model):
    """One event on its way to one endpoint: every attempt updates this row."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar")
        RETRYING = "retrying", _("Nytt försök planerat")
        DELIVERED = "delivered", _("Levererad")
        FAILED = "failed", _("Misslyckad")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("mottagare"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event_id = models.CharField(_("händelse-id"), max_length=40)
    event_type = models.CharField(_("händelse"), max_length=40, choices=EventType.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    response_status = models.PositiveSmallIntegerField(_("svarskod"), null=True, blank=True)
    error = models.TextField(_("fel"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField(_("senaste försök"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("nästa försök"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("levererad"), null=True, blank=True)
    # The exact body sent (and signed) on every attempt.
    body = models.TextField(_("innehåll"))

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook-leverans")
        verbose_name_plural = _("webhook-leveranser")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_event_type_display()} → {self.endpoint}"
