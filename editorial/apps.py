from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' side of the admin: SKL's roles (groups) and the "Behöver åtgärdas" list."""

    name = "editorial"
    verbose_name = _("Redaktionellt arbete")
