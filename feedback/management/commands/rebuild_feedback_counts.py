from django.core.management.base import BaseCommand

from feedback.models import rebuild_months


class Command(BaseCommand):
    help = (
        "Räknar om svaren per sida, språk och månad (FeedbackMonth), som rapporten läser, från "
        "alla svar. Behövs efter att svar har lagts in utan att gå via webbplatsen (till "
        "exempel en import med bulk_create). Kan köras flera gånger."
    )

    def handle(self, *args, **options):
        rows = rebuild_months()
        self.stdout.write(self.style.SUCCESS(f"Räknade om svaren till {rows} rader per månad."))
