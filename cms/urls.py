from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from base.sitemap import AllLanguagesSitemap
from cms.api import api
from cms.openapi import openapi_json
from core import brute_force
from ops.health import healthz
from search import views as search_views

urlpatterns = [
    # Load balancers and monitors: database and cache status as JSON (ops/health.py).
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Images on request: the API's signed size and format URLs (base/api_serializers.py).
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", ServeView.as_view(), name="wagtailimages_serve"
    ),
    path("feedback/", include("feedback.urls")),
    path("kommentarer/", include("comments.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
    # Wagtail's OpenAPI document, corrected to validate (see cms/openapi.py).
    path("api/v3/openapi.json", openapi_json, name="api_openapi"),
    path("api/v3/", api.urls),
]

# Uploaded media is served by the web server in production; the demo and the browser tests
# serve it from Django.
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    from core.media_views import serve_media

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media)]

# Swedish without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("sok/", search_views.search, name="search"),
    # RSS/Atom feeds and iCalendar, with translated paths (webinars/urls.py, articles/urls.py).
    path("", include("webinars.urls")),
    path("", include("articles.urls")),
    # Wagtail's page-password view with a limit on wrong guesses (core/brute_force.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        brute_force.authenticate_with_password,
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database or cache outage is a friendly 503, wherever it is noticed (ops/unavailable.py).
handler500 = "ops.unavailable.server_error"
