from django.core.management.base import BaseCommand

from demo.seed import SeedLoader


class Command(BaseCommand):
    help = "Bygger demowebbplatsen från texterna i shared/seeds. Kan köras flera gånger."

    def handle(self, *args, **options):
        created = SeedLoader().load()
        if created:
            for line in created:
                self.stdout.write(f"  skapade {line}")
            self.stdout.write(self.style.SUCCESS(f"Demoinnehåll klart: {len(created)} nya objekt."))
        else:
            self.stdout.write(self.style.SUCCESS("Demoinnehållet fanns redan; inget ändrades."))
