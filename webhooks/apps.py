from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed webhooks to decoupled front ends when published content changes (docs/api.md,
    "Webhooks"), sent by the background worker. Imports core; no app imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from .events import connect_signals

        connect_signals()
