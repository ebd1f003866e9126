#!/usr/bin/env python
"""Benchmarks: figures are printed, nothing is asserted (tests assert behaviour, not seconds).

    .venv/bin/python scripts/benchmark.py feedback-report [--rows 1000000] [--repeat 5]
    .venv/bin/python scripts/benchmark.py api [--episodes 200] [--requests 200]
    .venv/bin/python scripts/benchmark.py search [--episodes 10000] [--repeat 10]
    .venv/bin/python scripts/benchmark.py load [--episodes 10000] [--feedback 1000000]
                                               [--seconds 10] [--connections 16]
    .venv/bin/python scripts/benchmark.py feedback-post [--seconds 10] [--repeat 3]
                                                        [--pages 1] [--api]
    .venv/bin/python scripts/benchmark.py floor [--episodes 10000] [--seconds 10]
                                                [--connections 16] [--repeat 3] [--query ...]

Runs against a scratch database (BENCH_DATABASE_URL, default a SQLite file in /tmp; set it to
a postgres:// URL to measure PostgreSQL), seeds the demo content, bulk-creates feedback rows
spread over a year and the seeded pages, recounts the monthly counts the report reads
(rebuild_feedback_counts), and times the editors' feedback report, the per-page
view and the CSV export through Django's test client as a superuser.

`load` is the whole site over HTTP: a large synthetic catalogue (generate_synthetic_catalogue),
the web server (ops/serve.py: granian) with the production settings on 127.0.0.1 (DEBUG off, a
generated SECRET_KEY), and wrk (Debian's package, installed when missing) against page views,
the API, search and feedback POSTs, with the page cache off and on, and through Varnish
(deploy/varnish/default.vcl) in front;
the same home page HTML served as a file by nginx is the limit each figure is compared with.
Set REDIS_URL (e.g. redis://127.0.0.1:6379/1) to share the cache through Redis, as in
production.

`feedback-post` is only the feedback POST over HTTP, on the database `load` built (it never
builds or changes the catalogue): the web server as in `load`, a short warm-up run, then wrk
for --seconds, --repeat times, the rows in the database counted before and after each run
(nothing lost), and the CPU the app processes and their PostgreSQL connections used per POST.
--pages spreads the answers over that many pages (one page: every answer counts on the same
FeedbackMonth rows); --api posts to /api/v3/feedback/ instead of /feedback/.

`floor` measures the site against a bare Wagtail site in one run: `wagtail start` (the
project's Wagtail major version from PyPI, in a venv kept in ~/.cache/skl-benchmark/, never in
the repository) migrated into its own database next to BENCH_DATABASE_URL's and served by
gunicorn with 2 workers and DEBUG off; its home page is the floor. On the catalogue `load`
builds, the project's server as in `load` without any response cache (FRONTEND_CACHE_SECONDS=0,
no Varnish) answers the home page, the catalogue, an episode, the API list and a search, each
for --seconds, in --repeat rounds; every row is printed with its share of the floor's
requests/s in the same round and the target of issue #22 (pages 50 %, API 75 %, search 25 %),
then the best and the median round. The CPU per request of each server and its PostgreSQL
connections is printed too: on a busy machine the floor's CPU per request over a row's is a
steadier share than requests/s."""

import argparse
import json
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
    # bulk_create goes around feedback/services.py, which keeps the report's counts: recount
    # unless they already add up (minutes at a million answers).
    from django.db.models import Sum

    from feedback.models import FeedbackMonth

    counted = FeedbackMonth.objects.aggregate(total=Sum("answers"))["total"] or 0
    if counted != Feedback.objects.filter(page__isnull=False).count():
        started = time.perf_counter()
        call_command("rebuild_feedback_counts")
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
    cpu_before = machine_cpu_times()  # other work on the machine shows in the figures
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
    catalogue = next(page for page in pages if page.specific_class.__name__ == "WebinarIndexPage")
    measure(
        client, "rapport, en sektion", f"/admin/aterkoppling/?sektion={catalogue.pk}", args.repeat
    )
    exports = "/admin/aterkoppling/export/sidor/"
    measure(client, "CSV-export (sidor)", f"{exports}?export=csv", 1, stream=True)
    post_cost(episode, args.repeat * 20)
    idle, steal = idle_and_steal(cpu_before, machine_cpu_times())
    print(f"\nMaskinens lediga CPU under mätningen: {idle:.0%} (stöld {steal:.0%})")


