import contextlib
import functools

from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from home.per_request import active_locale, private_q


def site_frame(request):
    """The navigation in the site header: the home page's menu children in the active language.

    Read only when a template uses it (the Wagtail admin renders its pages with this context
    processor too and never does). The locales and view restrictions are read once per request
    (home/per_request.py); the site root's translation and the menu cost a query each."""

    @functools.cache
    def frame():
        site = Site.find_for_request(request)
        if site is None:
            return None, []
        root = site.root_page
        locale = active_locale()
        if locale is not None and root.locale_id != locale.id:
            with contextlib.suppress(Page.DoesNotExist):
                root = root.get_translation(locale)
        menu = root.get_children().live().exclude(private_q()).in_menu().order_by("path")
        return root, menu

    return {
        "site_root": SimpleLazyObject(lambda: frame()[0]),
        "menu_pages": SimpleLazyObject(lambda: frame()[1]),
    }
