"""RSS and Atom feeds of new webinar episodes, per language, newest first; an uploaded video
is an enclosure, and every item carries its thumbnail (Media RSS)."""

from django.utils import timezone
from django.utils.feedgenerator import Enclosure
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from base.feeds import FEED_LENGTH, PageFeed
from base.listing import CARD_IMAGE_FILTER

from .models import WebinarEpisodePage, WebinarIndexPage, episode_cards


class EpisodeFeed(PageFeed):
    page_model = WebinarEpisodePage
    index_model = WebinarIndexPage

    title = _("Nya webbinarier från SKL")
    description = _(
        "De senast publicerade webbinarieavsnitten: inspelningar och kommande sändningar."
    )

    def items(self):
        episodes = episode_cards(
            self.public_pages()
            .select_related("video_file")
            .order_by("-first_published_at", "path")[:FEED_LENGTH]
        )
        for episode in episodes:
            episode.feed_thumbnail = self.thumbnail(episode)
        return episodes

    def thumbnail(self, episode):
        if not episode.thumbnail:
            return None
        rendition = episode.thumbnail.get_rendition(CARD_IMAGE_FILTER)
        return {
            "url": self.request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }

    def item_description(self, episode):
        if episode.is_upcoming:
            when = date_format(timezone.localtime(episode.starts_at), "j F Y H:i")
            return _("Sänds %(when)s (svensk tid). %(summary)s") % {
                "when": when,
                "summary": episode.summary,
            }
        return episode.summary

    def item_pubdate(self, episode):
        return episode.first_published_at

    def item_categories(self, episode):
        series = [episode.series.title] if episode.series else []
        return series + [topic.name for topic in episode.card_topics]

    def item_enclosures(self, episode):
        if not episode.video_file:
            return []
        file = episode.video_file.file
        try:
            length = file.size
        except OSError:  # a missing file still has a URL; the length is then unknown
            length = 0
        url = self.request.build_absolute_uri(file.url)
        return [Enclosure(url, str(length), episode.video_file_type)]


class EpisodeAtomFeed(EpisodeFeed):
    atom = True
