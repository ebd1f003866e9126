"""The comments switch every content page has (composed into base.models.BasePage)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel


class CommentsMixin(models.Model):
    """Public comments (comments/): off unless a page type or an editor switches them on.
    Nothing is shown before an editor with the "moderate_comment" permission approves it."""

    comments_enabled = models.BooleanField(
        _("tillåt kommentarer"),
        default=False,
        help_text=_("Besökare kan kommentera sidan. Kommentarer visas först när de granskats."),
    )
    comments_close_at = models.DateTimeField(
        _("stäng kommentarer"),
        null=True,
        blank=True,
        help_text=_("Efter den här tidpunkten tas inga nya kommentarer emot. Tomt: inget slut."),
    )

    settings_panels = [
        MultiFieldPanel(["comments_enabled", "comments_close_at"], heading=_("Kommentarer"))
    ]

    class Meta:
        abstract = True

    @property
    def comments_open(self) -> bool:
        """New comments are taken: switched on and not past the closing time."""
        close_at = self.comments_close_at
        return self.comments_enabled and (close_at is None or timezone.now() < close_at)
