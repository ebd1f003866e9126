"""What the public may see, the one rule every listing, feed, search, API and form uses: a
page under the tree's root (the root itself is never served) that is live, not past its
`expire_at` (even before `publish_scheduled` has run), and with no view restriction on it or
above it."""

import functools

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageManager, PageQuerySet, PageViewRestriction


@functools.cache
def restricted() -> Exists:
    """Pages with a view restriction on them or above them, as a subquery in the same
    statement (Wagtail's `.public()` reads every restriction in a query of its own, each time
    it is called). An expression, not data: built once, each query resolves a copy of it."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def visible_pages(queryset=None, locale=None):
    """`queryset` (default: every page) narrowed to what the public may see."""
    if queryset is None:
        queryset = Page.objects.all()
    not_expired = Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    queryset = queryset.live().exclude(restricted()).filter(not_expired, depth__gt=1)
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def is_expired(page) -> bool:
    return page.expired or (page.expire_at is not None and page.expire_at <= timezone.now())


def view_restrictions(page):
    """The view restrictions at or above `page`, in one query (Wagtail's
    `Page.get_view_restrictions()` reads the ancestors first); an alias answers to its
    source page's, as Wagtail serves it."""
    at_or_above = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return PageViewRestriction.objects.filter(
        Q(page__path__in=at_or_above, page__alias_of__isnull=True)
        | Q(page__aliases__path__in=at_or_above)
    ).distinct()


def is_visible(page) -> bool:
    """The same rule for one page: a page view, a feedback answer, a comment."""
    if page is None or page.depth <= 1 or not page.live or is_expired(page):
        return False
    return not view_restrictions(page).exists()


class VisiblePageQuerySet(PageQuerySet):
    def visible(self, locale=None):
        return visible_pages(self, locale)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
