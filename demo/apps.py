from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: seed content from shared/seeds and the demo admin (never in production).
    The top layer: it imports every content app and nothing imports it."""

    name = "demo"
    verbose_name = "Demo"
