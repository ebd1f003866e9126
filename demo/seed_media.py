"""The demo's files: images, caption documents and the demo video, each made once."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from demo.seed_content import DEMO_MEDIA_DIR, DEMO_VIDEO_LENGTH


class DemoMedia:
    """Mixed into the seed loader, which provides `note()`."""

    def image(self, title, filename):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(
                title=title,
                file=ImageFile(BytesIO((DEMO_MEDIA_DIR / filename).read_bytes()), name=filename),
            )
            image.save()
            self.note("bild", title)
        return image

    def document(self, title, filename, content: str):
        Document = get_document_model()
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, file=ContentFile(content.encode("utf-8"), filename))
            document.save()
            self.note("dokument", title)
        return document

    def video(self, title, filename):
        Media = get_media_model()
        media = Media.objects.filter(title=title).first()
        if media is None:
            media = Media(
                title=title,
                type="video",
                duration=DEMO_VIDEO_LENGTH.total_seconds(),
                width=640,
                height=360,
                file=ContentFile((DEMO_MEDIA_DIR / filename).read_bytes(), filename),
            )
            media.save()
            self.note("video", title)
        return media
