"""Whether a translated page lags behind its source: the source was published after the
translation was last synced. wagtail-localize syncs on request ("Sync translated pages") but does
not say when a translation is out of date; this does, in the page editor."""

from typing import NamedTuple

from wagtail.admin.panels import Panel
from wagtail.models import Page
from wagtail_localize.models import TranslationLog, TranslationSource


class TranslationStatus(NamedTuple):
    source_page: Page
    out_of_date: bool


def translation_status(page):
    """The status of `page` as a translation, or None if it is a source (or untranslated)."""
    source = (
        TranslationSource.objects.filter(
            object_id=page.translation_key, specific_content_type=page.content_type_id
        )
        .exclude(locale_id=page.locale_id)
        .first()
    )
    if source is None:
        return None
    source_page = source.get_source_instance()
    synced_at = (
        TranslationLog.objects.filter(source=source, locale_id=page.locale_id)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    changed_at = source_page.last_published_at
    return TranslationStatus(source_page, bool(changed_at and synced_at and changed_at > synced_at))


class TranslationStatusPanel(Panel):
    """Read-only notice in the editor of a translated page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "base/panels/translation_status.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.status = translation_status(self.instance) if self.instance.pk else None

        def is_shown(self):
            return self.status is not None
