"""Delete public comments older than COMMENT_RETENTION_DAYS (GDPR storage limitation)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from comments.models import Comment


class Command(BaseCommand):
    help = "Raderar kommentarer som är äldre än COMMENT_RETENTION_DAYS dagar."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.COMMENT_RETENTION_DAYS,
            help="Antal dagar att spara kommentarer (standard: COMMENT_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle raderas utan att radera."
        )

    def handle(self, *args, days, dry_run, **options):
        if days <= 0:
            self.stdout.write("Ingen gallring: COMMENT_RETENTION_DAYS är 0.")
            return
        cutoff = timezone.now() - timedelta(days=days)
        old = Comment.objects.filter(created_at__lt=cutoff)
        if dry_run:
            self.stdout.write(
                f"Skulle radera {old.count()} kommentarer äldre än {days} dagar "
                f"(skickade före {timezone.localtime(cutoff):%Y-%m-%d %H:%M})."
            )
            return
        deleted, _by_model = old.delete()  # comments.signals announces the visible ones
        self.stdout.write(f"Raderade {deleted} kommentarer äldre än {days} dagar.")
