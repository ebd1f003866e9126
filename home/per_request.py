"""Reads that one page view would otherwise repeat, done once per request.

A page view asks several times which sections are private (Wagtail's `.public()` reads every
view restriction each time it is called; its serve hook and the page cache ask the page for
its own restrictions, two queries each) and which languages exist. These answers are kept for
the rest of the request, in the thread serving it (the web server's threads run one request
per thread at a time): Django's `request_started` opens the memo and `request_finished` drops
it, and any save or delete in between (an editor changing a restriction, a locale, moving a
page) empties it, so a request never reads its own writes stale. Outside a request (commands,
tests calling functions directly) nothing is kept.

What only published content decides (the restrictions, the locales, the site frame's menu,
a catalogue's filter choices...) is moreover remembered across requests (`remembered`): per
process, for the page cache's content generation when that lives in Redis, at most
REMEMBERED_SECONDS; without Redis, once per request as above."""

import logging
import threading
import time

from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)
_state = threading.local()
# Facts remembered in this process for one content generation (`remembered`).
REMEMBERED_SECONDS = 60
REMEMBERED_MAX = 1000
_remembered = {}  # key: (generation, since (monotonic), value)


def _open(**kwargs):
    _state.memo = {}


def _close(**kwargs):
    _state.memo = None


def _forget(**kwargs):
    memo = getattr(_state, "memo", None)
    if memo:
        memo.clear()


def connect_signals():
    from wagtail.signals import post_page_move

    request_started.connect(_open, dispatch_uid="per_request_open")
    request_finished.connect(_close, dispatch_uid="per_request_close")
    for signal in (post_save, post_delete, m2m_changed, post_page_move):
        signal.connect(_forget, dispatch_uid=f"per_request_forget_{id(signal)}")


def memoized(key, compute):
    """`compute()`, once per request under `key`."""
    memo = getattr(_state, "memo", None)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


# --- view restrictions -----------------------------------------------------------------------


def view_restrictions():
    """Every page view restriction with its page (one query; a site has a handful),
    remembered for the content generation (a restriction saved or deleted bumps it)."""
    from wagtail.models import PageViewRestriction

    return remembered(
        "view_restrictions",
        lambda: tuple(PageViewRestriction.objects.select_related("page")),
    )


def private_q():
    """As Wagtail's `PageQuerySet.private_q()`: pages in a private section, themselves included;
    `.exclude(private_q())` is `.public()`."""
    from wagtail.models import Page

    q = Q()
    for restriction in view_restrictions():
        q |= Page.objects.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])


def page_view_restrictions(page):
    """What `page.get_view_restrictions()` returns, without its two queries when the site has
    no view restriction at all (the usual case)."""
    from wagtail.models import Page, PageViewRestriction

    if not view_restrictions():
        return PageViewRestriction.objects.none()
    return Page.get_view_restrictions(page)


# --- languages -------------------------------------------------------------------------------


def locales():
    """Every locale by id (one query; there are two), remembered for the content generation
    (a locale saved or deleted bumps it)."""
    from wagtail.models import Locale

    return remembered("locales", lambda: {locale.pk: locale for locale in Locale.objects.all()})


def locale_for_language(language_code):
    """The Locale for `language_code` (as Wagtail's `Locale.get_for_language`, which reads the
    database each time), or None."""
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        code = get_supported_content_language_variant(language_code)
    except LookupError:
        return None
    return next((loc for loc in locales().values() if loc.language_code == code), None)


def active_locale():
    """The Locale of the active language, else the default one (as `Locale.get_active()`)."""
    from django.conf import settings
    from django.utils import translation

    return locale_for_language(translation.get_language() or "") or locale_for_language(
        settings.LANGUAGE_CODE
    )


# --- remembered for the content generation ---------------------------------------------------


def shared_generation():
    """The page cache's content generation (home/page_cache.py), read once per request, when
    it lives in a cache every process shares (Redis); None otherwise (per-process memory:
    another process's change would never reach this one's number)."""

    def read():
        from home import page_cache

        if not page_cache.generation_is_shared():
            return None
        try:
            return page_cache.current_generation()
        except Exception:  # Redis is down: read everything, as without it
            logger.warning("Innehållsgenerationen kunde inte läsas", exc_info=True)
            return None

    return memoized("shared_generation", read)


def remembered(key, compute):
    """`compute()`, remembered in this process for the content generation and at most
    REMEMBERED_SECONDS: for what only published content decides (the menu, a catalogue's
    years). Every publish, unpublish, move, delete, view restriction, site or locale change
    bumps the generation in the shared cache before and again after it commits, so a value
    read while a change was under way is never kept past it. Without a shared generation,
    once per request.

    The value may be shared by threads: read it, never change it."""
    generation = shared_generation()
    if generation is None:
        return memoized(("remembered", key), compute)
    now = time.monotonic()
    entry = _remembered.get(key)
    if entry is not None and entry[0] == generation and now - entry[1] <= REMEMBERED_SECONDS:
        return entry[2]
    value = compute()
    if len(_remembered) >= REMEMBERED_MAX:
        _remembered.clear()
    _remembered[key] = (generation, now, value)
    return value


def forget_remembered():
    """Forget what this process remembers (tests)."""
    _remembered.clear()
