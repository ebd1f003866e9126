"""Writing feedback: the one place that validates and stores answers and comments, used by
the no-JS form, the JavaScript widget and the JSON API alike."""

import re
from collections import Counter

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.visibility import visible_pages

from . import counts
from .abuse import Refused, storing
from .models import COMMENT_MAX_LENGTH, Feedback
from .scrub import scrub_personal_data

TOKEN_SALT = "feedback.comment"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE_SECONDS = 60 * 60
# Larger ids than this overflow the database's integer column.
MAX_ID = 2**63 - 1
PAGE_ID = re.compile(r"-?[0-9]{1,30}")


def not_accepting() -> str:
    """Why an answer to a page was refused that is missing, unpublished, expired, private or not
    asking for feedback: one message for all, so the refusal tells nothing about such pages."""
    return _("Sidan finns inte eller tar inte emot svar.")


class FeedbackError(Refused):
    """Input a person can correct; `status` is the HTTP status to answer with. The admission
    checks and the "database busy" rule are shared with comments (feedback.abuse)."""


def page_id_of(value) -> int:
    """A page id as a form or JSON sends it: an integer or a string of digits. Floats,
    Infinity, booleans and anything else are refused (400)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and PAGE_ID.fullmatch(value.strip()):
        return int(value)
    raise FeedbackError(_("Sidan kunde inte identifieras."))


def page_accepting_feedback(page_id) -> Page:
    """The visible page with this id (core.visibility), if its `feedback_enabled` is on."""
    page_id = page_id_of(page_id)
    page = None
    if 0 < page_id <= MAX_ID:
        page = visible_pages(Page.objects.filter(pk=page_id)).specific().first()
    if page is None or not getattr(page, "feedback_enabled", False):
        raise FeedbackError(not_accepting(), status=404)
    return page


def check_text(value: str) -> str:
    """Text PostgreSQL can store: no NUL byte and no lone surrogate (neither is UTF-8)."""
    if "\x00" in value:
        raise FeedbackError(_("Texten innehåller tecken som inte kan sparas."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise FeedbackError(_("Texten innehåller tecken som inte kan sparas.")) from None
    return value


def clean_comment(comment) -> str:
    comment = check_text(comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise FeedbackError(
            _("Kommentaren får vara högst %(max)d tecken.") % {"max": COMMENT_MAX_LENGTH}
        )
    return scrub_personal_data(comment)


def submit_feedback(*, page, helpful: bool, comment: str = "", page_url=None) -> Feedback:
    """Store an answer and count it in its page's month, in one transaction. `page_url` is
    the address to keep with it (default: `page.get_url()`)."""
    comment = clean_comment(comment)
    if page_url is None:
        page_url = page.get_url() or ""
    with storing():
        feedback = Feedback.objects.create(
            page=page,
            page_title=page.title[:255],
            page_url=page_url[:2048],
            locale_id=page.locale_id,
            revision_id=page.live_revision_id,
            helpful=bool(helpful),
            comment=comment,
        )
        counts.add(feedback, answers=1, helpful=int(feedback.helpful), comments=int(bool(comment)))
    return feedback


def comment_token(feedback: Feedback) -> str:
    """Proof, for a short while, that the holder gave this answer."""
    return signing.dumps({"feedback": feedback.pk}, salt=TOKEN_SALT)


def feedback_for_token(token) -> Feedback | None:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE_SECONDS)
        return Feedback.objects.filter(pk=int(data["feedback"])).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError, UnicodeError):
        return None


def add_comment(*, token: str, comment: str) -> Feedback:
    comment = clean_comment(comment)
    if not comment:
        raise FeedbackError(_("Skriv en kommentar innan du skickar."))
    feedback = feedback_for_token(token)
    if feedback is None:
        raise FeedbackError(
            _(
                "Det har gått för lång tid sedan du svarade. "
                "Svara på frågan igen för att kommentera."
            ),
            status=403,
        )
    with storing():
        # One comment per answer: a token cannot overwrite a comment already given.
        updated = Feedback.objects.filter(pk=feedback.pk, comment="").update(comment=comment)
        if updated:
            counts.add(Feedback.objects.get(pk=feedback.pk), comments=1)
    if not updated:
        raise FeedbackError(_("Du har redan lämnat en kommentar till det här svaret."), status=409)
    feedback.comment = comment
    return feedback


def delete_feedback(feedback: Feedback) -> bool:
    """Delete an answer with its comment and take it off its month's counts. False if it was
    already gone."""
    with transaction.atomic():
        current = Feedback.objects.select_for_update().filter(pk=feedback.pk).first()
        if current is None:
            return False
        current.delete()
        counts.add(
            current,
            answers=-1,
            helpful=-int(current.helpful),
            comments=-int(bool(current.comment)),
        )
    return True


def blank_comments(queryset) -> int:
    """Remove the comments of the answers in `queryset` (the answers stay) and take them off
    their months' counts, in one transaction. Returns how many comments were removed."""
    with transaction.atomic():
        with_comments = queryset.exclude(comment="").select_for_update()
        per_month = Counter()
        one_of = {}
        for row in with_comments.only("page", "locale", "created_at").iterator(chunk_size=2000):
            key = (row.page_id, row.locale_id, counts.month_of(row.created_at))
            per_month[key] += 1
            one_of[key] = row
        removed = queryset.exclude(comment="").update(comment="")
        for key, number in per_month.items():
            counts.add(one_of[key], comments=-number)
    return removed
