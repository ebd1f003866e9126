"""Storing answers and comments: the one place the widget's form, its script and the API call."""

from collections import Counter

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.public_forms import RateLimit, Refused, clean_text, storing, visible_page

from .models import COMMENT_MAX_LENGTH, Feedback, FeedbackMonth, month_of

TOKEN_SALT = "feedback.comment"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE_SECONDS = 60 * 60
ANSWER_RATE = RateLimit("feedback", limit=30, window_seconds=600)
COMMENT_RATE = RateLimit("feedback-comment", limit=10, window_seconds=600)


def page_accepting_feedback(page_id) -> Page:
    """The visible page (core.visibility) with this id if its `feedback_enabled` is on; one 404
    for every other page, so a refusal tells nothing about unpublished ones."""
    fields = ("title", "url_path", "locale_id", "live_revision_id", "content_type_id")
    page = visible_page(page_id, Page.objects.only(*fields))
    model = page and page.specific_class
    enabled = hasattr(model, "feedback_enabled")
    # The switch is a column of the page's own table: one indexed lookup there.
    if not enabled or not model.objects.filter(pk=page.pk, feedback_enabled=True).exists():
        raise Refused(_("Sidan finns inte eller tar inte emot svar."), status=404)
    return page


def submit_feedback(*, page, helpful: bool, comment: str = "") -> Feedback:
    """Store an answer and count it in its page's month, in one transaction."""
    comment = clean_text(comment, COMMENT_MAX_LENGTH)
    with storing():
        feedback = Feedback.objects.create(
            page_id=page.pk,
            page_title=page.title[:255],
            page_url=(page.get_url() or "")[:2048],
            locale_id=page.locale_id,
            revision_id=page.live_revision_id,
            helpful=bool(helpful),
            comment=comment,
        )
        FeedbackMonth.objects.add(
            feedback, answers=1, helpful=int(feedback.helpful), comments=int(bool(comment))
        )
    return feedback


def comment_token(feedback: Feedback) -> str:
    """Proof, for an hour, that the holder gave this answer."""
    return signing.dumps({"feedback": feedback.pk}, salt=TOKEN_SALT)


def feedback_for_token(token) -> Feedback | None:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE_SECONDS)
        return Feedback.objects.filter(pk=int(data["feedback"])).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError, UnicodeError):
        return None


def add_comment(*, token: str, comment: str) -> Feedback:
    comment = clean_text(comment, COMMENT_MAX_LENGTH, required=True)
    feedback = feedback_for_token(token)
    if feedback is None:
        raise Refused(
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
            FeedbackMonth.objects.add(feedback, comments=1)
    if not updated:
        raise Refused(_("Du har redan lämnat en kommentar till det här svaret."), status=409)
    feedback.comment = comment
    return feedback


def delete_feedback(feedback: Feedback) -> bool:
    """Delete an answer and take it off its month's counts; False if it was already gone."""
    with transaction.atomic():
        current = Feedback.objects.select_for_update().filter(pk=feedback.pk).first()
        if current is None:
            return False
        current.delete()
        FeedbackMonth.objects.add(
            current, answers=-1, helpful=-int(current.helpful), comments=-int(bool(current.comment))
        )
    return True


def blank_comments(queryset) -> int:
    """Remove the comments in `queryset` (the answers stay) and their counts; how many."""
    with transaction.atomic():
        rows = queryset.exclude(comment="").select_for_update().only("page", "locale", "created_at")
        per_month = Counter((row.page_id, row.locale_id, month_of(row.created_at)) for row in rows)
        removed = queryset.exclude(comment="").update(comment="")
        for (page_id, locale_id, month), number in per_month.items():
            months = FeedbackMonth.objects.filter(page_id=page_id, locale_id=locale_id, month=month)
            months.update(comments=F("comments") - number)
    return removed
