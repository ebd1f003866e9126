"""HTTP caching: the one front cache (Varnish, deploy/varnish/default.vcl) keeps anonymous
answers of pages and the API (`s-maxage`, never past the next scheduled publish or expiry), and
any change visitors could see purges the whole site (a publish changes listings, feeds and the
sitemap on many URLs). `{% cache %}` fragments are keyed by `content_version()`, which the same
changes replace."""

import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from ops.problems import is_api_request

logger = logging.getLogger(__name__)

NEVER_SHARED_PREFIXES = (
    "/admin/",
    "/api/v3/site/preview/",
    "/api/v3/search/",
    "/feedback/",
    "/kommentarer/",
    "/documents/",
)
PERSONAL_QUERY_PARAMETERS = ("feedback", "kommentar")


def request_may_be_shared(request) -> bool:
    if request.method not in {"GET", "HEAD"} or request.path.startswith(NEVER_SHARED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not any(name in request.GET for name in PERSONAL_QUERY_PARAMETERS)


def response_may_be_shared(request, response) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False) or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    # Wagtail pages are marked by the before_serve_page hook below; a password form is private.
    return is_api_request(request) or getattr(request, "is_public_page", False)


def seconds_until_next_scheduled_change():
    """Seconds until the next page goes live or expires; None when nothing is scheduled."""
    now = timezone.now()
    upcoming = Page.objects.aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=now)),
        expire=Min("expire_at", filter=Q(expire_at__gt=now, live=True)),
    )
    times = [value for value in upcoming.values() if value is not None]
    if not times:
        return None
    return max(1, int((min(times) - now).total_seconds()))


class SharedCacheHeadersMiddleware:
    """Marks the answers a shared cache may keep; the rest stay as the views made them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not (request_may_be_shared(request) and response_may_be_shared(request, response)):
            return response
        # Browsers always ask again (an ETag makes that a 304); only a shared cache keeps it.
        patch_cache_control(response, public=True, max_age=0)
        seconds = settings.FRONTEND_CACHE_SECONDS
        if seconds:
            until_change = seconds_until_next_scheduled_change()
            patch_cache_control(response, s_maxage=min(seconds, until_change or seconds))
        return response


def mark_public_page(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: this answer is a Wagtail page (a password form is marked
    private by `BasePage`; anyone past a restriction has a session cookie)."""
    request.is_public_page = True


@task()
def purge_site():
    """Purge every site from the front caches (the VCL bans everything below a purged path)."""
    purge_urls_from_cache([f"{site.root_url}/" for site in Site.objects.all()])


def content_changed(raw=False, **kwargs):
    """Once the change commits, the fragments and the front caches forget the site. A purge
    that fails is logged, never an editor's error (entries expire after s-maxage anyway)."""
    transaction.on_commit(forget_content_version)
    if raw or not getattr(settings, "WAGTAILFRONTENDCACHE", None):  # raw: loading fixtures
        return

    def enqueue():
        try:
            purge_site.enqueue()
        except Exception:
            logger.exception("Cachen framför webbplatsen kunde inte tömmas")

    transaction.on_commit(enqueue)


CONTENT_VERSION_KEY = "content-version"


def fragment_seconds():
    """Fragments are kept as long as their content version lasts when every process reads
    one cache (Redis); not at all in a per-process cache, which other processes' changes miss."""
    return 0 if isinstance(caches["default"], LocMemCache) else None


def content_version() -> str:
    """A token for fragment keys, new after every change visitors could see and once the next
    scheduled publish or expiry is due."""
    cache = caches["default"]
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(CONTENT_VERSION_KEY, version, seconds_until_next_scheduled_change())
    return version


def forget_content_version():
    caches["default"].delete(CONTENT_VERSION_KEY)


# Besides pages, what visitors see through pages and the API; the apps add their own
# snippets with `purge_when_changed` (home: people, organisations, topics), and comments
# say when one is shown or hidden with their own signal.
WAGTAIL_CONTENT_MODELS = (
    "wagtailcore.Collection",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailmedia.Media",
    "wagtailredirects.Redirect",
)
content_models = set()


def purge_when_changed(*models):
    """Purge the front caches whenever a row of these models is saved or deleted. Per model,
    not for every sender: other models keep Django's fast deletes."""
    for model in models:
        label = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"http_cache_save_{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"http_cache_del_{label}")
        content_models.add(model)


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, tuple(content_models)):
        content_changed()


def connect_signals():
    purge_when_changed(*(apps.get_model(label) for label in WAGTAIL_CONTENT_MODELS))
    # Pages say when visitors see a change with Wagtail's signals (a draft saved changes
    # nothing); a deleted page is gone from every listing.
    for model in get_page_models():
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"http_cache_{model}")
    m2m_changed.connect(_on_m2m, dispatch_uid="http_cache_m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"http_cache_{id(signal)}")
