"""floor: the site against a bare Wagtail site in one run, as issue #22 asks.

The bare site (`wagtail start` of the project's Wagtail major, under gunicorn with 2 workers)
answers its home page, the floor; the project's server (ops/serve.py, production settings, no
response cache) answers the home page, the catalogue, an episode, the API list and a search over
a synthetic catalogue. Each row is wrk for --seconds, in --repeat rounds, printed as a share of
the floor's requests/s in the same round against the issue's target. CPU per request is printed
too: on a busy machine the floor's CPU per request over a row's is the steadier share."""

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import dj_database_url
import wagtail
from django.db import connection

from bench.data import ensure_postgres_database, synthetic_catalogue
from bench.servers import Server, cpu_used, ensure_wrk, free_port, run_wrk, wait_for

# What a visitor looks for by name: a speaker, 96 of the 10,000 synthetic episodes. (Each word of
# the synthetic summaries is in thousands of episodes: that worst case is `search`'s to measure.)
FLOOR_QUERY = "Syntetisk talare 142"


def floor_database(url, name):
    """Django's DATABASES entry for the floor's own database next to the benchmark's: on the
    same PostgreSQL server (created when missing), or a SQLite file next to its venv."""
    if not url.startswith("postgres"):
        return dj_database_url.parse(f"sqlite:///{name}.sqlite3")
    scheme, netloc, path, query, fragment = urlsplit(url)
    url = urlunsplit((scheme, netloc, f"{path}_floor", query, fragment))
    ensure_postgres_database(url)
    # As the project's production settings: connections reused for a minute.
    return dj_database_url.parse(url, conn_max_age=60)


def build_floor():
    """The bare site and its Wagtail version: a venv outside the repository, built once in
    ~/.cache/skl-benchmark/ (delete it to rebuild); settings, database and static files are
    refreshed on every run."""
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
    settings = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
        "STATIC_ROOT": str(home / "static"),
        "DATABASES": {"default": floor_database(os.environ["DATABASE_URL"], str(home / "floor"))},
    }
    # Rewritten on every run: the floor's production settings (DEBUG = False) import it last.
    local = "".join(f"{name} = {value!r}\n" for name, value in settings.items())
    (site / "floor" / "settings" / "local.py").write_text(local)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "floor.settings.production"}
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([str(python), "manage.py", *command], cwd=site, env=env, check=True)  # noqa: S603
    packages = [str(path) for path in venv.glob("lib/python*/site-packages")]
    return site, next(metadata.distributions(name="wagtail", path=packages)).version


class FloorServer(Server):
    """The bare site under gunicorn, 2 sync workers, production settings, own process group."""

    def __init__(self, site, workdir, application_name):
        self.application_name = application_name
        port = free_port()
        self.start(
            [str(site.parent / "venv" / "bin" / "gunicorn"), "floor.wsgi"]
            + ["--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            site,
            {**os.environ, "DJANGO_SETTINGS_MODULE": "floor.settings.production"},
            workdir,
            port,
        )


def floor(args):
    ensure_wrk()
    episode = synthetic_catalogue(args.episodes, args.feedback)
    site, floor_version = build_floor()
    # Each row: label, path (None: the floor's home page), the share of the floor's requests/s
    # it should reach (issue #22: pages half, the API three quarters, search a quarter).
    rows = [
        ("golvet: bar Wagtail, startsidan", None, None),
        ("startsidan", "/", 0.50),
        ("katalogen", "/webbinarier/", 0.50),
        ("ett avsnitt", episode.url, 0.50),
        ("API-lista (20)", "/api/v3/webinars/episodes/?limit=20", 0.75),
        (f"sökning ”{args.query}”", f"/sok/?q={quote(args.query)}", 0.25),
    ]
    cache_name = "Redis" if os.environ.get("REDIS_URL") else "per process (locmem)"
    print(
        f"\nDatabas: {connection.vendor}, {args.episodes:,} syntetiska avsnitt; "
        f"golvet: Wagtail {floor_version}, gunicorn 2 processer; projektet: ops/serve.py, "
        f"cache {cache_name}, ingen sidcache (FRONTEND_CACHE_SECONDS=0, ingen Varnish); "
        f"wrk {args.connections} anslutningar, {args.seconds} s per rad, {args.repeat} varv\n",
        flush=True,
    )
    results = {label: [] for label, _, _ in rows}
    with (
        tempfile.TemporaryDirectory(prefix="skl-floor-") as workdir,
        FloorServer(site, Path(workdir), f"skl-floor-bare-{os.getpid()}") as bare,
        Server(Path(workdir), f"skl-floor-site-{os.getpid()}") as server,
    ):
        for number in range(1, args.repeat + 1):
            for label, path, _ in rows:
                target = bare if path is None else server
                url = f"{target.url}{path or '/'}"
                wait_for(url)
                bare.settle()
                server.settle()
                before = target.cpu()
                result = run_wrk(url, args)
                # The requests wrk left waiting (one a connection) are answered too.
                target.settle()
                answered = result["requests"] + args.connections
                result["cpu_ms"] = cpu_used(before, target.cpu()) / answered * 1000
                results[label].append(result)
            print(f"Varv {number}:", flush=True)
            print_floor_rows(rows, {label: [runs[-1]] for label, runs in results.items()})
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
    """One line a row; with several rounds, the best round's figures, then the medians (the
    verdict is the median's)."""
    floor_runs = results[rows[0][0]]
    several = len(floor_runs) > 1
    print(
        f"{'':<34}{'anrop/s':>8}{'p50 ms':>8}{'fel':>5}{'av golvet':>10}"
        f"{'  median' if several else ''}"
        f"{'CPU ms':>8}{'CPU av golvet':>14}{'mål':>6}{'':>8}  ledig CPU"
    )
    for label, _, target in rows:
        runs = results[label]
        pairs = list(zip(runs, floor_runs, strict=True))
        shares = [run["rps"] / base["rps"] for run, base in pairs]
        cpu_shares = [base["cpu_ms"] / run["cpu_ms"] for run, base in pairs]
        best = max(range(len(runs)), key=lambda index: (shares[index], runs[index]["rps"]))
        typical = statistics.median(shares)
        idle = sorted({f"{run['idle']:.0%}" for run in runs}, key=lambda text: int(text[:-1]))
        print(
            f"{label:<34}{runs[best]['rps']:8.0f}{runs[best]['p50']:8.0f}"
            f"{sum(run['errors'] for run in runs):5d}{shares[best]:10.0%}"
            f"{f'{typical:8.0%}' if several else ''}"
            f"{statistics.median(run['cpu_ms'] for run in runs):8.1f}"
            f"{statistics.median(cpu_shares):14.0%}{f'{target:.0%}' if target else '':>6}"
            f"{'' if target is None else ('nått' if typical >= target else 'MISSAT'):>8}"
            f"  {'–'.join(idle[:: max(1, len(idle) - 1)])}"
        )
    print(flush=True)
