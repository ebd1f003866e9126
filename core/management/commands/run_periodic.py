"""The periodic jobs in one command: scheduled publishing and expiry, then the clean-ups. The
systemd timer in deploy/systemd/ runs it every minute; `--every N` repeats it where there is
no systemd."""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

logger = logging.getLogger(__name__)

JOBS = ["publish_scheduled", "apply_feedback_retention", "apply_comment_retention"]


class Command(BaseCommand):
    help = "Kör de periodiska jobben: schemalagd publicering och gallring."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            metavar="SEKUNDER",
            help="Upprepa jobben med så här många sekunders mellanrum (utan systemd).",
        )

    def handle(self, *args, every=None, **options):
        while True:
            failed = self.run_jobs()
            if every is None:
                if failed:
                    raise CommandError(f"Misslyckades: {', '.join(failed)}")
                return
            time.sleep(every)

    def run_jobs(self) -> list[str]:
        """Every job runs even when one before it fails: a broken clean-up must not stop
        publishing."""
        failed = []
        for name in JOBS:
            try:
                call_command(name, stdout=self.stdout, stderr=self.stderr)
            except Exception:
                logger.exception("Periodic job %s failed", name)
                failed.append(name)
        return failed
