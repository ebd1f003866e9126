from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def test_media_is_served_with_byte_ranges_so_video_can_seek(client, db):
    name = default_storage.save("media/test.webm", ContentFile(b"0123456789"))
    url = f"/media/{name}"
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    part = client.get(url, HTTP_RANGE="bytes=2-5")
    assert part.status_code == 206
    assert part.content == b"2345" and part["Content-Range"] == "bytes 2-5/10"
    assert client.get(url, HTTP_RANGE="bytes=-3").content == b"789"
    assert client.get(url, HTTP_RANGE="bytes=20-").status_code == 416
    assert client.get("/media/../cms/settings/base.py").status_code in (400, 404)


def test_media_never_leaves_the_media_folder(rf, settings, tmp_path):
    import pytest
    from django.http import Http404

    from core.media_views import serve_media

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    (tmp_path / "secret.txt").write_text("no")
    for path in ("../secret.txt", str(tmp_path / "secret.txt")):
        with pytest.raises(Http404):
            serve_media(rf.get("/media/x"), path)
