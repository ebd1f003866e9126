"""From run_periodic: deletes the drafts "Lägg till sida" autosaved and the editor left
(editorial/drafts.py), so their slugs are free again."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from editorial.drafts import abandoned_drafts


class Command(BaseCommand):
    help = "Raderar utkast som automatisk sparning skapade och som ingen har rört på ett dygn."

    def handle(self, *args, **options):
        drafts = abandoned_drafts(timezone.now())
        for page in drafts:
            page.delete()
        self.stdout.write(f"{len(drafts)} övergivna utkast raderade.")
