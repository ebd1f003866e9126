"""In-process benchmarks through Django's test client (no HTTP server, one thread): what the
application itself costs per request.

feedback-report: the editors' feedback report, per-page view, CSV export and one feedback POST
over --rows answers spread over a year. api: the API's episode list and detail, in requests/s.
search: the site search over a large synthetic catalogue (nothing cached), the worst case
included (a word in every episode: every match ranked, facets over 10,000 ids)."""

import random
import statistics
import time
import tracemalloc
from datetime import timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, reset_queries
from django.db.models import Sum
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from bench.data import seed, synthetic_catalogue
from bench.servers import idle_and_steal, machine_cpu_times
from feedback.models import Feedback, FeedbackMonth
from webinars.management.commands.generate_synthetic_catalogue import insert_feedback
from webinars.models import WebinarEpisodePage, WebinarIndexPage


def prepare(rows):
    """The seeded site with `rows` answers spread over its pages and the last year, their
    monthly counts, and a client logged in as a superuser."""
    seed()
    pages = list(Page.objects.live().filter(depth__gt=1).specific())
    missing = rows - Feedback.objects.count()
    if missing > 0:
        rng = random.Random(42)  # noqa: S311 - reproducible test data, not security
        insert_feedback([page.pk for page in pages], missing, rng, print)
    # The inserts go around feedback/services.py, which keeps the report's counts: recount
    # unless they already add up (minutes at a million answers).
    counted = FeedbackMonth.objects.aggregate(total=Sum("answers"))["total"] or 0
    if counted != Feedback.objects.filter(page__isnull=False).count():
        started = time.perf_counter()
        call_command("rebuild_feedback_counts")
        print(f"  räknat om på {time.perf_counter() - started:.1f} s")
    if missing > 0 and connection.vendor == "postgresql":
        # Fresh rows have no planner statistics or visibility map until autovacuum comes by
        # (measured: every-page view 1,089 ms before, 118 ms after): measure the settled state.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE feedback_feedback, feedback_feedbackmonth")
    user, _ = get_user_model().objects.get_or_create(
        username="benchmark", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client, pages


def timed(send, repeat):
    """Milliseconds of each of `repeat` calls of `send`, what the last returned, its queries."""
    timings = []
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = send()
        timings.append((time.perf_counter() - started) * 1000)
        # Read now: the next request's request_started signal empties the query log.
        query_count = len(queries.captured_queries)
    return timings, result, query_count


def get_ok(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} svarade {response.status_code}")
    return response


def measure(client, label, url, repeat, stream=False):
    """Times `repeat` requests, then makes one more under tracemalloc for the peak memory:
    tracemalloc slows Python down several times, so timing under it measured mostly itself."""

    def get():
        response = get_ok(client, url)
        return sum(len(chunk) for chunk in response) if stream else len(response.content)

    timings, size, query_count = timed(get, repeat)
    tracemalloc.start()
    get()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{label:<32} p50 {statistics.median(timings):8.1f} ms   max {max(timings):8.1f} ms   "
        f"{query_count:3d} queries   {size / 1024:8.0f} KiB   "
        f"peak Python memory {peak / 1024 / 1024:6.1f} MiB"
    )


def feedback_report(args):
    client, pages = prepare(args.rows)
    total = Feedback.objects.count()
    print(f"\nDatabas: {connection.vendor}, {total:,} svar på {len(pages)} sidor\n")
    cpu_before = machine_cpu_times()  # other work on the machine shows in the figures
    episode = next(page for page in pages if isinstance(page, WebinarEpisodePage))
    catalogue = next(page for page in pages if isinstance(page, WebinarIndexPage))
    report = "/admin/aterkoppling/"
    for label, url in [
        ("rapport, alla sidor", report),
        ("rapport, minst hjälpsam först", f"{report}?sortering=minst-hjalpsam"),
        ("rapport, senaste 30 dagarna", f"{report}?fran={timezone.now().date() - timedelta(30)}"),
        ("en sidas svar och kommentarer", f"{report}sida/{episode.pk}/"),
        ("rapport, en sektion", f"{report}?sektion={catalogue.pk}"),
    ]:
        measure(client, label, url, args.repeat)
    measure(client, "CSV-export (sidor)", f"{report}export/sidor/?export=csv", 1, stream=True)
    post_cost(episode, args.repeat * 20)
    idle, steal = idle_and_steal(cpu_before, machine_cpu_times())
    print(f"\nMaskinens lediga CPU under mätningen: {idle:.0%} (stöld {steal:.0%})")


def post_cost(page, repeat):
    """One feedback POST in-process: its queries and time (the rate limit is lifted)."""
    client = Client()
    body = {"page": page.pk, "helpful": True}
    accept = {"Accept": "application/json"}

    def post():
        response = client.post("/feedback/", body, "application/json", headers=accept)
        if response.status_code != 201:
            raise SystemExit(f"återkoppling svarade {response.status_code}")

    with override_settings(RATE_LIMIT_SCALE=1_000_000):
        timings, _, query_count = timed(post, repeat)
    print(
        f"{'återkoppling, ett POST':<32} p50 {statistics.median(timings):8.1f} ms   "
        f"max {max(timings):8.1f} ms   {query_count:3d} queries"
    )


def api_listing(args):
    episode = synthetic_catalogue(args.episodes)
    client = Client()
    print(f"\nDatabas: {connection.vendor}, {WebinarEpisodePage.objects.count()} avsnitt\n")
    for label, url in [
        ("API-lista, 20 avsnitt", "/api/v3/webinars/episodes/?limit=20"),
        ("API-lista, 100 avsnitt", "/api/v3/webinars/episodes/?limit=100"),
        ("API-detalj, ett avsnitt", f"/api/v3/webinars/episodes/{episode.pk}/"),
        ("Wagtails pages/, 20 sidor", "/api/v3/pages/?limit=20"),
    ]:
        client.get(url)  # warm caches and renditions
        timings = sorted(timed(partial(get_ok, client, url), args.requests)[0])
        p50, p99 = statistics.median(timings), timings[int(len(timings) * 0.99) - 1]
        print(
            f"{label:<28} {len(timings) / sum(timings) * 1000:7.1f} req/s"
            f"   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms"
        )


def search_latency(args):
    synthetic_catalogue(args.episodes)
    pages = Page.objects.live().count()
    episodes = WebinarEpisodePage.objects.live().count()
    print(f"\nDatabas: {connection.vendor}, {episodes:,} avsnitt, {pages:,} publicerade sidor\n")
    client = Client()
    for label, url in [
        ("sök: ord i alla avsnitt", "/sok/?q=syntetiskt"),
        ("sök: ord i alla, sida 50", "/sok/?q=syntetiskt&sida=50"),
        ("sök: tjänstedesign", "/sok/?q=tj%C3%A4nstedesign"),
        ("sök: två ord", "/sok/?q=syntetiskt+testavsnitt+4711"),
        ("sök: filtrerad typ+år", "/sok/?q=syntetiskt&typ=avsnitt&ar=2020"),
        ("sök: inga träffar", "/sok/?q=parkeringstillst%C3%A5nd"),
        ("API: ord i alla avsnitt", "/api/v3/search/?q=syntetiskt"),
        ("API: förslag", "/api/v3/search/suggestions/?q=synt"),
    ]:
        measure(client, label, url, args.repeat)
