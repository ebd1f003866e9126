"""The shared page base: abstract (no extra table or join on every page query), composed of
small mixins that each bring their own fields and panels; the feedback and comments switches
come from their own apps."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from base.forms import BasePageForm
from base.translation_status import TranslationStatusPanel
from comments.mixins import CommentsMixin
from core.visibility import VisiblePageManager, view_restrictions
from feedback.mixins import FeedbackMixin

from .preview import PagePreview


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
    # Read with the page when it is served (route), not one by one as the template asks.
    served_with = ("locale",)
    base_form_class = BasePageForm

    promote_panels = Page.promote_panels + SocialImageMixin.promote_panels
    settings_panels = (
        [TranslationStatusPanel(heading=_("Översättning"))]
        + Page.settings_panels
        + FeedbackMixin.settings_panels
        + CommentsMixin.settings_panels
    )

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        """Every page type's API answer has what its HTML head and frame show, as `site/find/`
        does (base/api_page.py), besides the fields it lists itself."""
        super().__init_subclass__(**kwargs)
        from base.api_page import PAGE_API_FIELDS

        own = getattr(cls, "api_fields", [])
        names = {getattr(field, "name", field) for field in own}
        cls.api_fields = [*own, *(field for field in PAGE_API_FIELDS if field.name not in names)]

    @property
    def teaser(self):
        """A sentence or two for cards and listings; page types override it."""
        return self.search_description

    def route(self, request, path_components):
        """The page at the end of the path in two queries (its row by slug and URL path, then
        its type's), not two per level: no page type here routes paths of its own below it.
        A path that names no page is left to Wagtail's level-by-level routing."""
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "".join(f"{component}/" for component in path_components)
        try:
            page = Page.objects.get(
                slug=path_components[-1], url_path=url_path, path__startswith=self.path
            )
        except (Page.DoesNotExist, Page.MultipleObjectsReturned):
            return super().route(request, path_components)
        model = page.specific_class
        if model is None or not issubclass(model, BasePage):
            return page.specific.route(request, [])
        return model.objects.select_related(*model.served_with).get(pk=page.pk).route(request, [])

    def get_view_restrictions(self):
        return view_restrictions(self)

    def serve_password_required_response(self, request, form, action_url):
        """The password form of a restricted page: never kept by a shared cache."""
        response = super().serve_password_required_response(request, form, action_url)
        add_never_cache_headers(response)
        return response

    def serve_preview(self, request, mode_name):
        """With HEADLESS_PREVIEW_URL set, the admin's preview shows the decoupled front end,
        which reads this snapshot of the editor's content from /api/v3/site/preview/."""
        front_end = getattr(settings, "HEADLESS_PREVIEW_URL", "")
        if not front_end:
            return super().serve_preview(request, mode_name)
        preview = PagePreview.snapshot(self)
        query = urlencode({"token": preview.token, "type": self.specific_class._meta.label})
        return HttpResponseRedirect(f"{front_end}?{query}")