def post_cost(page, repeat):
    """One feedback POST in-process: its queries and time (the rate limit is lifted)."""
    from django.test import override_settings

    client = Client()
    body = json.dumps({"page": page.pk, "helpful": True})
    with override_settings(RATE_LIMIT_SCALE=1_000_000):
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.post(
                    "/feedback/",
                    body,
                    content_type="application/json",
                    HTTP_ACCEPT="application/json",
                )
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 201:
                raise SystemExit(f"återkoppling svarade {response.status_code}")
    print(
        f"{'återkoppling, ett POST':<32} p50 {statistics.median(timings):8.1f} ms   "
        f"max {max(timings):8.1f} ms   {len(queries.captured_queries):3d} queries"
    )


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


# --- load: the site over HTTP ------------------------------------------------------------------

WRK_SCRIPT = """
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then wrk.body = body end
local content_type = os.getenv("BENCH_CONTENT_TYPE")
if content_type and content_type ~= "" then wrk.headers["Content-Type"] = content_type end
wrk.headers["Accept"] = os.getenv("BENCH_ACCEPT") or "text/html"

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH %d %d %d %d %d %d\\n",
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""

NGINX_CONF = """
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/static;
    location / {{ try_files $uri /index.html; }}
  }}
}}
"""


def ensure_tools():
    import shutil
    import subprocess

    missing = [
        package
        for package, binary in [("wrk", "wrk"), ("nginx-light", "nginx"), ("varnish", "varnishd")]
        if not shutil.which(binary) and not Path(f"/usr/sbin/{binary}").exists()
    ]
    if missing:
        print(f"Installerar {', '.join(missing)} (apt-get) ...", flush=True)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        command = [*sudo, "apt-get", "install", "-y", "-q", *missing]
        subprocess.run(command, check=True, env=env)  # noqa: S603


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=180):
    """The body of `url` once it answers 200 (workers boot slowly on a busy machine)."""
    import urllib.error
    import urllib.request

    deadline = time.time() + seconds
    problem = None
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - local
                return response.read()
        except urllib.error.HTTPError as error:
            problem = f"HTTP {error.code}"
        except OSError as error:
            problem = str(error)
        time.sleep(1)
    raise SystemExit(f"{url} svarade inte inom {seconds} s ({problem})")


def ensure_postgres_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare_load_data(args):
    from webinars.models import WebinarEpisodePage

    call_command("migrate", verbosity=0)
    call_command("load_seed_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    synthetic = WebinarEpisodePage.objects.filter(slug__startswith="syntetiskt-testavsnitt-")
    if synthetic.count() != args.episodes or Feedback.objects.count() < args.feedback:
        started = time.perf_counter()
        call_command(
            "generate_synthetic_catalogue",
            episodes=args.episodes,
            feedback=args.feedback,
        )
        print(f"Syntetisk katalog på {time.perf_counter() - started:.0f} s", flush=True)
    episode = synthetic.order_by("path").first()
    return episode


def collect_static(workdir):
    """The production settings' static files (hashed names: pages need the manifest) for the
    servers started in `workdir`."""
    import subprocess

    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        check=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "collectstatic-only",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(workdir / "static_collected"),
        },
    )


class Server:
    """The production web server (ops/serve.py) with the production settings, in its own
    process group."""

    def __init__(self, port, page_cache_seconds, workdir, **extra_env):
        import secrets
        import subprocess

        env = {
            **os.environ,
            **extra_env,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DEBUG": "false",
            "STATIC_ROOT": str(workdir / "static_collected"),
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
            "RATE_LIMIT_SCALE": "1000000",
            "WEB_ACCESS_LOG": "0",
            "LOG_LEVEL": "WARNING",
            "WEB_HOST": "127.0.0.1",
            "PORT": str(port),
        }
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(workdir / f"server-{port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "ops.serve"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(f"{self.url}/")
        except SystemExit:
            self.stop()
            raise

    def stop(self):
        import signal

        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


class Varnish:
    """varnishd with the project's deploy/varnish/default.vcl in front of `backend_port`."""

    def __init__(self, port, backend_port, workdir):
        import subprocess

        vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
        (workdir / "default.vcl").write_text(
            vcl.replace('.port = "8000"', f'.port = "{backend_port}"')
        )
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(  # noqa: S603
            ["/usr/sbin/varnishd", "-F", "-n", str(workdir / "varnish"), "-a", f"127.0.0.1:{port}"]
            + ["-f", str(workdir / "default.vcl"), "-s", "malloc,256m"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(f"{self.url}/")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def machine_cpu_times() -> list[int]:
    """The machine's CPU time so far (/proc/stat: user, nice, system, idle, iowait, irq,
    softirq, steal, in clock ticks)."""
    with open("/proc/stat") as stat:
        return [int(value) for value in stat.readline().split()[1:9]]


def idle_and_steal(before, after) -> tuple[float, float]:
    """The shares of the machine's CPU time between two readings that were idle, and that the
    hypervisor gave to other machines (steal: the same code is slower then, for no reason of
    its own; the figures of a run with much steal understate what the code can do)."""
    used = [b - a for a, b in zip(before, after, strict=True)]
    total = sum(used) or 1
    return (used[3] + used[4]) / total, used[7] / total


def run_wrk(url, args, script, connections=None, seconds=None, **env):
    import shutil
    import subprocess

    connections = connections or args.connections
    seconds = seconds or args.seconds
    cpu_before = machine_cpu_times()
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **{f"BENCH_{k.upper()}": v for k, v in env.items()}},
        check=True,
    )
    idle, steal = idle_and_steal(cpu_before, machine_cpu_times())
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    requests, duration_us, status_errors, socket_errors, p50, p99 = map(int, line.split()[1:])
    return {
        "idle": idle,
        "steal": steal,
        "rps": requests / (duration_us / 1e6),
        "requests": requests,
        "ok": requests - status_errors,
        "errors": status_errors + socket_errors,
        "p50": p50 / 1000,
        "p99": p99 / 1000,
    }


