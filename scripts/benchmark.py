#!/usr/bin/env python
"""Benchmarks: figures are printed, nothing is asserted (tests assert behaviour, not seconds).

    .venv/bin/python scripts/benchmark.py {feedback-report,api,search,floor,feedback-post} -h

Every command runs against a scratch database (BENCH_DATABASE_URL, default a SQLite file in
/tmp; a postgres:// URL measures PostgreSQL, created when missing) with the demo content; its
module in scripts/bench/ says what it measures. REDIS_URL shares the servers' cache through
Redis, as in production."""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "sqlite:////tmp/skl-benchmark.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

import django  # noqa: E402

django.setup()

from bench import inprocess  # noqa: E402
from bench.feedback_post import feedback_post  # noqa: E402
from bench.floor import FLOOR_QUERY, floor  # noqa: E402

HTTP = {"seconds": 10, "connections": 16, "repeat": 3}
# Each command: what runs it, its help, and its options with their defaults (False: a flag).
COMMANDS = {
    "feedback-report": (
        inprocess.feedback_report,
        "återkopplingsrapporten med många svar",
        {"rows": 1_000_000, "repeat": 5},
    ),
    "api": (
        inprocess.api_listing,
        "API:ts lista och detalj, anrop per sekund i processen",
        {"episodes": 200, "requests": 200},
    ),
    "search": (
        inprocess.search_latency,
        "webbplatssökningen i en stor katalog",
        {"episodes": 10_000, "repeat": 10},
    ),
    "floor": (
        floor,
        "sidorna, API:t och sökningen mot en bar Wagtail-webbplats (golvet)",
        {"episodes": 10_000, "feedback": 0, **HTTP, "query": FLOOR_QUERY},
    ),
    "feedback-post": (
        feedback_post,
        "bara återkopplingens POST över HTTP, på databasen från floor",
        {**HTTP, "pages": 1, "api": False},
    ),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (function, help_text, options) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        command.set_defaults(function=function)
        for option, default in options.items():
            kind = {"action": "store_true"} if default is False else {"type": type(default)}
            command.add_argument(f"--{option}", default=default, **kind)
    args = parser.parse_args()
    args.function(args)


if __name__ == "__main__":
    main()
