"""A shared cache for what anonymous visitors read: Wagtail pages and the API's GETs.

- **What is cached.** GET/HEAD answers with status 200 of Wagtail pages and of the JSON API
  (`/api/`), for requests without a session cookie or an `Authorization` header. Never the
  admin, the headless preview endpoint, password-protected pages, responses that set a cookie
  or say `private`/`no-store`/`no-cache`, nor URLs carrying the feedback widget's thanks state
  (`?feedback=`) or the comment state (`?kommentar=`): those belong to one visitor.
- **Key.** Scheme, host, full path with query string and method; for the API also the language
  it answers in (it follows Accept-Language).
- **Invalidation.** Every key contains a content *generation* number kept in the same shared
  cache. Anything that changes what visitors see bumps it (`invalidate()`): publishing,
  unpublishing, moving or deleting a page, saving or deleting a snippet, an image, a document,
  a media file, a redirect, a locale, a site, a view restriction or a collection, and the
  comments app's `comment_visibility_changed`. All app servers read the same number, so a
  change is visible at once everywhere; the old entries simply expire.
- **Scheduled changes.** A page past its expiry is hidden at once (home/expiry.py), before any
  signal: an entry never outlives the earliest upcoming `go_live_at`/`expire_at`.
- Responses say `X-Cache: HIT`, `MISS` (looked up, stored if allowed) or `BYPASS`.

`PAGE_CACHE_SECONDS` (0 turns the cache off) and `PAGE_CACHE_ALIAS` (the Django cache to use;
it must be shared by all app servers, e.g. Redis) are the settings.

**A caching proxy in front** (Varnish, deploy/varnish/default.vcl) serves the same answers
without reaching Python at all. With `FRONTEND_CACHE_SECONDS` > 0, exactly the responses this
module would cache say `CDN-Cache-Control: max-age=N` (RFC 9213; never beyond the next scheduled
change), and the proxy caches nothing else. Every `invalidate()` sends `BAN` to each address in
`VARNISH_URLS` once the transaction commits, so the proxy forgets everything just as the
generation number makes this cache do."""

import contextlib
import functools
import hashlib
import logging
import time
import urllib.request

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
API_PREFIX = "/api/"
# Searches are counted (search.models.SearchTermDay): a cached answer would go uncounted.
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/api/v3/site/preview/",
    "/api/v3/search/",
    "/feedback/",
    "/documents/",
)
PERSONAL_QUERY_PARAMETERS = ("feedback", "kommentar")
# Fields Wagtail writes when an editor saves a draft of a live page: the live page is unchanged.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "has_unpublished_changes",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "latest_revision_id",
        "locked",
        "locked_at",
        "locked_by",
        "locked_by_id",
    }
)


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def frontend_cache_seconds() -> int:
    return int(getattr(settings, "FRONTEND_CACHE_SECONDS", 0) or 0)


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


# --- generation ------------------------------------------------------------------------------


def generation_is_shared() -> bool:
    """Whether the generation lives where every process reads it (Redis): only then may a
    process keep what it read for a generation across requests (home.per_request.remembered,
    the feedback POST's pages). A process's own memory would never see another's bump."""
    from django.core.cache.backends.redis import RedisCache

    return isinstance(page_cache(), RedisCache)


def current_generation(cache=None) -> int:
    cache = cache or page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A clock value, not 1: after the cache lost the key, old entries must not come back.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _bump():
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or the cache lost it): start a new one
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate():
    """Every cached page and API answer is stale from now on (on all app servers and in the
    caching proxies in front of them).

    Bumped now and again once the transaction commits: a request that read the old content
    between the two cannot keep it cached. The proxies are told after the commit, when what
    they fetch next is the new content."""
    try:
        _bump()
        transaction.on_commit(_bump)
    except Exception:  # a cache outage must never fail an editor's publish
        logger.exception("Sidcachen kunde inte tömmas")
    if getattr(settings, "VARNISH_URLS", None):
        transaction.on_commit(ban_frontend_caches)


def ban_frontend_caches():
    """`BAN` to every caching proxy: all it holds is stale. A proxy that cannot be reached is
    logged, never an editor's error (its entries expire after FRONTEND_CACHE_SECONDS)."""
    for url in settings.VARNISH_URLS:
        request = urllib.request.Request(url, method="BAN")  # noqa: S310 - a configured address
        try:
            with urllib.request.urlopen(request, timeout=3):  # noqa: S310
                pass
        except Exception:
            logger.exception("Cachen framför webbplatsen (%s) kunde inte tömmas", url)


# --- which requests and responses ------------------------------------------------------------


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def request_is_cacheable(request) -> bool:
    if request.method not in {"GET", "HEAD"}:
        return False
    if request.path.startswith(NEVER_CACHED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # editors (and anyone with a session) always get a fresh page
    return not any(name in request.GET for name in PERSONAL_QUERY_PARAMETERS)


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if is_api(request):
        return True
    # Only Wagtail pages (marked by the before_serve_page hook below), never a password form.
    if not getattr(request, "page_cache_page", False):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cache_key(request, generation) -> str:
    parts = [
        str(generation),
        request.method,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    ]
    if is_api(request):
        parts.append(translation.get_language_from_request(request))
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"pagecache:{digest}"


def entry_seconds(until_change) -> int:
    """How long an entry read now may be kept: PAGE_CACHE_SECONDS, and never past the next
    scheduled change (`seconds_until_next_scheduled_change`, None when nothing is scheduled)."""
    return min(cache_seconds(), until_change or cache_seconds())


def seconds_until_next_scheduled_change(now=None):
    """Seconds until the next page goes live or expires; None when nothing is scheduled."""
    from wagtail.models import Page

    now = now or timezone.now()
    upcoming = Page.objects.aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=now)),
        expire=Min("expire_at", filter=Q(expire_at__gt=now, live=True)),
    )
    times = [value for value in upcoming.values() if value is not None]
    if not times:
        return None
    return max(1, int((min(times) - now).total_seconds()))


