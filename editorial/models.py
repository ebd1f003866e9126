"""What the editorial app stores of its own: which images editors marked as decorative."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecorativeImage(models.Model):
    """An image an editor chose "Dekorativ bild" for on upload: it has no alternative text
    on purpose. Images with neither are listed under "Behöver åtgärdas" when in use."""

    image = models.OneToOneField(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="decorative_mark",
    )
    marked_at = models.DateTimeField(_("markerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("dekorativ bild")
        verbose_name_plural = _("dekorativa bilder")
        default_permissions = ()
