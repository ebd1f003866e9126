from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Startsida och innehållsbyggstenar")

    def ready(self):
        from core.http_cache import purge_when_changed

        from .models import Organisation, Person, Topic

        purge_when_changed(Person, Organisation, Topic)