def load(args):
    import shutil
    import subprocess
    import tempfile

    ensure_tools()
    if connection.vendor == "postgresql":
        ensure_postgres_database(os.environ["DATABASE_URL"])
    episode = prepare_load_data(args)
    workdir = Path(tempfile.mkdtemp(prefix="skl-load-"))
    workdir.chmod(0o755)  # nginx workers (www-data) read the static copy from here
    script = workdir / "bench.lua"
    script.write_text(WRK_SCRIPT)
    collect_static(workdir)
    cache_name = "Redis" if os.environ.get("REDIS_URL") else "per process (locmem)"
    print(
        f"\nDatabas: {connection.vendor}, cache: {cache_name}, "
        f"{args.episodes:,} syntetiska avsnitt, {Feedback.objects.count():,} svar; "
        f"wrk {args.connections} anslutningar, {args.seconds} s per rad\n",
        flush=True,
    )
    pages = [
        ("startsidan", "/"),
        ("katalogen", "/webbinarier/"),
        ("ett avsnitt", episode.url),
        ("API-lista (20)", "/api/v3/webinars/episodes/?limit=20"),
        ("API-detalj", f"/api/v3/webinars/episodes/{episode.pk}/"),
    ]
    rows = []

    # The limit: the home page's HTML as a file served by nginx.
    nginx_port = free_port()
    server = Server(free_port(), 0, workdir)
    try:
        html = wait_for(f"{server.url}/")
        (workdir / "static").mkdir()
        (workdir / "static" / "index.html").write_bytes(html)
        (workdir / "nginx.conf").write_text(
            NGINX_CONF.format(workers=os.cpu_count() or 1, dir=workdir, port=nginx_port)
        )
        nginx = subprocess.Popen(  # noqa: S603
            ["/usr/sbin/nginx", "-c", str(workdir / "nginx.conf")], start_new_session=True
        )
        try:
            wait_for(f"http://127.0.0.1:{nginx_port}/")
            limit = run_wrk(f"http://127.0.0.1:{nginx_port}/", args, script)
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)
        rows.append(("statisk fil (nginx), gränsen", limit))

        # Each row starts once the server has answered a request of it and has worked off
        # what the previous row left queued (`settle`).
        for label, path in pages:
            wait_for(f"{server.url}{path}")
            settle(server)
            rows.append((f"{label}, utan cache", run_wrk(f"{server.url}{path}", args, script)))
        # One connection: the latency without queueing.
        for label, path in [pages[1], pages[3]]:
            wait_for(f"{server.url}{path}")
            settle(server)
            rows.append(
                (
                    f"{label}, utan cache, 1 anslutning",
                    run_wrk(f"{server.url}{path}", args, script, connections=1),
                )
            )
        settle(server)
        before = Feedback.objects.count()
        body = json.dumps({"page": episode.pk, "helpful": True})
        posts = run_wrk(
            f"{server.url}/feedback/",
            args,
            script,
            method="POST",
            body=body,
            content_type="application/json",
            accept="application/json",
        )
        time.sleep(2)  # requests still in flight when wrk stopped
        saved = Feedback.objects.count() - before
        rows.append(("återkoppling, POST", posts))
        wait_for(f"{server.url}/sok/?q=kommun")
        settle(server)
        rows.append(("sökning, utan cache", run_wrk(f"{server.url}/sok/?q=kommun", args, script)))
    finally:
        server.stop()

    # Cached: Django's own page cache (REDIS_URL or per process) behind Varnish, as deployed.
    varnish_port = free_port()
    server = Server(
        free_port(),
        600,
        workdir,
        FRONTEND_CACHE_SECONDS="600",
        VARNISH_URLS=f"http://127.0.0.1:{varnish_port}/",
    )
    try:
        for label, path in pages:
            wait_for(f"{server.url}{path}")  # the miss that fills the cache
            rows.append((f"{label}, cachad i Django", run_wrk(f"{server.url}{path}", args, script)))
        varnish = Varnish(varnish_port, server.url.rsplit(":", 1)[1], workdir)
        try:
            for label, path in pages:
                wait_for(f"{varnish.url}{path}")  # the miss that fills Varnish
                rows.append(
                    (f"{label}, cachad i Varnish", run_wrk(f"{varnish.url}{path}", args, script))
                )
        finally:
            varnish.stop()
    finally:
        server.stop()

    print(
        f"{'':<42}{'anrop/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'fel':>8}{'av gränsen':>12}"
        f"{'ledig CPU':>11}{'stöld':>8}"
    )
    for label, row in rows:
        print(
            f"{label:<42}{row['rps']:10.0f}{row['p50']:10.1f}{row['p99']:10.1f}"
            f"{row['errors']:8d}{row['rps'] / limit['rps']:11.0%}"
            f"{row['idle']:11.0%}{row['steal']:8.0%}"
        )
    print(
        "\nLedig CPU: maskinens oanvända tid under raden. Stöld: tid som värden gav andra maskiner"
        " (samma kod går långsammare då; jämför rader med lika stöld)."
    )
    print(
        f"\nÅterkoppling: {posts['ok']:,} svar bekräftade (2xx), {saved:,} nya rader i databasen"
        f" – {'inget förlorat' if saved >= posts['ok'] else 'SVAR SAKNAS'}."
    )
    shutil.rmtree(workdir, ignore_errors=True)


