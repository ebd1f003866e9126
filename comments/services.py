"""Writing and moderating comments: the one place that validates, stores and changes them, for
the forms, the JSON API and the admin alike. Admission and storing are core.public_forms'."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from core.public_forms import RateLimit, Refused, clean_text, storing, visible_page

from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment
from .signals import announce

# The feedback widget allows 10 comments in 10 minutes; a comment here is public (once
# approved) and costs an editor's time, so fewer.
COMMENT_RATE = RateLimit(
    "comment",
    limit=5,
    window_seconds=600,
    message=gettext_lazy("Du har skickat många kommentarer på kort tid. Försök igen om en stund."),
)
ANCHOR = "kommentarer"
RECEIVED = "mottagen"


def received_message():
    return _("Tack för din kommentar! Den visas på sidan när vi har granskat den.")


def public_page(page_id) -> Page:
    """The visible page with this id; 404 otherwise, so a draft is never confirmed to exist."""
    page = visible_page(page_id, Page.objects.specific())
    if page is None:
        raise Refused(_("Sidan finns inte."), status=404)
    return page


def check_open(page) -> None:
    if not getattr(page, "comments_enabled", False):
        raise Refused(_("Sidan tar inte emot kommentarer."), status=403)
    if not page.comments_open:
        raise Refused(_("Kommentarerna på den här sidan är stängda."), status=403)


def submit_comment(*, page, name: str = "", body: str) -> Comment:
    """Store a comment from the public. It waits for moderation: nothing is shown yet."""
    check_open(page)
    name = " ".join(name.split())
    too_long = _("Namnet får vara högst %(max)d tecken.")
    # Scrubbing can lengthen a name: "[e-postadress borttagen]" for a short address.
    name = clean_text(name, NAME_MAX_LENGTH, too_long=too_long)[:NAME_MAX_LENGTH]
    body = clean_text(body, BODY_MAX_LENGTH, required=True)
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
