"""Page URLs without a `reverse()` for each page.

Wagtail works out every page URL by activating the page's language and reversing
`wagtail_serve` with the page's path (about 0.2 ms a link: a catalogue page has twenty, an API
listing forty). The result is always the language's prefix ("/" or "/en/") followed by the
page's path below the site root, percent-encoded as `reverse()` does it; the prefix is reversed
once per language (and script prefix) and kept. Anything unusual (a page in several sites, a
path `wagtail_serve` would not match, WAGTAIL_APPEND_SLASH off, i18n off) goes Wagtail's way.
`tests/home/test_page_urls.py` compares both for every page."""

import functools
import re
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import WAGTAIL_APPEND_SLASH, get_supported_content_language_variant

# wagtail/urls.py's serve_pattern (with WAGTAIL_APPEND_SLASH), without its anchors.
SERVE_PATH = re.compile(r"(?:[\w\-]+/)*\Z")
SAFE = RFC3986_SUBDELIMS + "/~:@"  # as django.urls.resolvers quotes a reversed URL


@functools.lru_cache(maxsize=64)
def _serve_prefix(language_code, script_prefix, urlconf):
    try:
        with translation.override(language_code):
            return reverse("wagtail_serve", args=("",), urlconf=urlconf)
    except NoReverseMatch:
        return None


def serves_one_site(page, request=None) -> bool:
    """Whether the sites serve one root URL, so that a page's URL is its path alone (as
    `Page.get_url` decides; with several, the request's own site is a query)."""
    return len({root_path[0] for root_path in page._get_site_root_paths(request)}) == 1


def fast_url_parts(page, request=None):
    """What `Page.get_url_parts(request)` returns, or None to let Wagtail work it out."""
    if not WAGTAIL_APPEND_SLASH or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    possible_sites = page._get_relevant_site_root_paths(request)
    if not possible_sites or len({values[0] for values in possible_sites}) > 1:
        return None
    site_id, root_path, root_url, language_code = possible_sites[0]
    active = translation.get_language()
    try:  # as Wagtail: a variant of the page's language that is active is used instead
        if get_supported_content_language_variant(active) == language_code:
            language_code = active
    except LookupError:
        pass
    rest = page.url_path[len(root_path) :]
    if not SERVE_PATH.match(rest):
        return None
    prefix = _serve_prefix(language_code, get_script_prefix(), get_urlconf())
    if prefix is None:
        return None
    return (site_id, root_url, prefix + quote(rest, safe=SAFE))
