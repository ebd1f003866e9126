from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site, get_page_models

from core.http_cache import content_version, fragment_seconds
from core.visibility import visible_pages


def site_frame(request):
    """What every template may use for the frame's fragment cache: `{% cache fragment_seconds
    "name" LANGUAGE_CODE content_version %}` (the version is read only when a template uses
    it; the Wagtail admin renders its pages with this context processor too)."""
    seconds = fragment_seconds()
    return {
        "fragment_seconds": seconds,
        # Not even read where fragments are not kept (a per-process cache).
        "content_version": SimpleLazyObject(content_version) if seconds != 0 else "",
    }


def footer_content_types():
    """The page types the footer links (`show_in_site_footer`, e.g. the accessibility
    statement); their ids come from Django's content type cache, not a query per page."""
    models = [model for model in get_page_models() if getattr(model, "show_in_site_footer", False)]
    return list(ContentType.objects.get_for_models(*models, for_concrete_models=False).values())


class SiteFrame:
    """The frame around a page (`{% site_frame page as frame %}`): the site root in the active
    language, its menu children and footer pages, the page in each language it is published in
    (hreflang and the language switcher) and its ancestors (breadcrumbs). Read in one query of
    plain pages (titles and links), and only when first asked for: a cached fragment never asks."""

    def __init__(self, request, page=None):
        self.request = request
        self.page = page if isinstance(page, Page) and page.pk else None
        try:
            self.language = get_supported_content_language_variant(get_language())
        except LookupError:  # no active language (a template rendered outside a request)
            self.language = settings.LANGUAGE_CODE
        self.site = Site.find_for_request(request) if request is not None else None

    @cached_property
    def pages(self):
        if self.site is None:
            return []
        root = self.site.root_page
        children = Q(depth=root.depth + 1, locale__language_code=self.language)
        wanted = (
            Q(translation_key=root.translation_key)
            | (children & Q(show_in_menus=True))
            | (children & Q(content_type__in=footer_content_types()))
        )
        if self.page is not None:
            steps = range(root.depth + 1, self.page.depth)
            ancestors = [self.page.path[: depth * Page.steplen] for depth in steps]
            wanted |= Q(translation_key=self.page.translation_key) | Q(path__in=ancestors)
        pages = visible_pages(Page.objects.filter(wanted)).select_related("locale")
        return list(pages.order_by("path"))

    def translations_of(self, page):
        return {
            row.locale.language_code: row
            for row in self.pages
            if row.translation_key == page.translation_key
        }

    @cached_property
    def root(self):
        if self.site is None:
            return None
        root = self.site.root_page
        return self.translations_of(root).get(self.language, root)

    def root_children(self, keep):
        root = self.root
        if root is None:
            return []
        return [
            row
            for row in self.pages
            if row.depth == root.depth + 1 and row.path.startswith(root.path) and keep(row)
        ]

    @cached_property
    def menu(self):
        return self.root_children(lambda row: row.show_in_menus)

    @cached_property
    def footer(self):
        """The site's information pages (accessibility statement, privacy, contact…) in the
        active language, in their order in the page tree."""
        types = {content_type.pk for content_type in footer_content_types()}
        return self.root_children(lambda row: row.content_type_id in types)

    @cached_property
    def ancestors(self):
        """Between the site root and the page, from the top."""
        if self.page is None or self.root is None:
            return []
        return [
            row
            for row in self.pages
            if self.root.depth < row.depth < self.page.depth and self.page.path.startswith(row.path)
        ]

    @cached_property
    def alternates(self):
        """(language, full URL) of the page in each language, when there is more than one."""
        translations = self.translations_of(self.page) if self.page is not None else {}
        if len(translations) < 2:
            return []
        return [(code, page.get_full_url(self.request)) for code, page in translations.items()]

    @cached_property
    def languages(self):
        """Links to this page in the other languages; where a translation is missing, to that
        language's home page (never a 404)."""
        translations = self.translations_of(self.page) if self.page is not None else {}
        homes = self.translations_of(self.site.root_page) if self.site is not None else {}
        targets = {
            code: translations.get(code) or homes.get(code) for code, _ in settings.LANGUAGES
        }
        return [
            {"code": code, "name": name, "url": targets[code].get_url(self.request)}
            for code, name in settings.LANGUAGES
            if code != self.language and targets[code] is not None
        ]
