from django.core.management.base import BaseCommand

from feedback import days
from feedback.models import Feedback, FeedbackDay


class Command(BaseCommand):
    help = (
        "Räknar om tabellen med svar per sida och dag (FeedbackDay), som rapporten läser, "
        "från alla svar. Behövs efter att svar har lagts in utan att gå via webbplatsen "
        "(till exempel en import med bulk_create). Kan köras flera gånger."
    )

    def handle(self, *args, **options):
        result = days.rebuild(Feedback, FeedbackDay)
        self.stdout.write(
            self.style.SUCCESS(
                f"Räknade om {result['answers']} svar till {result['created']} rader per sida "
                f"och dag (ersatte {result['deleted']} rader)."
            )
        )
