from .base import *

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine for the local demo only; production.py refuses to start without one.
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-skl-innovation-hub"  # noqa: S105
ALLOWED_HOSTS = ALLOWED_HOSTS or ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
