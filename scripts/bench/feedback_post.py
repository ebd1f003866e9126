"""feedback-post: the feedback POST over HTTP on the database `floor` built (never changed):
wrk against the server of `floor` after a short warm-up, the rows counted before and after each
run (nothing lost) and the CPU per POST of the app and its PostgreSQL connections. --pages
spreads the answers over pages; --api posts to /api/v3/feedback/ instead of /feedback/."""

import os
import tempfile
import time
from pathlib import Path

from django.db import connection

from bench.servers import Server, cpu_used, ensure_wrk, run_wrk
from feedback.models import Feedback
from webinars.management.commands.generate_synthetic_catalogue import EPISODE_SLUG
from webinars.models import WebinarEpisodePage


def feedback_post(args):
    ensure_wrk()
    pages = list(
        WebinarEpisodePage.objects.live()
        .filter(slug__startswith=EPISODE_SLUG)
        .order_by("path")
        .values_list("pk", flat=True)[: args.pages]
    )
    if len(pages) < args.pages:
        raise SystemExit(
            "Bygg först databasen med `benchmark.py floor` (syntetiska avsnitt saknas)."
        )
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
    with (
        tempfile.TemporaryDirectory(prefix="skl-feedback-post-") as workdir,
        Server(Path(workdir), f"skl-feedback-post-{os.getpid()}") as server,
    ):
        # A fresh server's first seconds open every thread's database connection and
        # translation catalogue and answer fewer posts: a short warm-up run, shown as such, so
        # the runs measure the server as it runs all day.
        runs = [("uppvärmn.", 3)]
        runs += [(f"körning {number}", args.seconds) for number in range(1, args.repeat + 1)]
        for label, seconds in runs:
            server.settle()
            before = Feedback.objects.count()
            app_cpu, db_cpu = server.cpu(database=False), server.cpu(app=False)
            url = f"{server.url}{path}"
            result = run_wrk(url, args, seconds=seconds, pages=",".join(map(str, pages)))
            time.sleep(2)  # requests still in flight when wrk stopped
            app_used = cpu_used(app_cpu, server.cpu(database=False))
            db_used = cpu_used(db_cpu, server.cpu(app=False))
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
