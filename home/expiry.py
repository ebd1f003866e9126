"""A page past its expiry time is hidden at once, not only once the `publish_scheduled`
command has run: on the public site and in Wagtail's own API v3 pages endpoints (our own API
routers filter on expiry themselves)."""

from functools import wraps

from django.http import Http404
from django.utils import timezone
from wagtail.models import Page


def is_expired(page) -> bool:
    return page.expire_at is not None and page.expire_at <= timezone.now()


def hide_expired_pages_in_wagtail_api():
    """Wrap the queryset function Wagtail's v3 pages router reads for anonymous requests."""
    from wagtail.api.v3.routers import pages as pages_router

    original = pages_router.get_pages_queryset
    if getattr(original, "hides_expired", False):
        return

    @wraps(original)
    def get_pages_queryset(request, *args, **kwargs):
        queryset = original(request, *args, **kwargs)
        if request.user.is_authenticated:  # editors with API tokens see what they may edit
            return queryset
        # By id, not by expire_at: the pages endpoint may run a search, whose backend filters
        # only on indexed fields, and "id" always is.
        expired = (
            Page.objects.live().filter(expire_at__lte=timezone.now()).values_list("id", flat=True)
        )
        return queryset.exclude(id__in=list(expired))

    get_pages_queryset.hides_expired = True
    pages_router.get_pages_queryset = get_pages_queryset


def refuse_expired_page(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: an expired page is gone for the public."""
    if is_expired(page):
        raise Http404
