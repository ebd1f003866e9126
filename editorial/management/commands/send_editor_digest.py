"""Weekly, from deploy/systemd/skl-digest.timer: the "Behöver åtgärdas" e-mail to each page
owner who asked for it (editorial/digest.py)."""

from django.core.management.base import BaseCommand

from editorial.digest import send_digests


class Command(BaseCommand):
    help = "Skickar veckobrevet om det som behöver åtgärdas till sidägare som har bett om det."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} veckobrev skickade.")
