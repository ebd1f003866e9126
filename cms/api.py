"""The headless JSON API at /api/v3/: Wagtail's API v3 (pages, find, search, schema, sites)
with the project's own routers registered on it. Documented in docs/api.md."""

from wagtail.api.v3.urls import api

from base.api import router as site_router
from base.api_changes import router as changes_router
from comments.api import router as comments_router
from core.api_http import register_error_handlers
from feedback.api import router as feedback_router
from search.api import router as search_router
from webinars.api import router as webinars_router
from webinars.media_api import router as media_router

api.add_router("/changes/", changes_router)
api.add_router("/site/", site_router)
api.add_router("/webinars/", webinars_router)
api.add_router("/feedback/", feedback_router)
api.add_router("/comments/", comments_router)
api.add_router("/media/", media_router)
api.add_router("/search/", search_router)
register_error_handlers(api)
