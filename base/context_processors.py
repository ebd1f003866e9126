import contextlib
import functools

from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale, Page, Site

from core.http_cache import content_version, fragment_seconds
from core.visibility import visible_pages


def site_frame(request):
    """The navigation in the site header: the home page's menu children in the active language,
    and the home page in each language it is published in (for the language switcher).

    Read only when a template uses it (the Wagtail admin renders its pages with this context
    processor too and never does): two or three queries per page view."""

    @functools.cache
    def frame():
        site = Site.find_for_request(request)
        if site is None:
            return None, [], []
        return read_frame(site.root_page, Locale.get_active())

    return {
        # For `{% cache fragment_seconds "name" LANGUAGE_CODE content_version %}`.
        "fragment_seconds": fragment_seconds(),
        "content_version": SimpleLazyObject(content_version),
        "site_root": SimpleLazyObject(lambda: frame()[0]),
        "menu_pages": SimpleLazyObject(lambda: frame()[1]),
        "site_root_translations": SimpleLazyObject(lambda: frame()[2]),
    }


def read_frame(root, locale):
    """(the site root in `locale`, its menu children, the site root's live translations)."""
    if locale is not None and root.locale_id != locale.id:
        with contextlib.suppress(Page.DoesNotExist):
            root = root.get_translation(locale)
    # Plain pages: the frame shows titles and links only, and `.specific()` would read each
    # page type's table as well.
    menu = list(visible_pages(root.get_children()).in_menu().order_by("path"))
    translations = list(visible_pages(root.get_translations(inclusive=True)))
    return root, menu, translations
