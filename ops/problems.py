"""RFC 9457 problem details: every error of the JSON API, an outage included."""

import json
from http import HTTPStatus

from django.http import HttpResponse
from django.utils.cache import patch_cache_control

PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 30


def is_api_request(request) -> bool:
    """A request to the JSON API (/api/…): its errors are problems, never HTML pages."""
    return request.path.startswith("/api/")


def problem_response(status: int, detail: str = "", **extra) -> HttpResponse:
    problem = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        problem["detail"] = detail
    problem.update(extra)
    response = HttpResponse(
        json.dumps(problem, ensure_ascii=False), status=status, content_type=PROBLEM_JSON
    )
    patch_cache_control(response, no_store=True)
    if status in (429, 503):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
