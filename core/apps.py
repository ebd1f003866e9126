from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer every app may import: rules shared by all page types (which pages
    the public may see). It imports no app of the project."""

    name = "core"
    verbose_name = "Gemensamt"

    def ready(self):
        from . import brute_force, http_cache, wagtail_api  # noqa: F401 - brute_force's receiver

        http_cache.connect_signals()
        wagtail_api.hide_expired_pages()
