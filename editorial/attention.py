""" "Behöver åtgärdas": what needs an editor now, as short lists of things to open and fix.

Each check returns `Item`s for one kind of problem and is shown only to users who can act on
it. The dashboard panel counts them, the report (editorial/views.py) lists them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail_localize.models import Translation, TranslationLog

from comments.admin import pending_url
from comments.models import Comment
from feedback.models import Feedback
from webinars.models import WebinarEpisodePage

from .helpfulness import falling_pages


@dataclass(frozen=True)
class Item:
    kind: str  # a Check's key
    title: str
    url: str  # where to fix it
    detail: str
    count: int = 1  # how many things it stands for (comments: one row for all pending)
    page_id: int | None = None  # the page it is about, for the owners' weekly digest
    user_id: int | None = None  # for the digest when no page has an owner: the uploader


class Check(NamedTuple):
    key: str
    label: str
    permission: str | None  # who may act on it; None: every editor
    find: Callable  # now -> the Items


CHECKS = {}  # key -> Check, in the order the report lists them


def check(key, label, permission=None):
    """Registers a function `now -> Items` as the check `key`."""

    def register(find):
        CHECKS[key] = Check(key, label, permission, find)
        return find

    return register


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@check("captions", _("Inspelningar utan textning"))
def recordings_without_captions(now):
    """Published recordings with no captions file (WCAG 1.2.2), including upcoming webinars
    that became recordings when their start passed. A YouTube or Vimeo recording needs its
    captions file here too: the transcript is built from it."""
    episodes = WebinarEpisodePage.objects.live().recorded(now).filter(captions__isnull=True)
    for episode in episodes.order_by("title"):
        yield Item(
            "captions",
            episode.title,
            edit_url(episode),
            _("Ladda upp textningen (WebVTT) under Inspelning."),
            page_id=episode.pk,
        )


@check("past_start", _("Webbinarier vars start har passerat"))
def past_webinars_without_recording(now):
    episodes = WebinarEpisodePage.objects.live().filter(
        starts_at__lte=now, video_url="", video_file__isnull=True
    )
    for episode in episodes.order_by("starts_at"):
        yield Item(
            "past_start",
            episode.title,
            edit_url(episode),
            _("Sändningen började %(start)s. Lägg till inspelningen eller avpublicera.")
            % {"start": timezone.localtime(episode.starts_at).strftime("%Y-%m-%d %H:%M")},
            page_id=episode.pk,
        )


@check("comments", _("Kommentarer att granska"), "comments.moderate_comment")
def comments_awaiting_moderation(now):
    count = Comment.objects.pending().count()
    if count:
        yield Item(
            "comments",
            _("Kommentarer"),
            pending_url(),
            _("%(count)d väntar på granskning.") % {"count": count},
            count,
        )


@check("alt_text", _("Bilder utan alternativtext"))
def images_without_alt_text(now):
    """Images used somewhere (Wagtail's reference index) with neither alternative text nor
    an editor's "Dekorativ bild"."""
    image_model = get_image_model()
    used = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(image_model)
    ).values_list("to_object_id", flat=True)
    images = image_model.objects.filter(
        pk__in={int(pk) for pk in used if pk.isdigit()},
        description="",
        decorative_mark__isnull=True,
    )
    for image in images.order_by("title"):
        yield Item(
            "alt_text",
            image.title,
            reverse("wagtailimages:edit", args=[image.pk]),
            _("Skriv en alternativtext eller välj “Dekorativ bild”."),
            user_id=image.uploaded_by_user_id,
        )


@check("translations", _("Inaktuella översättningar"))
def translations_out_of_date(now):
    """Translated pages whose source was published after the translation was last synced
    (as base/translation_status.py tells the editor on the page itself)."""
    last_sync = TranslationLog.objects.filter(
        source=OuterRef("source"), locale=OuterRef("target_locale")
    ).order_by("-created_at")
    translations = (
        Translation.objects.filter(
            enabled=True, source__specific_content_type__in=Page.objects.values("content_type")
        )
        .annotate(synced_at=Subquery(last_sync.values("created_at")[:1]))
        .select_related("source")
    )
    translations = [t for t in translations if t.synced_at]
    keys = {t.source.object_id for t in translations}
    pages = Page.objects.filter(translation_key__in=keys)
    by_key = {(page.translation_key, page.locale_id): page for page in pages}
    for translation in translations:
        source = by_key.get((translation.source.object_id, translation.source.locale_id))
        target = by_key.get((translation.source.object_id, translation.target_locale_id))
        if source is None or target is None or not source.last_published_at:
            continue
        if source.last_published_at > translation.synced_at:
            yield Item(
                "translations",
                target.title,
                edit_url(target),
                _("Källsidan “%(title)s” har ändrats sedan översättningen uppdaterades.")
                % {"title": source.title},
                page_id=target.pk,
            )


@check("feedback", _("Ohanterad återkoppling"), "feedback.view_feedback")
def unhandled_feedback(now):
    rows = (
        Feedback.objects.filter(handled=False, page__isnull=False)
        .exclude(comment="")
        .values("page", "page_title")
        .annotate(count=Count("pk"))
        .order_by("-count", "page_title")
    )
    for row in rows:
        yield Item(
            "feedback",
            row["page_title"],
            reverse("feedback_admin:page", args=[row["page"]]),
            _("%(count)d ohanterade kommentarer i återkopplingen.") % {"count": row["count"]},
            page_id=row["page"],
        )


@check("helpfulness", _("Sjunkande hjälpsamhet"), "feedback.view_feedback")
def falling_helpfulness(now):
    """Pages answered "Nej" more often than before, beyond chance (editorial/helpfulness.py)."""
    for drop in falling_pages(now):
        yield Item(
            "helpfulness",
            drop.title,
            reverse("feedback_admin:page", args=[drop.page_id]),
            _(
                "%(recent)s svarade ja de senaste 30 dagarna (%(recent_answers)d svar), mot "
                "%(before)s de tre månaderna före (%(before_answers)d svar). Läs kommentarerna "
                "och se över sidan."
            )
            % {
                "recent": percent(drop.recent_share),
                "recent_answers": drop.recent_answers,
                "before": percent(drop.baseline_share),
                "before_answers": drop.baseline_answers,
            },
            page_id=drop.page_id,
        )


def percent(share):
    return f"{round(100 * share)}\u00a0%"


def checks_for(user):
    return [c for c in CHECKS.values() if c.permission is None or user.has_perm(c.permission)]


def items_for(user, kind=None, now=None):
    """Everything `user` can act on, one kind after the other (or only `kind`)."""
    now = now or timezone.now()
    return [
        item for check in checks_for(user) if kind in (None, check.key) for item in check.find(now)
    ]


def counts_for(user):
    """(check, number of items) for each kind the user can act on."""
    now = timezone.now()
    return [(check, sum(item.count for item in check.find(now))) for check in checks_for(user)]
