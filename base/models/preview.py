"""Headless preview: a snapshot of what an editor sees in the page editor, readable through the
API for a short while by whoever holds its unguessable token (the decoupled front end)."""

import secrets
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

PREVIEW_LIFETIME = timedelta(minutes=10)


class PagePreviewQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(created_at__gte=timezone.now() - PREVIEW_LIFETIME)

    def page_for(self, token: str):
        """The page previewed under a valid `token`, or None; a page never saved has the id 0."""
        snapshot = self.valid().filter(token=token).first()
        page = snapshot.as_page() if snapshot else None
        if page is not None and page.pk is None:
            page.id = page.pk = 0
        return page


class PagePreview(models.Model):
    token = models.CharField(max_length=64, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = PagePreviewQuerySet.as_manager()

    class Meta:
        verbose_name = "förhandsgranskning"
        verbose_name_plural = "förhandsgranskningar"

    def __str__(self):
        return f"{self.content_type} {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def snapshot(cls, page):
        """Store the page as the editor has it now (unsaved edits included); old previews go."""
        cls.objects.filter(created_at__lt=timezone.now() - PREVIEW_LIFETIME).delete()
        return cls.objects.create(
            token=secrets.token_urlsafe(32),
            content_type=ContentType.objects.get_for_model(page.specific_class),
            content=page.serializable_data(),
        )

    def as_page(self):
        model = self.content_type.model_class()
        return model.from_serializable_data(self.content, check_fks=False, strict_fks=False)
