from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """What every page type shares: BasePage, blocks, snippets (people, organisations,
    topics), serializers, listing helpers and the site frame. Imports core, feedback and
    comments; every content app imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "base"
    verbose_name = _("Gemensamt innehåll")

    def ready(self):
        from core.http_cache import purge_when_changed

        from .models import Organisation, Person, Topic

        purge_when_changed(Person, Organisation, Topic)
