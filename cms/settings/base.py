"""Settings shared by every environment. Everything that differs between machines comes
from the environment, with defaults that make the demo run on SQLite out of the box."""

import mimetypes
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project's apps (their layers: docs/architecture.md).
    *["core", "base", "home", "webinars", "cases", "articles", "information", "search"],
    *["feedback", "comments", "editorial", "demo"],
    "corsheaders",
    "axes",
    "wagtail.api.v3",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtailmedia",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.contrib.search_promotions",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # The API docs page (/api/v3/docs/) uses ninja's own copy of Swagger UI, not a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    # Last: it sends events for the snippets the other apps have registered by then.
    "webhooks",
]

# Background tasks (Wagtail's own, front-cache purges, webhooks) wait in the database for the
# worker, `manage.py db_worker` (scripts/demo.sh starts one; deploy/ has its unit).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ops.csp.ContentSecurityPolicyMiddleware",
    "ops.unavailable.ServiceUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "core.http_cache.SharedCacheHeadersMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editorial.simultaneous_create.SimultaneousCreateMiddleware",
    "core.api_http.APIResponseMiddleware",
    "core.input_guard.InputGuardMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Brute force (core/brute_force.py): the admin login (django-axes) and page passwords.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "core.brute_force.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Where a page password leads when its form names no safe place to return to.
LOGIN_REDIRECT_URL = "/"

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "base.context_processors.site_frame",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# DATABASE_URL, e.g. postgres://user@127.0.0.1:5432/skl; SQLite in the checkout otherwise. A
# reused connection is tested before each request: the site survives a database restart.
connection_options = {
    "conn_max_age": int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    "conn_health_checks": True,
}
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", **connection_options
    )
}
# A PostgreSQL read replica: anonymous page and API reads go there (ops/replica.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], test_options={"MIRROR": "default"}, **connection_options
    )
    DATABASE_ROUTERS = ["ops.replica.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "ops.replica.ReplicaRequestMiddleware")
# Web requests never wait long on a lock or a runaway statement: a 503 (ops/unavailable.py).
# cms/wsgi.py sets these for the web server only; commands and migrations have no limit.
db_timeouts = {
    "statement_timeout": int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "0")),
    "lock_timeout": int(os.environ.get("DB_LOCK_TIMEOUT_MS", "0")),
}
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.postgresql" and any(db_timeouts.values()):
        options = " ".join(f"-c {name}={ms}" for name, ms in db_timeouts.items())
        database.setdefault("OPTIONS", {})["options"] = options
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The feedback report's covering index (INCLUDE) is PostgreSQL's; SQLite builds it plainly.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    # Writers wait for each other instead of failing with "database is locked": WAL lets
    # readers go on during a write, IMMEDIATE takes the write lock up front (no deadlock).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
TIME_ZONE = "Europe/Stockholm"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# "Översätt den här sidan" makes a draft: the Swedish copy waits for its translation, and an
# editor publishes it (not live on the English site at once, as wagtail-localize's default).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Named in the admin's language ("Publicera på engelska"); the switcher keeps LANGUAGES'.
WAGTAIL_CONTENT_LANGUAGES = [("sv", gettext_lazy("svenska")), ("en", gettext_lazy("engelska"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# REDIS_URL (e.g. redis://redis:6379/0): the cache all app servers share (rate limits, sessions).
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "skl"),
        # Fail fast when Redis is down or hangs: the health check reports it, pages answer 503.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
# Sessions (editors in the admin) read from the cache, written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Media on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set (django-storages;
# credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the machine's role); local otherwise.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            "file_overwrite": False,
            # Public media URLs without expiring signatures, so cached pages stay valid.
            "querystring_auth": False,
            "default_acl": None,
        },
    }
    # Documents pass Wagtail's permission check (collection privacy), not a bucket redirect.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
    custom_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN")
    endpoint = os.environ.get("AWS_S3_ENDPOINT_URL") or "https://*.amazonaws.com"
    MEDIA_ORIGIN = f"https://{custom_domain}" if custom_domain else endpoint.rstrip("/")
else:
    MEDIA_ORIGIN = ""
MEDIA_ORIGIN = os.environ.get("MEDIA_ORIGIN", MEDIA_ORIGIN)  # where browsers load media from

