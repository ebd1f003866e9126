"""Writing feedback: the one place that validates and stores answers and comments, used by
the no-JS form, the JavaScript widget and the JSON API alike."""

import functools

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from . import days
from .abuse import Refused, storing
from .models import COMMENT_MAX_LENGTH, Feedback
from .scrub import scrub_personal_data

TOKEN_SALT = "feedback.comment"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE_SECONDS = 60 * 60
KEY_FIELDS = ("page_id", "page_title", "page_url", "locale_id", "created_at")
# What an answer stores and the page's URL needs (Page.get_url_parts reads url_path).
PAGE_FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id", "live_revision_id")
# Larger ids than this overflow the database's integer column.
MAX_ID = 2**63 - 1


class FeedbackError(Refused):
    """Input a person can correct; `status` is the HTTP status to answer with. The admission
    checks and the "database busy" rule are shared with comments (feedback.abuse)."""


def page_fields() -> list:
    """PAGE_FIELDS in the model's order, as `Model.from_db` takes the values."""
    return [field for field in Page._meta.concrete_fields if field.attname in PAGE_FIELDS]


@functools.cache
def page_sql() -> str:
    """The one query of `page_accepting_feedback`, built once per process from the models:
    the page, live, with its type's switch on (an EXISTS on each table that holds
    `feedback_enabled`, FeedbackMixin) and no view restriction on it or above it."""
    qn = connection.ops.quote_name
    page_table = qn(Page._meta.db_table)
    owners = []
    for model in get_page_models():
        try:
            owner = model._meta.get_field("feedback_enabled").model
        except FieldDoesNotExist:
            continue
        if owner not in owners:
            owners.append(owner)
    switched_on = " OR ".join(
        f"EXISTS (SELECT 1 FROM {qn(owner._meta.db_table)} AS specific "  # noqa: S608
        f"WHERE specific.{qn(owner._meta.pk.column)} = page.{qn('id')} "
        f"AND specific.{qn('feedback_enabled')})"
        for owner in owners
    )
    restricted = (
        f"EXISTS (SELECT 1 FROM {qn(PageViewRestriction._meta.db_table)} AS restriction "  # noqa: S608
        f"INNER JOIN {page_table} AS restricted "
        f"ON restricted.{qn('id')} = restriction.{qn('page_id')} "
        f"WHERE restricted.{qn('path')} = "
        f"SUBSTR(page.{qn('path')}, 1, LENGTH(restricted.{qn('path')})))"
    )
    columns = ", ".join(f"page.{qn(field.column)}" for field in page_fields())
    return (
        f"SELECT {columns} FROM {page_table} AS page "  # noqa: S608
        f"WHERE page.{qn('id')} = %s AND page.{qn('live')} "
        f"AND ({switched_on or 'FALSE'}) AND NOT {restricted}"
    )


def page_accepting_feedback(page_id) -> Page:
    """The published, public page with this id, if it asks for feedback: one query.

    What `Page.objects.live().public().specific()` tells in three queries (the view
    restrictions, the page, its specific row) is asked in one (`page_sql`). The page comes back
    as a plain `Page` with only what an answer stores and its URL needs."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        raise FeedbackError(_("Sidan kunde inte identifieras.")) from None
    row = None
    if 0 < page_id <= MAX_ID:
        with connection.cursor() as cursor:
            cursor.execute(page_sql(), [page_id])
            row = cursor.fetchone()
    if row is None:
        raise FeedbackError(_("Sidan finns inte eller tar inte emot svar."), status=404)
    return Page.from_db(connection.alias, [field.attname for field in page_fields()], row)


def page_urls(page: Page, request=None) -> tuple[str | None, str | None]:
    """(the page's address for the visitor, the address stored with the answer): what
    `page.get_url(request)` and `page.get_url()` return, from one look-up of the sites' root
    paths. Wagtail's `get_url(request)` also looks the request's site up in the database every
    time; that is needed only when there is more than one site."""
    parts = page.get_url_parts(request)
    if parts is None or (parts[1] is None and parts[2] is None):
        return None, None
    site_id, root_url, page_path = parts
    if len({root_path[0] for root_path in page._get_site_root_paths(request)}) == 1:
        return page_path, page_path
    site = Site.find_for_request(request) if request is not None else None
    here = page_path if site is not None and site.pk == site_id else root_url + page_path
    return here, root_url + page_path


def clean_comment(comment) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise FeedbackError(
            _("Kommentaren får vara högst %(max)d tecken.") % {"max": COMMENT_MAX_LENGTH}
        )
    return scrub_personal_data(comment)


def submit_feedback(*, page, helpful: bool, comment: str = "", page_url=None) -> Feedback:
    """Store an answer and count it in its day and month (FeedbackDay, FeedbackMonth), all or
    nothing (feedback.days.insert_answer). `page_url` is the address to keep with it, if the
    caller knows it already (`page_urls`)."""
    comment = clean_comment(comment)
    if page_url is None:
        page_url = page.get_url()
    feedback = Feedback(
        page=page,
        page_title=page.title[:255],
        page_url=(page_url or "")[:2048],
        locale_id=page.locale_id,
        revision_id=page.live_revision_id,
        helpful=bool(helpful),
        comment=comment,
    )
    with storing(atomic=not days.insert_is_one_statement()):
        days.insert_answer(feedback)
    return feedback


def comment_token(feedback: Feedback) -> str:
    """Proof, for a short while, that the holder gave this answer."""
    return signing.dumps({"feedback": feedback.pk}, salt=TOKEN_SALT)


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
