"""Writing feedback: the one place that validates and stores answers and comments, used by
the no-JS form, the JavaScript widget and the JSON API alike."""

import functools
import time

from django.conf import settings
from django.core import signing
from django.core.cache import DEFAULT_CACHE_ALIAS
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from home import page_cache
from home.page_urls import serves_one_site

from . import abuse, days, group_commit, statements
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
# Pages remembered per process (`feedback_page`): at most this many, for at most this long.
REMEMBERED_PAGES_MAX = 10_000
REMEMBERED_SECONDS = 60


def not_accepting() -> str:
    """Why an answer to a page was refused that is missing, unpublished, private or not asking
    for feedback: one message for all, so the refusal tells nothing about unpublished pages."""
    return _("Sidan finns inte eller tar inte emot svar.")


class FeedbackError(Refused):
    """Input a person can correct; `status` is the HTTP status to answer with. The admission
    checks and the "database busy" rule are shared with comments (feedback.abuse)."""


def page_fields() -> list:
    """PAGE_FIELDS in the model's order, as `Model.from_db` takes the values."""
    return [field for field in Page._meta.concrete_fields if field.attname in PAGE_FIELDS]


@functools.cache
def page_attnames() -> list:
    return [field.attname for field in page_fields()]


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


def page_id_of(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FeedbackError(_("Sidan kunde inte identifieras.")) from None


def page_accepting_feedback(page_id) -> Page:
    """The published, public page with this id, if it asks for feedback: one query.

    What `Page.objects.live().public().specific()` tells in three queries (the view
    restrictions, the page, its specific row) is asked in one (`page_sql`). The page comes back
    as a plain `Page` with only what an answer stores and its URL needs."""
    page_id = page_id_of(page_id)
    row = None
    if 0 < page_id <= MAX_ID:
        with statements.cursor() as cursor:
            cursor.execute(page_sql(), [page_id])
            row = cursor.fetchone()
    if row is None:
        raise FeedbackError(not_accepting(), status=404)
    return Page.from_db(connection.alias, page_attnames(), row)


def page_urls(page: Page, request=None) -> tuple[str | None, str | None]:
    """(the page's address for the visitor, the address stored with the answer): what
    `page.get_url(request)` and `page.get_url()` return, from one look-up of the sites' root
    paths. Wagtail's `get_url(request)` also looks the request's site up in the database every
    time; that is needed only when there is more than one site."""
    return _page_urls(page, request)[:2]


def _page_urls(page: Page, request=None) -> tuple[str | None, str | None, bool]:
    """`page_urls` and whether they depend on the request (several sites)."""
    parts = page.get_url_parts(request)
    if parts is None or (parts[1] is None and parts[2] is None):
        return None, None, False
    site_id, root_url, page_path = parts
    if serves_one_site(page, request):
        return page_path, page_path, False
    site = Site.find_for_request(request) if request is not None else None
    here = page_path if site is not None and site.pk == site_id else root_url + page_path
    return here, root_url + page_path, True


# Pages remembered per process ----------------------------------------------------------------
#
# An answer needs the page's facts (live, public, its switch on; title, language, revision,
# address): one query planned and run for every answer, and a look-up of the sites' root paths
# in the cache. Each process remembers them per page for the content *generation* of
# home.page_cache, which every publish, unpublish, move, delete, view restriction, site and
# locale change bumps in the shared cache (before the change commits and again after), for at
# most REMEMBERED_SECONDS. An answer reads the generation in the same round trip to Redis as
# its rate limit (`admit_answer`), so a page unpublished or restricted is refused by every
# process as soon as the change is committed, as before. Without a cache shared by all
# processes (no Redis) the generation would be per process: nothing is remembered then.

_remembered = (None, 0.0, {})  # (generation, since when (monotonic), {page id: facts})
_NOT_ACCEPTING = object()


def shares_generation() -> bool:
    """Whether the content generation lives in the default cache and that is Redis, shared by
    every process (then it can be read in the rate limit's round trip)."""
    alias = getattr(settings, "PAGE_CACHE_ALIAS", DEFAULT_CACHE_ALIAS)
    return alias == DEFAULT_CACHE_ALIAS and page_cache.generation_is_shared()


def admit_answer(request, rate) -> int | None:
    """`abuse.admit` for an answer: the origin check and the rate limit, and the content
    generation read in the same round trip to Redis. None when the generation is not shared by
    all processes: `feedback_page` then reads the page every time."""
    if not shares_generation():
        abuse.admit(request, rate)
        return None
    generation = abuse.admit(request, rate, also_read=page_cache.GENERATION_KEY)
    if generation is None:  # never set, or the cache lost it: start one as the page cache does
        generation = page_cache.current_generation()
    return generation


def forget_pages() -> None:
    """Forget the pages this process remembers (tests; the next answer reads them again)."""
    global _remembered
    _remembered = (None, 0.0, {})


def feedback_page(page_id, request=None, generation=None) -> tuple[Page, str | None, str | None]:
    """(the page, its address for the visitor, the address stored with the answer):
    `page_accepting_feedback` and `page_urls`, remembered in this process for `generation`
    (from `admit_answer`; None: not remembered). Refused like `page_accepting_feedback`.

    The page returned may be shared by threads: read it, never change it."""
    global _remembered
    if generation is None:
        page = page_accepting_feedback(page_id)
        return (page, *page_urls(page, request))
    page_id = page_id_of(page_id)
    remembered_generation, since, pages = _remembered
    now = time.monotonic()
    if remembered_generation != generation or now - since > REMEMBERED_SECONDS:
        pages = {}
        _remembered = (generation, now, pages)
    facts = pages.get(page_id)
    if facts is None:
        try:
            page = page_accepting_feedback(page_id)
        except FeedbackError as error:
            if error.status != 404:
                raise
            facts = _NOT_ACCEPTING
        else:
            here, stored, per_request = _page_urls(page, None)
            facts = (page, None if per_request else (here, stored))
        if len(pages) >= REMEMBERED_PAGES_MAX:
            pages.clear()
        pages[page_id] = facts
    if facts is _NOT_ACCEPTING:
        raise FeedbackError(not_accepting(), status=404)
    page, urls = facts
    if urls is None:  # several sites: the visitor's address depends on the request's site
        urls = page_urls(page, request)
    return (page, *urls)


def clean_comment(comment) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise FeedbackError(
            _("Kommentaren får vara högst %(max)d tecken.") % {"max": COMMENT_MAX_LENGTH}
        )
    return scrub_personal_data(comment)


def submit_feedback(*, page, helpful: bool, comment: str = "", page_url=None) -> Feedback:
    """Store an answer and count it in its day and month (FeedbackDay, FeedbackMonth), all or
    nothing (feedback.days.insert_answer); on PostgreSQL together with the answers this
    process's other threads are storing at the same moment (feedback.group_commit).
    `page_url` is the address to keep with it, if the caller knows it already (`page_urls`)."""
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
    one_statement = days.insert_is_one_statement()
    # With the answers other threads store right now, where the write is one statement.
    group = one_statement and settings.FEEDBACK_GROUP_COMMIT
    store = group_commit.store if group else days.insert_answer
    with storing(atomic=not one_statement):
        store(feedback)
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
