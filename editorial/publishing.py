"""A publish is never undone by a request that read the page before it (issue #25, item 3).

Wagtail's edit view saves a page that is not live with a full `save()` of the row it read
when the request began. An autosave that read the draft before a publish and wrote after it
put `live=False` back: the editor read "publicerad" and the page stayed a draft. Refused
with PermissionDenied, which Wagtail's save answers as "a newer version exists"."""

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
