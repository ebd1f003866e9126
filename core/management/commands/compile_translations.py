from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Kompilerar projektets .po-filer till .mo med polib, så att installationen inte "
        "kräver GNU gettext (Djangos compilemessages gör samma sak med msgfmt)."
    )

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
                self.stdout.write(f"  {po_path.relative_to(settings.BASE_DIR)}")
        self.stdout.write(f"Översättningar kompilerade: {compiled} fil(er) uppdaterade.")
