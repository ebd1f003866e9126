"""Writing and moderating comments: the one place that validates, stores and changes them, for
the forms, the JSON API and the admin alike. Admission and storing are core.public_forms'."""

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.public_forms import Refused, storing
from core.scrub import scrub_personal_data
from core.visibility import visible_pages

from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment
from .signals import announce


def public_page(page_id) -> Page:
    """The visible page with this id; 404 otherwise, so a draft is never confirmed to exist."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        raise Refused(_("Sidan kunde inte identifieras.")) from None
    if not 0 < page_id < 2**31:
        raise Refused(_("Sidan kunde inte identifieras."))
    page = visible_pages(Page.objects.filter(pk=page_id)).specific().first()
    if page is None:
        raise Refused(_("Sidan finns inte."), status=404)
    return page


def check_open(page) -> None:
    if not getattr(page, "comments_enabled", False):
        raise Refused(_("Sidan tar inte emot kommentarer."), status=403)
    if not page.comments_open:
        raise Refused(_("Kommentarerna på den här sidan är stängda."), status=403)


def clean_name(name) -> str:
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX_LENGTH:
        raise Refused(_("Namnet får vara högst %(max)d tecken.") % {"max": NAME_MAX_LENGTH})
    return scrub_personal_data(name)[:NAME_MAX_LENGTH]


def clean_body(body) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise Refused(_("Skriv en kommentar innan du skickar."))
    if len(body) > BODY_MAX_LENGTH:
        raise Refused(_("Kommentaren får vara högst %(max)d tecken.") % {"max": BODY_MAX_LENGTH})
    return scrub_personal_data(body)


def submit_comment(*, page, name: str = "", body: str) -> Comment:
    """Store a comment from the public. It waits for moderation: nothing is shown yet."""
    check_open(page)
    name = clean_name(name)
    body = clean_body(body)
    with storing():
        return Comment.objects.create(page=page, locale_id=page.locale_id, name=name, body=body)


def moderate(comments, status, user) -> int:
    """Set `status` on `comments`, recording who and when; pages whose visible comments change
    are announced (comments.signals). Returns how many changed."""
    changed, pages = 0, []
    now = timezone.now()
    with storing():
        for comment in comments:
            if comment.status == status:
                continue
            was_visible = comment.is_visible
            comment.status = status
            comment.moderated_at = now
            comment.moderated_by = user if getattr(user, "pk", None) else None
            comment.save(update_fields=["status", "moderated_at", "moderated_by"])
            changed += 1
            if was_visible != comment.is_visible:
                pages.append(comment.page)
    announce(pages)
    return changed
