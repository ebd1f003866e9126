from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from feedback.models import Feedback
from feedback.services import blank_comments


class Command(BaseCommand):
    help = (
        "Tar bort kommentarer i återkopplingen som är äldre än lagringstiden "
        "(FEEDBACK_COMMENT_RETENTION_DAYS). Svaren ja/nej och antalen behålls."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.FEEDBACK_COMMENT_RETENTION_DAYS,
            help="Lagringstid i dagar (standard: inställningen FEEDBACK_COMMENT_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle tas bort, ändra inget."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            raise CommandError("--days måste vara 0 eller mer (0 betyder: behåll allt).")
        if days == 0:
            self.stdout.write("Lagringstiden är 0: kommentarer behålls, inget togs bort.")
            return
        cutoff = timezone.now() - timedelta(days=days)
        expired = Feedback.objects.filter(created_at__lt=cutoff).exclude(comment="")
        if dry_run:
            count = expired.count()
            self.stdout.write(f"{count} kommentarer äldre än {days} dagar skulle tas bort.")
            return
        done = f"Tog bort {blank_comments(expired)} kommentarer äldre än {days} dagar"
        self.stdout.write(self.style.SUCCESS(f"{done}; svaren ja/nej finns kvar."))
