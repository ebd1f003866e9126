"""The scratch database every command measures: created when missing (PostgreSQL), migrated,
seeded with the demo content and, for the large-catalogue commands, a synthetic catalogue."""

import os
import time

import psycopg
from django.core.management import call_command

from feedback.models import Feedback
from webinars.management.commands.generate_synthetic_catalogue import EPISODE_SLUG
from webinars.models import WebinarEpisodePage


def ensure_postgres_database(url):
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def seed():
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(os.environ["DATABASE_URL"])
    call_command("migrate", verbosity=0)
    call_command("load_seed_content", stdout=open(os.devnull, "w"))  # noqa: SIM115


def synthetic_catalogue(episodes, feedback=0):
    """The seeded site plus `episodes` synthetic episodes and at least `feedback` answers
    (generate_synthetic_catalogue, run only when they are not there yet); the first episode."""
    seed()
    synthetic = WebinarEpisodePage.objects.filter(slug__startswith=EPISODE_SLUG)
    if synthetic.count() != episodes or Feedback.objects.count() < feedback:
        started = time.perf_counter()
        call_command("generate_synthetic_catalogue", episodes=episodes, feedback=feedback)
        print(f"Syntetisk katalog på {time.perf_counter() - started:.0f} s", flush=True)
    return synthetic.order_by("path").first()