FEEDBACK_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local ids = {}
for id in string.gmatch(os.getenv("BENCH_PAGES"), "%d+") do ids[#ids + 1] = id end
local counter = 0
request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format(nil, nil, nil, '{"page": ' .. id .. ', "helpful": ' ..
    (counter % 3 == 0 and "false" or "true") .. '}')
end
""" + WRK_SCRIPT.split("\n\n", 1)[1]


def settle(server, seconds=60):
    """Wait until the server's processes are idle (under 5 % of a core for half a second): the
    requests still queued when wrk stopped are worked off before the next row is measured."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        used = process_group_cpu(server.process.pid)
        time.sleep(0.5)
        if process_group_cpu(server.process.pid) - used < 0.025:
            return


def process_group_cpu(pgid):
    """CPU seconds (user + system) used so far by the processes of a process group."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def backends_cpu(application_name):
    """CPU seconds used so far by the PostgreSQL connections with this application_name."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [application_name]
        )
        pids = [row[0] for row in cursor.fetchall()]
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


WARM_UP_SECONDS = 3


def feedback_post(args):
    """Feedback POSTs over HTTP against the database `load` built: requests/s, p50, rows
    confirmed and stored, CPU per POST of the app and of its database connections."""
    import shutil
    import tempfile
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    from webinars.models import WebinarEpisodePage

    ensure_tools()
    pages = list(
        WebinarEpisodePage.objects.live()
        .filter(slug__startswith="syntetiskt-testavsnitt-")
        .order_by("path")
        .values_list("pk", flat=True)[: args.pages]
    )
    if len(pages) < args.pages:
        raise SystemExit(
            "Bygg först databasen med `benchmark.py load` (syntetiska avsnitt saknas)."
        )
    workdir = Path(tempfile.mkdtemp(prefix="skl-feedback-post-"))
    collect_static(workdir)
    script = workdir / "post.lua"
    script.write_text(FEEDBACK_WRK_SCRIPT)
    application_name = f"skl-feedback-post-{os.getpid()}"
    database_url = os.environ["DATABASE_URL"]
    extra_env = {}
    if connection.vendor == "postgresql":
        parts = urlsplit(database_url)
        query = urlencode([*parse_qsl(parts.query), ("application_name", application_name)])
        extra_env["DATABASE_URL"] = urlunsplit(parts._replace(query=query))
    path = "/api/v3/feedback/" if args.api else "/feedback/"
    print(
        f"\nDatabas: {connection.vendor}, POST {path} till {len(pages)} sida/sidor, "
        f"wrk {args.connections} anslutningar, {args.seconds} s per körning\n",
        flush=True,
    )
    print(
        f"{'':<10}{'anrop/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'fel':>6}"
        f"{'bekräftade':>12}{'sparade':>10}{'app ms/POST':>13}{'db ms/POST':>12}"
        f"{'ledig CPU':>11}{'stöld':>8}"
    )
    server = Server(free_port(), 0, workdir, **extra_env)
    try:
        # A fresh server's first seconds open every thread's database connection and
        # translation catalogue and answer fewer posts: a short warm-up run, shown as such, so
        # the runs measure the server as it runs all day.
        runs = [("uppvärmn.", WARM_UP_SECONDS)]
        runs += [(f"körning {number}", args.seconds) for number in range(1, args.repeat + 1)]
        for label, seconds in runs:
            settle(server)
            before = Feedback.objects.count()
            app_cpu = process_group_cpu(server.process.pid)
            db_cpu = backends_cpu(application_name) if connection.vendor == "postgresql" else 0
            result = run_wrk(
                f"{server.url}{path}",
                args,
                script,
                seconds=seconds,
                pages=",".join(map(str, pages)),
            )
            time.sleep(2)  # requests still in flight when wrk stopped
            app_used = process_group_cpu(server.process.pid) - app_cpu
            db_used = (
                backends_cpu(application_name) - db_cpu if connection.vendor == "postgresql" else 0
            )
            saved = Feedback.objects.count() - before
            ok = max(result["ok"], 1)
            print(
                f"{label:<10}{result['rps']:10.0f}{result['p50']:10.1f}"
                f"{result['p99']:10.1f}{result['errors']:6d}{result['ok']:12,}{saved:10,}"
                f"{app_used / ok * 1000:13.2f}{db_used / ok * 1000:12.2f}"
                f"{result['idle']:11.0%}{result['steal']:8.0%}"
                f"  {'inget förlorat' if saved >= result['ok'] else 'SVAR SAKNAS'}",
                flush=True,
            )
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


