"""Press release feeds, with URLs in the page's language (translated patterns: Swedish at
/press/…, English at /en/press/…). Included in cms/urls.py inside i18n_patterns, before
Wagtail's page serving."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds

app_name = "articles"

urlpatterns = [
    path(_("press/flode.rss"), feeds.PressReleaseFeed(), name="press_feed_rss"),
    path(_("press/flode.atom"), feeds.PressReleaseAtomFeed(), name="press_feed_atom"),
]
