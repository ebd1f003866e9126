from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "skl-demo-2026"  # noqa: S105 (a published demo login, refused outside DEBUG)


class Command(BaseCommand):
    help = "Skapar ett demokonto för Wagtails administration (bara i utvecklingsläge)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        if not settings.DEBUG:
            raise CommandError("Demokontot skapas bara när DEBUG är på, aldrig i produktion.")
        User = get_user_model()
        if User.objects.filter(username=DEMO_USERNAME).exists():
            self.stdout.write(f"Demokontot “{DEMO_USERNAME}” finns redan.")
        else:
            User.objects.create_superuser(DEMO_USERNAME, "admin@example.invalid", DEMO_PASSWORD)
            self.stdout.write(f"Skapade demokontot “{DEMO_USERNAME}”.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Logga in på {url} med användarnamn {DEMO_USERNAME} och lösenord {DEMO_PASSWORD}"
            )
        )
