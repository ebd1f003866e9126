"""The cost of an answer: pages remembered per process for the content generation, the rate
limit and the generation in one round trip to Redis, prepared statements on PostgreSQL, and
the same refusals as ever when a page stops taking answers or a service is down."""

import json

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from feedback import abuse, services, statements
from feedback.models import Feedback, FeedbackDay, FeedbackMonth
from home import page_cache
from tests import factories
from tests.ops.conftest import closed_port, database_down

ANSWER_URL = "/feedback/"
API_URL = "/api/v3/feedback/"


pytestmark = pytest.mark.usefixtures("fresh_feedback_state")


@pytest.fixture
def article(home):
    return factories.GuidanceArticlePageFactory(parent=home, slug="svar-kostar-lite")


def answer(client, page, url=ANSWER_URL, **data):
    return client.post(
        url, json.dumps({"page": page.pk, "helpful": True, **data}), content_type="application/json"
    )


def statements_in(queries):
    return [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))
    ]


# Pages remembered per content generation -----------------------------------------------------


def test_a_page_is_read_once_per_generation(article):
    Site.get_site_root_paths()  # cached for every request (Wagtail's)
    with CaptureQueriesContext(connection) as queries:
        first = services.feedback_page(article.pk, generation=1)
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        again = services.feedback_page(str(article.pk), generation=1)
    assert len(queries) == 0
    assert first == again
    page, here, stored = again
    assert (page.pk, page.title, here, stored) == (
        article.pk,
        article.title,
        article.url,
        article.url,
    )
    with CaptureQueriesContext(connection) as queries:
        services.feedback_page(article.pk, generation=2)
    assert len(queries) == 1, "a new generation reads the page again"


def test_without_a_generation_the_page_is_read_every_time(article):
    Site.get_site_root_paths()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            services.feedback_page(article.pk)
        assert len(queries) == 1


def test_a_remembered_page_is_read_again_after_a_while(article, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(services.time, "monotonic", lambda: now[0])
    services.feedback_page(article.pk, generation=1)
    now[0] += services.REMEMBERED_SECONDS + 1
    with CaptureQueriesContext(connection) as queries:
        services.feedback_page(article.pk, generation=1)
    assert len(queries) == 1


def test_refusals_are_remembered_too_and_bad_ids_are_never_looked_up(home):
    draft = factories.GuidanceArticlePageFactory(parent=home, slug="utkast", live=False)
    for _ in range(2):
        with pytest.raises(services.FeedbackError) as refused:
            services.feedback_page(draft.pk, generation=1)
        assert refused.value.status == 404
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(services.FeedbackError) as refused,
    ):
        services.feedback_page("sidan", generation=1)
    assert refused.value.status == 400 and len(queries) == 0


def test_without_a_shared_cache_nothing_is_remembered(client, article):
    """Per-process caches (locmem) have a generation per process: another process could have
    unpublished the page, so the page is read for every answer."""
    assert not services.shares_generation()
    answer(client, article)
    with CaptureQueriesContext(connection) as queries:
        assert answer(client, article).status_code == 201
    assert any("wagtailcore_pageviewrestriction" in sql for sql in statements_in(queries))


# With Redis, as in production ----------------------------------------------------------------


def test_with_redis_an_answer_costs_only_its_write(client, article, shared_cache):
    assert services.shares_generation()
    assert answer(client, article).status_code == 201  # reads the page
    for url in (ANSWER_URL, API_URL):
        with CaptureQueriesContext(connection) as queries:
            assert answer(client, article, url).status_code == 201
        written = statements_in(queries)
        if connection.vendor == "postgresql":
            assert len(written) == 1, written  # the WITH statement
        else:
            assert len(written) == 3, written  # the INSERT and the two upserts
        assert not any("wagtailcore_page" in sql for sql in written)
    assert Feedback.objects.filter(page=article, page_url=article.url).count() == 3
    (day,) = FeedbackDay.objects.filter(page=article)
    (month,) = FeedbackMonth.objects.filter(page=article)
    assert day.answers == month.answers == 3


def test_with_redis_a_page_unpublished_or_restricted_since_is_refused_at_once(
    client, home, shared_cache
):
    unpublished = factories.GuidanceArticlePageFactory(parent=home, slug="avpubliceras")
    restricted = factories.GuidanceArticlePageFactory(parent=home, slug="begransas")
    switched_off = factories.GuidanceArticlePageFactory(parent=home, slug="stangs-av")
    for page in (unpublished, restricted, switched_off):
        assert answer(client, page).status_code == 201
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    switched_off.feedback_enabled = False
    switched_off.save_revision().publish()
    for page in (unpublished, restricted, switched_off):
        assert answer(client, page).status_code == 404
        assert answer(client, page, API_URL).status_code == 404
        assert Feedback.objects.filter(page=page).count() == 1


