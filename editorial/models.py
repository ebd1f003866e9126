"""What the editorial app stores of its own: which images editors marked as decorative."""

from django.conf import settings
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


class DigestSubscription(models.Model):
    """Whether a user wants the weekly "Behöver åtgärdas" e-mail about the pages they own
    (editorial/digest.py). Set under Konto → Profil; no row means no e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="digest_subscription",
    )
    weekly = models.BooleanField(_("veckobrev"), default=False)

    class Meta:
        verbose_name = _("prenumeration på veckobrev")
        verbose_name_plural = _("prenumerationer på veckobrev")
        default_permissions = ()