# --- floor: the pages against a bare Wagtail site ------------------------------------------------

FLOOR_SETTINGS = """# Written by scripts/benchmark.py on every run: the floor's production settings.
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = {secret_key!r}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STATIC_ROOT = {static_root!r}
DATABASES = {{"default": {database!r}}}
"""

# What a visitor looks for by name: a speaker, 96 of the 10,000 synthetic episodes. (Each word of
# the synthetic summaries is in thousands of episodes: that worst case is `search`'s to measure.)
FLOOR_QUERY = "Syntetisk talare 142"


def floor_database(url, name, application_name):
    """Django's DATABASES entry for the floor's own database next to the benchmark's: on the
    same PostgreSQL server (created when missing), or a SQLite file next to its venv."""
    from urllib.parse import unquote, urlsplit

    if not url.startswith("postgres"):
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name + ".sqlite3"}
    parts = urlsplit(url)
    database = f"{parts.path.lstrip('/')}_floor"
    ensure_postgres_database(url.rsplit("/", 1)[0] + f"/{database}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # As the project's production settings: connections reused for a minute.
        "CONN_MAX_AGE": 60,
        "OPTIONS": {"application_name": application_name},
    }


def build_floor(application_name):
    """A bare `wagtail start` site (Wagtail of the project's major version, from PyPI) in a
    venv of its own outside the repository, built once and kept in the user's cache directory
    (~/.cache/skl-benchmark/; delete it to rebuild). Its settings, database, migrations and
    static files are refreshed on every run. Returns the site's directory."""
    import secrets
    import subprocess

    import wagtail

    major = wagtail.VERSION[0]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    home = cache / "skl-benchmark" / f"floor-wagtail{major}"
    venv, site = home / "venv", home / "site"
    python = venv / "bin" / "python"
    if not (venv / "bin" / "gunicorn").exists():
        print(f"Bygger golvet: venv med Wagtail {major}.x och gunicorn i {venv} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [str(python), "-m", "pip", "install", "-q"]
            + [f"wagtail>={major},<{major + 1}", "gunicorn", "psycopg[binary]"],
            check=True,
        )
    if not (site / "manage.py").exists():
        site.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(venv / "bin" / "wagtail"), "start", "floor", str(site)], check=True)  # noqa: S603
    (site / "floor" / "settings" / "local.py").write_text(
        FLOOR_SETTINGS.format(
            secret_key=secrets.token_urlsafe(50),
            static_root=str(home / "static"),
            database=floor_database(
                os.environ["DATABASE_URL"], str(home / "floor"), application_name
            ),
        )
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "floor.settings.production"}
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([str(python), "manage.py", *command], cwd=site, env=env, check=True)  # noqa: S603
    installed = subprocess.run(  # noqa: S603
        [str(python), "-c", "import wagtail; print(wagtail.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return site, installed


class FloorServer:
    """The bare site under gunicorn, 2 sync workers, production settings, own process group."""

    def __init__(self, site, port, workdir):
        import subprocess

        self.url = f"http://127.0.0.1:{port}"
        self.log = open(workdir / f"floor-{port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [str(site.parent / "venv" / "bin" / "gunicorn"), "floor.wsgi"]
            + ["--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=site,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "floor.settings.production"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(f"{self.url}/")
        except SystemExit:
            self.stop()
            raise

    stop = Server.stop


# The share of the floor's requests/s each kind of row should reach (issue #22).
FLOOR_TARGETS = {"sida": 0.50, "API": 0.75, "sökning": 0.25}


def floor(args):
    """The project's pages, API list and search over HTTP (production settings, no response
    cache) side by side with a bare Wagtail site's home page, the floor, in one run."""
    import shutil
    import tempfile
    from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

    ensure_tools()
    if connection.vendor == "postgresql":
        ensure_postgres_database(os.environ["DATABASE_URL"])
    episode = prepare_load_data(args)
    # The servers' database connections are named, to count their PostgreSQL CPU too.
    names = {"floor": f"skl-floor-bare-{os.getpid()}", "site": f"skl-floor-site-{os.getpid()}"}
    site, floor_version = build_floor(names["floor"])
    workdir = Path(tempfile.mkdtemp(prefix="skl-floor-"))
    script = workdir / "bench.lua"
    script.write_text(WRK_SCRIPT)
    collect_static(workdir)
    # Each row: label, path (None: the floor's home page), kind (its target).
    rows = [
        ("golvet: bar Wagtail, startsidan", None, None),
        ("startsidan", "/", "sida"),
        ("katalogen", "/webbinarier/", "sida"),
        ("ett avsnitt", episode.url, "sida"),
        ("API-lista (20)", "/api/v3/webinars/episodes/?limit=20", "API"),
        (f"sökning ”{args.query}”", f"/sok/?q={quote(args.query)}", "sökning"),
    ]
    cache_name = "Redis" if os.environ.get("REDIS_URL") else "per process (locmem)"
    print(
        f"\nDatabas: {connection.vendor}, {args.episodes:,} syntetiska avsnitt; "
        f"golvet: Wagtail {floor_version}, gunicorn 2 processer; projektet: ops/serve.py, "
        f"cache {cache_name}, ingen sidcache (FRONTEND_CACHE_SECONDS=0, ingen Varnish); "
        f"wrk {args.connections} anslutningar, {args.seconds} s per rad, {args.repeat} varv\n",
        flush=True,
    )
    extra_env = {"FRONTEND_CACHE_SECONDS": "0", "VARNISH_URLS": ""}
    if connection.vendor == "postgresql":
        parts = urlsplit(os.environ["DATABASE_URL"])
        query = urlencode([*parse_qsl(parts.query), ("application_name", names["site"])])
        extra_env["DATABASE_URL"] = urlunsplit(parts._replace(query=query))
    results = {label: [] for label, _, _ in rows}
    bare = FloorServer(site, free_port(), workdir)
    server = Server(free_port(), 0, workdir, **extra_env)

    def cpu(target, name):
        """CPU seconds so far of each of the server's processes and database connections (by
        pid: Django closes a connection after CONN_MAX_AGE and a new one starts from zero)."""
        pids = [target.process.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == target.process.pid:
                    pids.append(int(stat.parent.name))
            except (OSError, ValueError):
                continue
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [name]
                )
                pids += [row[0] for row in cursor.fetchall()]
        used = {}
        for pid in set(pids):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return used

    try:
        for number in range(1, args.repeat + 1):
            for label, path, _ in rows:
                target, name = (bare, names["floor"]) if path is None else (server, names["site"])
                url = f"{target.url}{path or '/'}"
                wait_for(url)
                settle(bare)
                settle(server)
                before = cpu(target, name)
                result = run_wrk(url, args, script)
                # The requests wrk left waiting (one a connection) are answered too.
                settle(target)
                answered = result["requests"] + args.connections
                after = cpu(target, name)
                used = sum(seconds - before.get(pid, 0) for pid, seconds in after.items())
                result["cpu_ms"] = used / answered * 1000
                results[label].append(result)
            print(f"Varv {number}:", flush=True)
            print_floor_rows(rows, {label: [runs[-1]] for label, runs in results.items()})
    finally:
        server.stop()
        bare.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    if args.repeat > 1:
        print(f"Bästa och typiska (median) av {args.repeat} varv, mot golvet i samma varv:")
        print_floor_rows(rows, results)
    print(
        "Av golvet: anrop/s mot golvets i samma varv (målet gäller den, i medianvarvet). CPU: "
        "appens och dess PostgreSQL-anslutningars CPU per anrop; golvets CPU per anrop delat "
        "med radens är andelen av golvet som raden når när CPU:n räcker till båda lika (på en "
        "delad maskin stabilare än anrop/s). Ledig CPU: maskinens oanvända tid under raden."
    )


def print_floor_rows(rows, results):
    """One line a row: requests/s, p50, errors, the share of the floor's requests/s in the
    same round, CPU per request and the floor's CPU per request as a share of it, the target,
    and the machine's idle CPU. With several rounds: the best round's requests/s, p50 and
    share, then the medians (the verdict is the median's)."""
    floor_runs = results[rows[0][0]]
    several = len(floor_runs) > 1
    heading = f"{'':<34}{'anrop/s':>8}{'p50 ms':>8}{'fel':>5}{'av golvet':>10}"
    if several:
        heading += f"{'median':>8}"
    heading += f"{'CPU ms':>8}{'CPU av golvet':>14}{'mål':>6}{'':>8}  ledig CPU"
    print(heading)
    for label, _, kind in rows:
        runs = results[label]
        pairs = list(zip(runs, floor_runs, strict=True))
        shares = [run["rps"] / base["rps"] for run, base in pairs]
        cpu_shares = [base["cpu_ms"] / run["cpu_ms"] for run, base in pairs]
        best = max(range(len(runs)), key=lambda index: (shares[index], runs[index]["rps"]))
        typical = statistics.median(shares)
        target = FLOOR_TARGETS.get(kind)
        line = (
            f"{label:<34}{runs[best]['rps']:8.0f}{runs[best]['p50']:8.0f}"
            f"{sum(run['errors'] for run in runs):5d}{shares[best]:10.0%}"
        )
        if several:
            line += f"{typical:8.0%}"
        line += (
            f"{statistics.median(run['cpu_ms'] for run in runs):8.1f}"
            f"{statistics.median(cpu_shares):14.0%}{f'{target:.0%}' if target else '':>6}"
            f"{'' if target is None else ('nått' if typical >= target else 'MISSAT'):>8}"
        )
        idle = sorted({f"{run['idle']:.0%}" for run in runs}, key=lambda text: int(text[:-1]))
        idle_text = "–".join(idle[:: max(1, len(idle) - 1)])
        print(f"{line}  {idle_text}")
    print(flush=True)


def search_latency(args):
    """Site search over a large synthetic catalogue, in-process (the application's own cost,
    nothing cached): the page with facets and the API, for a word in every episode (the worst
    case: every match ranked, facets over 10,000 ids), a rarer word, two words, and filters."""
    args.feedback = 0
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(os.environ["DATABASE_URL"])
    prepare_load_data(args)
    from webinars.models import WebinarEpisodePage

    pages = Page.objects.live().count()
    episodes = WebinarEpisodePage.objects.live().count()
    print(f"\nDatabas: {connection.vendor}, {episodes:,} avsnitt, {pages:,} publicerade sidor\n")
    client = Client()
    cases = [
        ("sök: ord i alla avsnitt", "/sok/?q=syntetiskt"),
        ("sök: ord i alla, sida 50", "/sok/?q=syntetiskt&sida=50"),
        ("sök: tjänstedesign", "/sok/?q=tj%C3%A4nstedesign"),
        ("sök: två ord", "/sok/?q=syntetiskt+testavsnitt+4711"),
        ("sök: filtrerad typ+år", "/sok/?q=syntetiskt&typ=avsnitt&ar=2020"),
        ("sök: inga träffar", "/sok/?q=parkeringstillst%C3%A5nd"),
        ("API: ord i alla avsnitt", "/api/v3/search/?q=syntetiskt"),
        ("API: förslag", "/api/v3/search/suggestions/?q=synt"),
    ]
    for label, url in cases:
        measure(client, label, url, args.repeat)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("feedback-report", help="återkopplingsrapporten med många svar")
    report.add_argument("--rows", type=int, default=1_000_000)
    report.add_argument("--repeat", type=int, default=5)
    api = sub.add_parser("api", help="API:ts lista och detalj, anrop per sekund i processen")
    api.add_argument("--episodes", type=int, default=200)
    api.add_argument("--requests", type=int, default=200)
    search_parser = sub.add_parser("search", help="webbplatssökningen i en stor katalog")
    search_parser.add_argument("--episodes", type=int, default=10_000)
    search_parser.add_argument("--repeat", type=int, default=10)
    load_parser = sub.add_parser("load", help="hela webbplatsen över HTTP med wrk och webbservern")
    load_parser.add_argument("--episodes", type=int, default=10_000)
    load_parser.add_argument("--feedback", type=int, default=1_000_000)
    load_parser.add_argument("--seconds", type=int, default=10)
    load_parser.add_argument("--connections", type=int, default=16)
    floor_parser = sub.add_parser(
        "floor", help="sidorna, API:t och sökningen mot en bar Wagtail-webbplats (golvet)"
    )
    floor_parser.add_argument("--episodes", type=int, default=10_000)
    floor_parser.add_argument("--feedback", type=int, default=0)
    floor_parser.add_argument("--seconds", type=int, default=10)
    floor_parser.add_argument("--connections", type=int, default=16)
    floor_parser.add_argument("--repeat", type=int, default=3)
    floor_parser.add_argument("--query", default=FLOOR_QUERY)
    post_parser = sub.add_parser(
        "feedback-post", help="bara återkopplingens POST över HTTP, på databasen från load"
    )
    post_parser.add_argument("--seconds", type=int, default=10)
    post_parser.add_argument("--connections", type=int, default=16)
    post_parser.add_argument("--repeat", type=int, default=3)
    post_parser.add_argument("--pages", type=int, default=1)
    post_parser.add_argument("--api", action="store_true")
    args = parser.parse_args()
    commands = {
        "feedback-report": feedback_report,
        "api": api_listing,
        "search": search_latency,
        "load": load,
        "floor": floor,
        "feedback-post": feedback_post,
    }
    commands[args.command](args)


if __name__ == "__main__":
    main()
