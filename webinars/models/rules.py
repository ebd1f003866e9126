"""The captions rules of an episode (WCAG 1.2.2): a valid WebVTT file, and a recording is not
published without one. The chapter rule lives with the chapters (orderables.py)."""

from django.utils.translation import gettext_lazy as _

from ..captions import WebVTTError, parse_webvtt, read_caption_file


def captions_file_error(document):
    """Why `document` is not usable captions, or None."""
    if not document.file.name.lower().endswith(".vtt"):
        return _("Textningen måste vara en WebVTT-fil (.vtt).")
    try:
        parse_webvtt(read_caption_file(document.file))
    except WebVTTError as error:
        return _("Textningsfilen är inte giltig: %(error)s") % {"error": error}
    except OSError:
        return _("Textningsfilen kunde inte läsas. Ladda upp den igen.")
    return None


def publish_problems(episode):
    if not episode.is_recorded or episode.captions_id:
        return []
    if episode.video_url:
        # YouTube's and Vimeo's players show only their own captions (issue #25, item 4).
        return [
            _(
                "En inspelning kan inte publiceras utan textning. Ladda upp WebVTT-filen "
                "(.vtt) under Textning (sidans transkribering byggs av den) och samma "
                "textning hos YouTube eller Vimeo, vars spelare bara visar sin egen."
            )
        ]
    return [
        _(
            "En inspelning kan inte publiceras utan textning. Ladda upp en WebVTT-fil "
            "(.vtt) under Textning, eller spara som utkast så länge."
        )
    ]
