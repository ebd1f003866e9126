"""What the RSS and Atom feeds of the apps share (webinars/feeds.py, articles/feeds.py).

Feeds list live, public, unexpired pages in the language of the URL (Swedish at /, English
under /en/), with absolute links, and read their items in a constant number of queries."""

import copy

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

FEED_LENGTH = 20
PUBLISHER = _("Sveriges Kommuner och Landsting (SKL)")
MEDIA_NS = "http://search.yahoo.com/mrss/"


class MediaThumbnailMixin:
    """Media RSS `<media:thumbnail>` for items that have a picture (both RSS and Atom)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        thumbnail = item.get("thumbnail")
        if thumbnail:
            handler.addQuickElement(
                "media:thumbnail",
                attrs={
                    "url": thumbnail["url"],
                    "width": str(thumbnail["width"]),
                    "height": str(thumbnail["height"]),
                },
            )


class RssFeedType(MediaThumbnailMixin, feedgenerator.Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS}


class AtomFeedType(MediaThumbnailMixin, feedgenerator.Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}


class PageFeed(Feed):
    """A feed of pages. Subclasses set `page_model` and `index_model` and may add per-item
    details; `atom = True` gives the Atom variant of the same feed."""

    page_model = None
    index_model = None
    atom = False

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: keep this request's state on a copy.
        feed = copy.copy(self)
        feed.request = request
        feed.locale = Locale.get_active()
        feed.feed_type = AtomFeedType if self.atom else RssFeedType
        return super(PageFeed, feed).__call__(request, *args, **kwargs)

    def public_pages(self):
        return self.page_model.objects.visible(self.locale)

    def index_page(self):
        return self.index_model.objects.visible(self.locale).first()

    def link(self):
        index = self.index_page()
        if index is not None:
            return index.get_full_url(self.request)
        prefix = "/" if self.locale.is_default else f"/{self.locale.language_code}/"
        return self.request.build_absolute_uri(prefix)

    def author_name(self):
        return str(PUBLISHER)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid_is_permalink(self, item):
        return True

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_extra_kwargs(self, item):
        return {"thumbnail": getattr(item, "feed_thumbnail", None)}
