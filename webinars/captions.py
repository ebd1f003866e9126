"""Reading and checking WebVTT files (https://www.w3.org/TR/webvtt1/): only what a browser's
<track> needs. Messages name the line so an editor can fix the file."""

import html
import re
from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby

from django.utils.translation import gettext as _

MAX_CAPTIONS_BYTES = 2 * 1024 * 1024
_TIMESTAMP = r"(?:(\d{1,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t]+\S.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]+)>")
# In cue text "<" only opens a tag (a literal one is written &lt;), so tags end at the next ">".
_TAG = re.compile(r"<[^>]*>")


class WebVTTError(ValueError):
    pass


@dataclass(frozen=True)
class Cue:
    start: timedelta
    end: timedelta
    text: str


def clock(value: timedelta) -> str:
    """12:34, or 1:02:03 from an hour on."""
    minutes, seconds = divmod(int(value.total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:d}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:d}:{seconds:02d}"


def _timestamp(hours, minutes, seconds, millis):
    return timedelta(
        hours=int(hours or 0), minutes=int(minutes), seconds=int(seconds), milliseconds=int(millis)
    )


def parse_webvtt(text: str) -> list[Cue]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not (lines[0] == "WEBVTT" or lines[0].startswith(("WEBVTT ", "WEBVTT\t"))):
        raise WebVTTError(_("Filen måste börja med raden “WEBVTT”."))

    cues = []
    # Blocks of non-blank lines, each line with its number; the first block is the header's.
    numbered = groupby(enumerate(lines, start=1), key=lambda item: bool(item[1].strip()))
    blocks = [list(group) for filled, group in numbered if filled][1:]
    for numbered_block in blocks:
        block_start, _first = numbered_block[0]
        block = [line for _number, line in numbered_block]
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_index = 0 if "-->" in block[0] else 1
        timing_line_no = block_start + timing_index
        if timing_index >= len(block) or "-->" not in block[timing_index]:
            raise WebVTTError(
                _(
                    "Rad %(line)d: tidsangivelse saknas "
                    "(till exempel 00:00:01.000 --> 00:00:04.000)."
                )
                % {"line": block_start}
            )
        timing_line = block[timing_index].strip()
        match = _TIMING.match(timing_line)
        if not match:
            raise WebVTTError(
                _("Rad %(line)d: “%(timing)s” är ingen giltig tidsangivelse.")
                % {"line": timing_line_no, "timing": timing_line[:80]}
            )
        start = _timestamp(*match.groups()[:4])
        end = _timestamp(*match.groups()[4:])
        if end <= start:
            raise WebVTTError(
                _("Rad %(line)d: sluttiden måste ligga efter starttiden.")
                % {"line": timing_line_no}
            )
        cues.append(Cue(start=start, end=end, text="\n".join(block[timing_index + 1 :])))
    if not cues:
        raise WebVTTError(_("Filen innehåller ingen textning (inga rader med tidsangivelse)."))
    return cues


def read_caption_file(file) -> str:
    """Read an uploaded or stored caption file as UTF-8 text."""
    with file.open("rb") as opened:
        data = opened.read(MAX_CAPTIONS_BYTES + 1)
    if len(data) > MAX_CAPTIONS_BYTES:
        raise WebVTTError(_("Filen är för stor för att vara en textningsfil (högst 2 MB)."))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WebVTTError(_("Filen måste vara sparad som UTF-8.")) from error


def stored_file_error(document, *, not_vtt, invalid, unreadable):
    """Why a stored `document` is not a usable WebVTT file, or None. The messages name what the
    file is for (captions, audio description); `invalid` takes the parser's %(error)s."""
    if not document.file.name.lower().endswith(".vtt"):
        return not_vtt
    try:
        parse_webvtt(read_caption_file(document.file))
    except WebVTTError as error:
        return invalid % {"error": error}
    except OSError:
        return unreadable
    return None


def cue_plain_text(text: str) -> str:
    """A cue's text for reading: a voice (`<v Anna>`) as "Anna: ", other tags and inline
    timestamps removed, character references decoded, lines joined."""
    if "<" in text:
        text = _TAG.sub("", _VOICE.sub(lambda match: match.group(1).strip() + ": ", text))
    return " ".join(html.unescape(text).split())


def document_cues(document) -> list[Cue]:
    """The cues of a stored captions document in time order; none when it cannot be read (the
    admin refuses a bad file, so a page or the search index never fails on one)."""
    if document is None:
        return []
    try:
        cues = parse_webvtt(read_caption_file(document.file))
    except (WebVTTError, OSError, ValueError):
        return []
    return sorted(cues, key=lambda cue: cue.start)
