"""English translations of part of the demo site through wagtail-localize's own machinery, so
they appear in the admin as real translations that editors can update, sync and export as PO
files. The English (demo/english.json) renders the Swedish seed texts faithfully, adding nothing."""

import json
from pathlib import Path

from wagtail.models import Revision
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

# Each Swedish text of the pages and snippets translated, with its English rendering.
ENGLISH = json.loads(Path(__file__).with_name("english.json").read_text(encoding="utf-8"))


def prepare_translation(instance, locale, english=ENGLISH):
    """`instance`'s translation source with each of its strings translated into `locale` from
    `english`; a missing one is an error rather than a silent fallback to Swedish."""
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        if segment.string.data not in english:
            raise LookupError(f"{instance}: no English for {segment.string.data!r}")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": english[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    return source


def override(source, locale, field, value):
    """Choose a different image/document/media for the translation (wagtail-localize's
    "overridable segments"), e.g. English captions on the English episode."""
    segment = OverridableSegment.objects.get(source=source, context__path=field)
    SegmentOverride.objects.update_or_create(
        locale=locale, context=segment.context, defaults={"data_json": json.dumps(value)}
    )


def create_translation(page, locale):
    """Create or update and publish the translation now (not at commit, as wagtail-localize's
    `save_target` does: publishing a parent at commit from its first revision would write back
    a stale child count once its children exist)."""
    source = TranslationSource.objects.get_for_instance(page)
    source.create_or_update_translation(
        locale, publish=False, fallback=True, copy_parent_pages=True
    )
    translated = page.get_translation(locale)
    Revision.objects.get(pk=translated.latest_revision_id).publish()
    return translated.specific_class.objects.get(pk=translated.pk)
