"""A visible episode's transcript as a plain text file: one line per caption cue, with its time."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from .models import WebinarEpisodePage
from .player import transcript_cues


@require_safe
def transcript_text(request, episode_id):
    # In the URL's language only: /en/… never serves a Swedish episode under English headings.
    episodes = WebinarEpisodePage.objects.visible(Locale.get_active())
    episode = get_object_or_404(episodes.select_related("captions", "locale"), pk=episode_id)
    cues = transcript_cues(episode)
    if not cues:
        raise Http404(_("Avsnittet har ingen transkribering."))
    text = render_to_string(
        "webinars/transcript.txt",
        {"episode": episode, "cues": cues, "url": episode.get_full_url(request)},
        request=request,
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    # ASCII only (slugify drops å, ä, ö to a, a, o): every browser and file system keeps it.
    name = slugify(episode.title)[:80].strip("-") or f"avsnitt-{episode.pk}"
    filename = f"{name}-{_('transkribering')}.txt"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
