"""Adapter: expired pages hidden in Wagtail's own API v3 pages endpoints.

Wagtail's pages router offers no hook to narrow `get_pages_queryset()` (expiry applies only once
`publish_scheduled` has run); this is the one place that wraps it. Its test
(tests/core/test_wagtail_api_adapter.py) fails when an upgrade changes it (issue #22)."""

from functools import wraps

from django.utils import timezone
from wagtail.models import Page


def hide_expired_pages():
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
        expired = Page.objects.live().filter(expire_at__lte=timezone.now())
        return queryset.exclude(id__in=list(expired.values_list("id", flat=True)))

    get_pages_queryset.hides_expired = True
    pages_router.get_pages_queryset = get_pages_queryset