def test_with_redis_a_page_published_or_moved_since_gets_its_new_facts(client, home, shared_cache):
    draft = factories.GuidanceArticlePageFactory(parent=home, slug="snart", live=False)
    moving = factories.GuidanceArticlePageFactory(parent=home, slug="flyttas", title="Före")
    section = factories.GuidanceArticlePageFactory(parent=home, slug="avdelning")
    assert answer(client, draft).status_code == 404
    assert answer(client, moving).status_code == 201
    draft.save_revision().publish()
    moving.title = "Efter"
    moving.save_revision().publish()
    moving.move(section, pos="last-child")
    moving.refresh_from_db()
    assert answer(client, draft).status_code == 201
    assert answer(client, moving).status_code == 201
    latest = Feedback.objects.filter(page=moving).latest("pk")
    assert (latest.page_title, latest.page_url) == ("Efter", moving.url)
    assert moving.url.startswith(section.url)


def test_with_redis_a_lost_generation_starts_a_new_one(client, article, shared_cache):
    answer(client, article)
    shared_cache.delete(page_cache.GENERATION_KEY)
    assert answer(client, article).status_code == 201
    assert shared_cache.get(page_cache.GENERATION_KEY) is not None


def test_redis_count_keeps_the_counter_djangos_cache_would_and_reads_a_key(shared_cache):
    shared_cache.set("sida", 41)
    rate = abuse.RateLimit("prov", limit=2, window_seconds=600)
    counts = [
        abuse.redis_count(shared_cache, f"ratelimit:{rate.scope}:a", 600, "sida") for _ in range(3)
    ]
    assert counts == [(1, 41), (2, 41), (3, 41)]
    assert shared_cache.get(f"ratelimit:{rate.scope}:a") == 3
    assert shared_cache.incr(f"ratelimit:{rate.scope}:a") == 4
    assert abuse.redis_count(shared_cache, "ratelimit:prov:b", 600, "saknas") == (1, None)
    assert abuse.redis_count(shared_cache, "ratelimit:prov:c", 600) == (1, None)


def test_redis_error_replies_are_raised_and_the_connection_stays_in_step(shared_cache):
    shared_cache.set("text", "inte ett tal")
    with pytest.raises(redis.exceptions.ResponseError):
        abuse.redis_count(shared_cache, "text", 600, "sida")
    shared_cache.set("sida", 7)
    assert abuse.redis_count(shared_cache, "ratelimit:prov:d", 600, "sida") == (1, 7)
    assert shared_cache.get("sida") == 7


def test_with_redis_the_rate_limit_still_applies(client, article, shared_cache):
    statuses = [answer(client, article).status_code for _ in range(31)]
    assert statuses[:30] == [201] * 30 and statuses[30] == 429
    assert Feedback.objects.count() == 30


# Prepared statements (PostgreSQL) ------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_prepared_statements_store_and_count_answers(client, home, prepared_statements):
    article = factories.GuidanceArticlePageFactory(parent=home, slug="forberedd")
    for helpful in (True, False, True, "ja"):
        response = client.post(ANSWER_URL, {"page": article.pk, "helpful": helpful})
        assert response.status_code == 303
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("feedback_feedbackday" in sql for sql in prepared), prepared
    assert any("wagtailcore_pageviewrestriction" in sql for sql in prepared), prepared
    assert Feedback.objects.filter(page=article).count() == 4
    (day,) = FeedbackDay.objects.filter(page=article)
    assert (day.answers, day.helpful) == (4, 3)


def test_without_prepare_threshold_statements_use_djangos_cursor(settings):
    assert not statements.prepares()


# Services down --------------------------------------------------------------------------------


def test_an_answer_while_the_database_is_down_is_a_503_and_keeps_nothing(client, article):
    with database_down():
        page = client.post(ANSWER_URL, {"page": article.pk, "helpful": "ja"})
        api = answer(client, article, API_URL)
    assert page.status_code == 503 and page["Retry-After"]
    assert api.status_code == 503 and api["Content-Type"] == "application/problem+json"
    assert not Feedback.objects.exists()


def test_an_answer_while_redis_is_down_is_a_503(client, article, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "ops.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    assert answer(client, article).status_code == 503
    response = answer(client, article, API_URL)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert not Feedback.objects.exists()
