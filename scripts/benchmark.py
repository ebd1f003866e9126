#!/usr/bin/env python
"""Benchmarks: figures are printed, nothing is asserted (tests assert behaviour, not seconds).

    .venv/bin/python scripts/benchmark.py feedback-report [--rows 1000000] [--repeat 5]
    .venv/bin/python scripts/benchmark.py api [--episodes 200] [--requests 200]

Runs against a scratch database (BENCH_DATABASE_URL, default a SQLite file in /tmp; set it to
a postgres:// URL to measure PostgreSQL), seeds the demo content, bulk-creates feedback rows
spread over a year and the seeded pages, recounts the daily table the report reads
(rebuild_feedback_days), and times the editors' feedback report, the per-page
view and the CSV export through Django's test client as a superuser."""

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "sqlite:////tmp/skl-benchmark.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from feedback.models import Feedback  # noqa: E402


def prepare(rows):
    call_command("migrate", verbosity=0)
    call_command("load_seed_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    existing = Feedback.objects.count()
    pages = list(Page.objects.live().filter(depth__gt=1).specific())
    missing = rows - existing
    if missing > 0:
        print(f"Skapar {missing:,} svar ...", flush=True)
        now = timezone.now()
        rng = random.Random(42)  # noqa: S311 - reproducible test data, not security
        batch = []
        started = time.perf_counter()
        for number in range(missing):
            page = rng.choice(pages)
            batch.append(
                Feedback(
                    page=page,
                    page_title=page.title,
                    page_url=page.url_path,
                    locale_id=page.locale_id,
                    helpful=rng.random() < 0.7,
                    comment="Demokommentar" if rng.random() < 0.05 else "",
                )
            )
            if len(batch) == 50_000 or number == missing - 1:
                Feedback.objects.bulk_create(batch)
                batch = []
                print(f"  {number + 1:,}/{missing:,}", flush=True)
        # Spread the answers over the last year (auto_now_add set them all to now).
        with connection.cursor() as cursor:
            table = Feedback._meta.db_table
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE {table} SET created_at = %s - (id %% 365) * interval '1 day'",  # noqa: S608
                    [now],
                )
            else:
                cursor.execute(
                    f"UPDATE {table} SET created_at = "  # noqa: S608
                    "datetime(%s, '-' || (id %% 365) || ' days')",
                    [now.strftime("%Y-%m-%d %H:%M:%S")],
                )
        print(f"  klart på {time.perf_counter() - started:.1f} s")
    # bulk_create goes around feedback/services.py, which keeps the report's daily counts.
    started = time.perf_counter()
    call_command("rebuild_feedback_days")
    print(f"  räknat om på {time.perf_counter() - started:.1f} s")
    user = get_user_model().objects.filter(username="benchmark").first()
    if user is None:
        user = get_user_model().objects.create_superuser(
            "benchmark", "benchmark@example.invalid", "benchmark-only"
        )
    client = Client()
    client.force_login(user)
    return client, pages


def measure(client, label, url, repeat, stream=False):
    """Times `repeat` requests, then makes one more under tracemalloc for the peak memory:
    tracemalloc slows Python down several times, so timing under it measured mostly itself."""

    def get():
        response = client.get(url)
        size = sum(len(chunk) for chunk in response) if stream else len(response.content)
        if response.status_code != 200:
            raise SystemExit(f"{url} svarade {response.status_code}")
        return size

    timings = []
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            size = get()
        timings.append((time.perf_counter() - started) * 1000)
        # Read now: the next request's request_started signal empties the query log.
        query_count = len(queries.captured_queries)
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
    episode = next(page for page in pages if page.specific_class.__name__ == "WebinarEpisodePage")
    measure(client, "rapport, alla sidor", "/admin/aterkoppling/", args.repeat)
    measure(
        client,
        "rapport, minst hjälpsam först",
        "/admin/aterkoppling/?sortering=minst-hjalpsam",
        args.repeat,
    )
    measure(
        client,
        "rapport, senaste 30 dagarna",
        f"/admin/aterkoppling/?fran={(timezone.now() - timedelta(days=30)).date()}",
        args.repeat,
    )
    measure(
        client,
        "en sidas svar och kommentarer",
        f"/admin/aterkoppling/sida/{episode.pk}/",
        args.repeat,
    )
    measure(client, "CSV-export (sidor)", "/admin/aterkoppling/export/sidor.csv", 1, stream=True)


def api_listing(args):
    """In-process throughput of the API listing and detail (Django's test client, no HTTP
    server, one thread): what the application itself costs per request."""
    from webinars.models import WebinarEpisodePage, WebinarSeriesPage

    call_command("migrate", verbosity=0)
    call_command("load_seed_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    series = WebinarSeriesPage.objects.filter(locale__language_code="sv").first()
    template = WebinarEpisodePage.objects.child_of(series).first()
    existing = WebinarEpisodePage.objects.child_of(series).count()
    for number in range(existing, args.episodes):
        episode = WebinarEpisodePage(
            title=f"Benchmarkavsnitt {number}",
            slug=f"benchmarkavsnitt-{number}",
            summary=template.summary,
            video_file=template.video_file,
            captions=template.captions,
            duration=template.duration,
            recorded_on=template.recorded_on,
            thumbnail=template.thumbnail,
        )
        series.add_child(instance=episode)
        series.refresh_from_db()
    client = Client()
    print(f"\nDatabas: {connection.vendor}, {WebinarEpisodePage.objects.count()} avsnitt\n")
    for label, url in [
        ("API-lista, 20 avsnitt", "/api/v3/webinars/episodes/?limit=20"),
        ("API-lista, 100 avsnitt", "/api/v3/webinars/episodes/?limit=100"),
        ("API-detalj, ett avsnitt", f"/api/v3/webinars/episodes/{template.pk}/"),
        ("Wagtails pages/, 20 sidor", "/api/v3/pages/?limit=20"),
    ]:
        client.get(url)  # warm caches and renditions
        timings = []
        started = time.perf_counter()
        for _ in range(args.requests):
            begun = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - begun) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} svarade {response.status_code}")
        elapsed = time.perf_counter() - started
        timings.sort()
        p50, p99 = statistics.median(timings), timings[int(len(timings) * 0.99) - 1]
        print(
            f"{label:<28} {args.requests / elapsed:7.1f} req/s"
            f"   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("feedback-report", help="återkopplingsrapporten med många svar")
    report.add_argument("--rows", type=int, default=1_000_000)
    report.add_argument("--repeat", type=int, default=5)
    api = sub.add_parser("api", help="API:ts lista och detalj, anrop per sekund i processen")
    api.add_argument("--episodes", type=int, default=200)
    api.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    {"feedback-report": feedback_report, "api": api_listing}[args.command](args)


if __name__ == "__main__":
    main()
