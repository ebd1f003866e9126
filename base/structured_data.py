"""schema.org JSON-LD for pages: VideoObject for recorded episodes, Event for upcoming webinars,
NewsArticle for press releases, Article otherwise, each with SKL as the Organization that
publishes it. Built from the page's own fields; rendered by the `structured_data` tag."""

from datetime import datetime

from django.utils import timezone

from base.api_serializers import full_media_url
from base.listing import plain_text
from base.templatetags.site_tags import SHARE_SPEC, iso_duration

PUBLISHER = {
    "@type": "Organization",
    "name": "Sveriges Kommuner och Landsting (SKL)",
    "alternateName": "SKL",
}


def absolute(request, url):
    if request is None:  # the API's pages/{id}/ has no request
        return full_media_url(url)
    return request.build_absolute_uri(url) if url else url


def image_url(request, image):
    return absolute(request, image.get_rendition(SHARE_SPEC).url) if image else None


def for_page(page, request):
    url = page.get_full_url(request)
    base = {
        "@context": "https://schema.org",
        "name": page.title,
        "url": url,
        "inLanguage": page.locale.language_code,
        "publisher": PUBLISHER,
    }
    kind = page.specific_class.__name__
    if kind == "WebinarEpisodePage":
        return episode(page, request, base)
    if kind == "PressReleasePage":
        return {
            **base,
            "@type": "NewsArticle",
            "headline": page.title,
            "description": page.lead,
            "datePublished": page.published_at.isoformat(),
            "author": {"@type": "Organization", "name": page.publisher.name}
            if page.publisher
            else PUBLISHER,
        }
    data = {**base, "@type": "WebPage" if kind.endswith("IndexPage") else "Article"}
    if page.teaser:
        data["description"] = page.teaser
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    return data


def episode(page, request, base):
    thumbnail = image_url(request, page.thumbnail)
    if page.is_upcoming:
        # An Event has an organizer; "publisher" belongs to creative works only.
        base = {key: value for key, value in base.items() if key != "publisher"}
        data = {
            **base,
            "@type": "Event",
            "description": page.summary,
            "startDate": page.starts_at.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
            "location": {"@type": "VirtualLocation", "url": page.registration_url or base["url"]},
            "organizer": PUBLISHER,
        }
        if thumbnail:
            data["image"] = thumbnail
        return data
    data = {**base, "@type": "VideoObject", "description": page.summary}
    uploaded = page.recorded_on or page.first_published_at or page.last_published_at
    if isinstance(uploaded, datetime):  # schema.org's uploadDate is a Date
        uploaded = timezone.localtime(uploaded).date()
    if uploaded:
        data["uploadDate"] = uploaded.isoformat()
    if thumbnail:
        data["thumbnailUrl"] = thumbnail
    if page.duration:
        data["duration"] = iso_duration(page.duration)
    if page.video_file:
        data["contentUrl"] = absolute(request, page.video_file.url)
    elif page.video_embed_url:
        data["embedUrl"] = page.video_embed_url
    if page.captions:
        data["caption"] = {
            "@type": "MediaObject",
            "contentUrl": absolute(request, page.captions.url),
            "encodingFormat": "text/vtt",
        }
    if page.transcript:
        data["transcript"] = plain_text(page.transcript)
    return data
