"""RSS and Atom feeds of press releases, per language.

Swedish: /press/flode.rss and /press/flode.atom; English: /en/press/feed.rss and
/en/press/feed.atom (articles/urls.py). Newest first by the release's publication time."""

from django.utils.translation import gettext_lazy as _

from base.feeds import FEED_LENGTH, PageFeed

from .models import PressReleaseIndexPage, PressReleasePage


class PressReleaseFeed(PageFeed):
    page_model = PressReleasePage
    index_model = PressReleaseIndexPage

    title = _("Pressmeddelanden från SKL")
    description = _("De senaste pressmeddelandena om användardriven innovation.")

    def items(self):
        return (
            self.public_pages()
            .select_related("publisher")
            .order_by("-published_at", "path")[:FEED_LENGTH]
        )

    def item_pubdate(self, release):
        return release.published_at

    def item_author_name(self, release):
        return release.publisher.name if release.publisher else None


class PressReleaseAtomFeed(PressReleaseFeed):
    atom = True
