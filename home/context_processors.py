import contextlib
import functools

from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from home.per_request import active_locale, private_q, remembered


def site_frame(request):
    """The navigation in the site header: the home page's menu children in the active language,
    and the home page in each language it is published in (for the language switcher).

    Read only when a template uses it (the Wagtail admin renders its pages with this context
    processor too and never does). Remembered per process for the content generation
    (home/per_request.py `remembered`: a publish, move, view restriction… anywhere forgets
    it), so a page view usually reads no menu at all; otherwise two queries (three in a
    language other than the site root's)."""

    @functools.cache
    def frame():
        site = Site.find_for_request(request)
        if site is None:
            return None, [], []
        locale = active_locale()
        return remembered(
            ("site_frame", site.pk, site.root_page_id, locale.pk if locale else None),
            lambda: read_frame(site.root_page, locale),
        )

    return {
        "site_root": SimpleLazyObject(lambda: frame()[0]),
        "menu_pages": SimpleLazyObject(lambda: frame()[1]),
        "site_root_translations": SimpleLazyObject(lambda: frame()[2]),
    }


def read_frame(root, locale):
    """(the site root in `locale`, its menu children, the site root's live translations)."""
    if locale is not None and root.locale_id != locale.id:
        with contextlib.suppress(Page.DoesNotExist):
            root = root.get_translation(locale)
    # Specific pages (a query per page type, once per generation): their URLs are built
    # without a reverse() each (home/page_urls.py), on every page view.
    menu = list(
        root.get_children().live().exclude(private_q()).in_menu().order_by("path").specific()
    )
    translations = list(root.get_translations(inclusive=True).live().specific())
    return root.specific, menu, translations
