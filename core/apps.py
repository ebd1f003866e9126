from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer every app may import: rules shared by all page types (which pages
    the public may see). It imports no app of the project."""

    name = "core"
    verbose_name = "Gemensamt"
