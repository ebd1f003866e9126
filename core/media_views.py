"""Uploaded media from Django in the demo and the browser tests, with HTTP Range: browsers seek
in video only then (in production the web server or object storage serves media)."""

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def serve_media(request, path):
    root = Path(settings.MEDIA_ROOT).resolve()
    full_path = (root / path).resolve()
    # No way out of MEDIA_ROOT (`..`, an absolute path, a symlink pointing elsewhere).
    if not full_path.is_relative_to(root) or not full_path.is_file():
        raise Http404
    size = full_path.stat().st_size
    content_type = mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    match = _RANGE.match(request.headers.get("Range", ""))
    if not match or not any(match.groups()):
        response = FileResponse(full_path.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    start_text, end_text = match.groups()
    if start_text:
        start, end = int(start_text), int(end_text) if end_text else size - 1
    else:  # the last N bytes
        start, end = max(size - int(end_text), 0), size - 1
    end = min(end, size - 1)
    if start > end or start >= size:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    with full_path.open("rb") as handle:
        handle.seek(start)
        data = handle.read(end - start + 1)
    response = HttpResponse(data, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
