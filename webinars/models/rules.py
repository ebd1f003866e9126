"""The captions rule of an episode (WCAG 1.2.2): a recording is not published without them.
The file itself is checked in clean() (captions.stored_file_error); the chapter rule lives
with the chapters (orderables.py)."""

from django.utils.translation import gettext_lazy as _


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
