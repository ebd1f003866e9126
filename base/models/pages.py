"""The shared page base: abstract (no extra table or join on every page query), composed of
small mixins that each bring their own fields and panels; the feedback and comments switches
come from their own apps."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from base.translation_status import TranslationStatusPanel
from comments.mixins import CommentsMixin
from core.visibility import VisiblePageManager
from feedback.mixins import FeedbackMixin


class SocialImageMixin(models.Model):
    """The image used when the page is shared (OpenGraph, Twitter cards)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("delningsbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visas när sidan delas i sociala medier."),
    )

    promote_panels = [FieldPanel("social_image")]

    class Meta:
        abstract = True


class BasePage(FeedbackMixin, CommentsMixin, SocialImageMixin, Page):
    objects = VisiblePageManager()

    promote_panels = Page.promote_panels + SocialImageMixin.promote_panels
    settings_panels = (
        [TranslationStatusPanel()]
        + Page.settings_panels
        + FeedbackMixin.settings_panels
        + CommentsMixin.settings_panels
    )

    class Meta:
        abstract = True

    @property
    def teaser(self):
        """A sentence or two for cards and listings; page types override it."""
        return self.search_description

    def serve_preview(self, request, mode_name):
        """With HEADLESS_PREVIEW_URL set, the admin's preview shows the decoupled front end,
        which reads this snapshot of the editor's content from /api/v3/site/preview/."""
        front_end = getattr(settings, "HEADLESS_PREVIEW_URL", "")
        if not front_end:
            return super().serve_preview(request, mode_name)
        from .preview import PagePreview

        preview = PagePreview.snapshot(self)
        query = urlencode({"token": preview.token, "type": self.specific_class._meta.label})
        return HttpResponseRedirect(f"{front_end}?{query}")
