import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A fresh media folder per test run, so parallel runs never delete each other's files.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="skl-test-media-"))
WAGTAILADMIN_BASE_URL = "http://testserver"
# The browser tests play the demo video, so the live test server serves media.
SERVE_MEDIA = True
# Tasks run at once inside the test; tests of the worker's queue set the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not the in-memory default: concurrent-write tests need SQLite's real locking
    # (busy timeout, WAL), which a shared in-memory database does not have.
    DATABASES["default"]["TEST"] = {"NAME": str(MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}.sqlite3")}