# Security headers on every response (Django's defaults: nosniff, X-Frame-Options DENY; the
# HTTPS-only ones are in production.py). Cross-origin requests get the origin only (YouTube
# needs one); search terms never leave.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Content-Security-Policy (ops/csp.py): strict for the site, looser for Wagtail's admin.
CSP_ENABLED = env_bool("CSP_ENABLED", True)
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
_media_sources = [MEDIA_ORIGIN] if MEDIA_ORIGIN else []
# Headless preview: the admin's preview panel frames this front-end URL with ?token=&type=
# (it reads the draft from /api/v3/site/preview/); empty: Wagtail's own HTML preview.
HEADLESS_PREVIEW_URL = os.environ.get("HEADLESS_PREVIEW_URL", "")
_preview = urlsplit(HEADLESS_PREVIEW_URL)
_preview_origins = [f"{_preview.scheme}://{_preview.netloc}"] if HEADLESS_PREVIEW_URL else []
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *_media_sources],
    "media-src": ["'self'", *_media_sources],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": VIDEO_PLAYER_ORIGINS,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *_media_sources],
    "media-src": ["'self'", "blob:", *_media_sources],
    "frame-src": ["'self'", *VIDEO_PLAYER_ORIGINS, *_preview_origins],
    "frame-ancestors": ["'self'"],
}
# No Gravatar: editors' e-mail hashes are not sent to a third party (and the CSP stays tight).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

WAGTAIL_SITE_NAME = "SKL – Användardriven innovation"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search: the database backend taught Swedish (search/backends.py), or OpenSearch at SEARCH_URL
# (e.g. https://user:pass@opensearch.example:9200; docs/search.md).
if os.environ.get("SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.opensearch3"),
            "URLS": [os.environ["SEARCH_URL"]],
            "INDEX": os.environ.get("SEARCH_INDEX", "skl"),
            "TIMEOUT": 10,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
# New slugs transliterate å, ä, ö (får -> far) like the seeded ones: plain, shareable URLs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# Images ask for their alternative text on upload, or an explicit "Dekorativ bild".
WAGTAILIMAGES_IMAGE_FORM_BASE = "editorial.forms.AltTextImageForm"

# Captions are WebVTT documents: serve them inline with the right type so <track> loads them.
mimetypes.add_type("text/vtt", ".vtt")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "vtt", "xlsx"]
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain", "text/vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

WAGTAILMEDIA = {
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg", "wav"],
    "VIDEO_EXTENSIONS": ["mp4", "webm", "m4v", "mov"],
}

# External videos: our finder builds the privacy-enhanced player URL, calling no provider.
WAGTAILEMBEDS_FINDERS = [{"class": "webinars.embeds.PrivacyEnhancedVideoFinder"}]

WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = env_bool("WAGTAIL_PASSWORD_RESET_ENABLED", False)

# The front cache (core/http_cache.py): Varnish keeps anonymous answers FRONTEND_CACHE_SECONDS;
# a change purges each of VARNISH_URLS (e.g. http://varnish1:80/) via frontend_cache.
VARNISH_URLS = env_list("VARNISH_URLS")
FRONTEND_CACHE_SECONDS = int(
    os.environ.get("FRONTEND_CACHE_SECONDS", "3600" if VARNISH_URLS else "0")
)
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": url,
    }
    for number, url in enumerate(VARNISH_URLS)
}
# Each language version is its own page with its own URL: no per-language fan-out.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Headless JSON API (/api/v3/, Wagtail's API v3 plus our routers; see docs/api.md).
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_RICH_TEXT_FORMAT = "html"  # internal links and embeds expanded to real HTML
# Front ends allowed to call the API from the browser (django-cors-headers), comma-separated.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# Origins of decoupled front ends allowed to post feedback from the browser.
FEEDBACK_ALLOWED_ORIGINS = env_list("FEEDBACK_ALLOWED_ORIGINS")
# Proxies in front that append to X-Forwarded-For: the visitor is that many entries from the right.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
# Comments are deleted after this many days (answers and counts are kept); 0 keeps them.
FEEDBACK_COMMENT_RETENTION_DAYS = int(os.environ.get("FEEDBACK_COMMENT_RETENTION_DAYS", "548"))
# Multiplies the public forms' rate limits: benchmarks from one address raise it; 1 in production.
RATE_LIMIT_SCALE = int(os.environ.get("RATE_LIMIT_SCALE", "1"))
# Public comments older than this many days are deleted (apply_comment_retention); 0 keeps them.
COMMENT_RETENTION_DAYS = int(os.environ.get("COMMENT_RETENTION_DAYS", "548"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task (reference index updates) is noise in the demo.
        "django_tasks": {"level": "WARNING"},
        # Wagtail logs every page action at INFO; the audit log in the admin has them all.
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}
