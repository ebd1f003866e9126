from django.core.management.base import BaseCommand

from feedback import days
from feedback.models import Feedback, FeedbackDay, FeedbackMonth


class Command(BaseCommand):
    help = (
        "Räknar om tabellerna med svar per sida och dag (FeedbackDay) och per sida och månad "
        "(FeedbackMonth), som rapporten läser, från alla svar. Behövs efter att svar har lagts "
        "in utan att gå via webbplatsen (till exempel en import med bulk_create). Kan köras "
        "flera gånger."
    )

    def handle(self, *args, **options):
        result = days.rebuild(Feedback, FeedbackDay, FeedbackMonth)
        self.stdout.write(
            self.style.SUCCESS(
                f"Räknade om {result['answers']} svar till {result['created']} rader per sida "
                f"och dag eller månad (ersatte {result['deleted']} rader)."
            )
        )
