"""Production: HTTPS behind a proxy that terminates TLS, several app servers sharing PostgreSQL,
Redis and object storage (README, "Deploying"). `manage.py check --deploy` reports nothing."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe the app servers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Database connections are reused for a minute (tested before reuse: CONN_HEALTH_CHECKS).
if "DB_CONN_MAX_AGE" not in os.environ:
    for database in DATABASES.values():
        database["CONN_MAX_AGE"] = 60
# Static files from the app itself (whitenoise): hashed names cached for a year, gzip/brotli
# files made once by collectstatic. A CDN in front caches them.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# JSON lines on stdout (ops/log_format.py), with the same quieter loggers as elsewhere.
LOGGING["formatters"] = {"json": {"()": "ops.log_format.JsonFormatter"}}
LOGGING["handlers"]["console"].update(stream="ext://sys.stdout", formatter="json")

# Error tracking, only when SENTRY_DSN is set. No personal data leaves: no addresses, cookies,
# users, request bodies or local variables (feedback and comments are free text), no query
# strings (searches).
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    def drop_query_string(event, hint):
        event.get("request", {}).pop("query_string", None)
        return event

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=drop_query_string,
        before_send_transaction=drop_query_string,
    )
