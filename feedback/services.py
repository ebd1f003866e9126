"""Writing feedback: the one place that validates and stores answers and comments, used by
the no-JS form, the JavaScript widget and the JSON API alike."""

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import days
from .abuse import Refused, storing
from .models import COMMENT_MAX_LENGTH, Feedback
from .scrub import scrub_personal_data

TOKEN_SALT = "feedback.comment"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE_SECONDS = 60 * 60
KEY_FIELDS = ("page_id", "page_title", "page_url", "locale_id", "created_at")


class FeedbackError(Refused):
    """Input a person can correct; `status` is the HTTP status to answer with. The admission
    checks and the "database busy" rule are shared with comments (feedback.abuse)."""


def page_accepting_feedback(page_id) -> Page:
    """The published, public page with this id, if it asks for feedback."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        raise FeedbackError(_("Sidan kunde inte identifieras.")) from None
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or not getattr(page, "feedback_enabled", False):
        raise FeedbackError(_("Sidan finns inte eller tar inte emot svar."), status=404)
    return page


def clean_comment(comment) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise FeedbackError(
            _("Kommentaren får vara högst %(max)d tecken.") % {"max": COMMENT_MAX_LENGTH}
        )
    return scrub_personal_data(comment)


def submit_feedback(*, page, helpful: bool, comment: str = "") -> Feedback:
    """Store an answer and count it in its day (FeedbackDay), in one transaction."""
    comment = clean_comment(comment)
    with storing():
        feedback = Feedback.objects.create(
            page=page,
            page_title=page.title[:255],
            page_url=(page.get_url() or "")[:2048],
            locale_id=page.locale_id,
            revision_id=page.live_revision_id,
            helpful=helpful,
            comment=comment,
        )
        days.add(
            **days.key_of(feedback),
            answers=1,
            helpful=int(bool(helpful)),
            comments=int(bool(comment)),
        )
    return feedback


def comment_token(feedback: Feedback) -> str:
    """Proof, for a short while, that the holder gave this answer."""
    return signing.dumps({"feedback": feedback.pk}, salt=TOKEN_SALT, compress=True)


def feedback_for_token(token) -> Feedback | None:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE_SECONDS)
        return Feedback.objects.filter(pk=int(data["feedback"])).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
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
            # Read back under the row lock the update took: the page may have been deleted.
            current = Feedback.objects.only(*KEY_FIELDS).get(pk=feedback.pk)
            days.add(**days.key_of(current), comments=1)
    if not updated:
        raise FeedbackError(_("Du har redan lämnat en kommentar till det här svaret."), status=409)
    feedback.comment = comment
    return feedback


def delete_feedback(feedback: Feedback) -> bool:
    """Delete an answer with its comment and take it off its day's counts. False if it was
    already gone."""
    with transaction.atomic():
        current = Feedback.objects.select_for_update().filter(pk=feedback.pk).first()
        if current is None:
            return False
        Feedback.objects.filter(pk=current.pk).delete()
        days.add(
            **days.key_of(current),
            answers=-1,
            helpful=-int(current.helpful),
            comments=-int(bool(current.comment)),
        )
    return True


def blank_comments(queryset) -> int:
    """Remove the comments of the answers in `queryset` (the answers stay) and take them off
    their days' counts, in one transaction. Returns how many comments were removed."""
    with transaction.atomic():
        with_comments = queryset.exclude(comment="")
        counts = list(days.day_counts(with_comments))
        removed = with_comments.update(comment="")
        for values in counts:
            days.add(
                page_id=values["page_id"],
                page_title=values["page_title"],
                page_url=values["page_url"],
                locale_id=values["locale_id"],
                day=values["local_day"],
                comments=-values["n_comments"],
            )
    return removed