# --- middleware ------------------------------------------------------------------------------


class PageCacheMiddleware:
    """Answers repeat anonymous reads from the shared cache. Sits after CorsMiddleware (CORS
    headers are per request) and before everything that builds the page."""

    def __init__(self, get_response):
        from wagtail.hooks import search_for_hooks

        self.get_response = get_response
        search_for_hooks()  # registers the snippets, whose deletes must invalidate too
        connect_delete_signals()

    def __call__(self, request):
        own_cache = cache_seconds() > 0
        if not (own_cache or frontend_cache_seconds() > 0):
            return self.get_response(request)
        if not request_is_cacheable(request):
            response = self.get_response(request)
            response["X-Cache"] = "BYPASS"
            return response
        key = None
        if own_cache:
            try:
                cache = page_cache()
                key = cache_key(request, current_generation(cache))
                stored = cache.get(key)
            except Exception:  # DisallowedHost, or the cache is down: build the page as usual
                logger.warning("Sidcachen kunde inte läsas", exc_info=True)
                response = self.get_response(request)
                response["X-Cache"] = "BYPASS"
                return response
            if stored is not None:
                return self.cached_response(request, stored)

        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            response["X-Cache"] = "BYPASS"
            return response
        # The moment the next scheduled publish or expiry changes what visitors see.
        until_change = seconds_until_next_scheduled_change()
        changes_at = None if until_change is None else time.time() + until_change
        if key is not None:
            try:
                headers = [(name, value) for name, value in response.items()]
                entry = (response.content, headers, changes_at)
                cache.set(key, entry, entry_seconds(until_change))
            except Exception:
                logger.warning("Sidcachen kunde inte skrivas", exc_info=True)
        response["X-Cache"] = "MISS" if key is not None else "BYPASS"
        mark_for_frontend_cache(response, changes_at)
        return response

    def cached_response(self, request, stored):
        content, headers, *rest = stored  # entries from before `changes_at` have two parts
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "HIT"
        mark_for_frontend_cache(response, rest[0] if rest else time.time())
        etag = response.get("ETag")
        if etag:  # the API answers If-None-Match with 304 from the cache too
            response = get_conditional_response(request, etag=etag, response=response)
            response["X-Cache"] = "HIT"
        return response


def mark_for_frontend_cache(response, changes_at):
    """Tell a caching proxy it may keep this shared answer, never past the next scheduled
    change (`changes_at`, a timestamp worked out when the page was built; None: none due)."""
    seconds = frontend_cache_seconds()
    if seconds > 0:
        if changes_at is not None:
            seconds = min(seconds, max(0, int(changes_at - time.time())))
        response["CDN-Cache-Control"] = f"max-age={seconds}"


def mark_page_response(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: this response is a Wagtail page; password-protected pages and
    pages in a restricted section are never cached."""
    request.page_cache_page = not page.get_view_restrictions().exists()


# --- invalidation ----------------------------------------------------------------------------


@functools.cache
def _content_models():
    """Models whose rows visitors see, apart from pages and snippets."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Site,
    )

    models = {
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Site,
        get_image_model(),
        get_document_model(),
    }
    for label in ("wagtailredirects.Redirect", "wagtailmedia.Media"):
        with contextlib.suppress(LookupError):
            models.add(apps.get_model(label))
    with contextlib.suppress(ImportError):
        from wagtail.contrib.settings.registry import registry as settings_registry

        models.update(settings_registry)
    return tuple(models)


def _tracked_models():
    """Snippets are registered from wagtail_hooks modules, which load after the apps are
    ready: asked each time, not remembered."""
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models

    from home.models import Organisation, Person, Topic

    return (Page, Person, Organisation, Topic, *_content_models(), *get_snippet_models())


def _on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    from wagtail.models import Page

    if raw:
        return
    if isinstance(instance, Page):
        # Publishing sends page_published; a live page saved directly (shell, scripts) changes
        # what visitors see too. Drafts and locks do not.
        if instance.live and not (update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS):
            invalidate()
        return
    if isinstance(instance, _tracked_models()):
        invalidate()


def _on_delete(sender, instance, **kwargs):
    invalidate()


def _on_page_change(sender, **kwargs):
    invalidate()


def connect_delete_signals():
    """post_delete per model, not for every sender: other models keep Django's fast deletes.
    Called when the app is ready and again once the snippets are registered."""
    from django.apps import apps
    from django.db.models.signals import post_delete

    tracked = _tracked_models()
    for model in apps.get_models():
        if issubclass(model, tracked):
            post_delete.connect(_on_delete, sender=model, dispatch_uid=f"page_cache_del_{model}")


def connect_signals():
    from django.db.models.signals import m2m_changed, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_save, dispatch_uid="page_cache_save")
    connect_delete_signals()
    m2m_changed.connect(_on_m2m, dispatch_uid="page_cache_m2m")
    for signal, uid in [
        (page_published, "page_cache_published"),
        (page_unpublished, "page_cache_unpublished"),
        (post_page_move, "page_cache_moved"),
    ]:
        signal.connect(_on_page_change, dispatch_uid=uid)
    try:  # the public comments app may not be installed
        from comments.signals import comment_visibility_changed
    except ImportError:
        return
    comment_visibility_changed.connect(_on_page_change, dispatch_uid="page_cache_comments")


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _on_save(sender, instance)
