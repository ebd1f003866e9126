from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"
    verbose_name = _("Kommentarer")

    def ready(self):
        from core.http_cache import content_changed

        from .signals import comment_visibility_changed

        # A comment shown or hidden changes the page for every visitor: purge the front cache.
        comment_visibility_changed.connect(content_changed, dispatch_uid="comments_purge")
