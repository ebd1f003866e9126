import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
# A request waits at most this long for a lock, or runs a statement this long, before it is
# answered with a 503 (cms/settings/base.py); commands and migrations have no such limit.
os.environ.setdefault("DB_LOCK_TIMEOUT_MS", "1500")
os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "5000")

application = get_wsgi_application()
