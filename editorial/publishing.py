"""A publish is never undone by a request that read the page before it: Wagtail's edit view
saves a draft with a full `save()` of the row it read, so an autosave that began before a
publish would put `live=False` back. Refused with PermissionDenied, which Wagtail's save
answers as "a newer version exists"."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.models import Page


def refuse_stale_draft_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or update_fields is not None or not isinstance(instance, Page):
        return
    if instance.live or instance.pk is None:
        return
    # Published and revised since this copy was read. `page.unpublish()` on a copy that made
    # the published revision itself has that revision: allowed.
    published = Page.objects.filter(pk=instance.pk, live=True)
    newer = published.exclude(last_published_at=instance.last_published_at).exclude(
        latest_revision=instance.latest_revision_id
    )
    if newer.exists():
        raise PermissionDenied(
            _("Sidan har publicerats sedan du öppnade den. Ladda om sidan och gör om ändringen.")
        )
