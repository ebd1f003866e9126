"""HTTP behaviour of every JSON API answer under /api/ (Wagtail's and ours): ETags and 304s,
HEAD and OPTIONS, query strings refused up front, and every error as problem+json (RFC 9457)
in the client's Accept-Language, with nothing internal in it. What a shared cache may keep:
core/http_cache.py."""

import hashlib
import json
import logging
from http import HTTPStatus

from django.apps import apps
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext_lazy as _lazy
from pydantic import ValidationError
from wagtail.api import APIField
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import Locale

from ops.problems import PROBLEM_JSON, RETRY_AFTER_SECONDS, is_api_request, problem_response
from ops.unavailable import UNAVAILABLE_ERRORS

from .api_params import MAX_OFFSET, NotFound, unknown_locale
from .public_forms import Refused

logger = logging.getLogger(__name__)

MAX_SEARCH_LENGTH = 200  # as the site search (search/query.py), which cuts instead
# The PostgreSQL search backend nests one expression a word: ~150 words end in a RecursionError.
MAX_SEARCH_WORDS = 32


class APIResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        # The API has no language prefix: its messages follow Accept-Language (Swedish by
        # default), which LocaleMiddleware ignores for unprefixed Swedish URLs.
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        if request.method == "OPTIONS":  # CORS preflights were answered before this
            return HttpResponse(status=204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})
        # HEAD is GET without the body, wherever GET works (the routers know only GET).
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = None
        if request.method == "GET":
            response = refused_query(request)
        if response is None:
            response = self.get_response(request)
        response = as_problem(response)
        if request.method == "GET":
            response = read_response(request, response)
        if head and not getattr(response, "streaming", False):
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


# A 404 from a lookup by id or path, whose own text is Django's English ("No Page matches").
LOOKUP_NOT_FOUND = _lazy("Inget publicerat har det id:t eller den adressen.")
# Wagtail's and ninja's "Validation failed", in the client's language (the fields: `errors`).
INVALID_REQUEST = _lazy("Förfrågan har fel; se errors.")
GENERIC_DETAILS = {
    404: _lazy("Det finns inget här. Se /api/v3/docs/ för API:ets adresser."),
    405: _lazy("Metoden är inte tillåten här."),
    413: _lazy("Innehållet är för stort."),
    429: _lazy("För många förfrågningar. Försök igen om en stund."),
    500: _lazy("Ett oväntat fel uppstod. Försök igen om en stund."),
    503: _lazy("Tjänsten är tillfälligt otillgänglig. Försök igen om en stund."),
}


def as_problem(response):
    """Every error as problem+json, never an HTML page or internal text; a query string that
    fails validation is a 400 (not Wagtail's 422), its problem body kept."""
    if response.status_code == 422 and response.get("Content-Type") == PROBLEM_JSON:
        problem = json.loads(response.content)
        problem.update(status=400, title="Bad Request", detail=str(INVALID_REQUEST))
        response.content = json.dumps(problem).encode()
        response.status_code = 400
        response.reason_phrase = "Bad Request"
        return response
    if response.status_code < 400:
        return response
    content_type = response.get("Content-Type", "")
    if content_type.startswith((PROBLEM_JSON, "application/json")) and response.status_code < 500:
        if response.status_code == 429 and not response.has_header("Retry-After"):
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    detail = GENERIC_DETAILS.get(response.status_code, "")
    problem = problem_response(response.status_code, str(detail))
    for header in ("Allow", "Retry-After"):
        if response.has_header(header):
            problem[header] = response[header]
    return problem


def read_response(request, response):
    """A strong ETag and 304s for a GET; what API-token holders see (drafts) stays private."""
    patch_vary_headers(response, ["Authorization", "Accept-Language"])
    if response.status_code != 200 or getattr(response, "streaming", False):
        patch_cache_control(response, no_store=True)
        return response
    if "HTTP_AUTHORIZATION" in request.META:
        patch_cache_control(response, private=True, no_cache=True)
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )


def refused_query(request):
    """A 400 for a huge `offset`, an over-long `search` or an unknown `locale`, which Wagtail's
    pages endpoints would answer with a server error (the first two) or a 404."""
    value = request.GET.get("offset", "").strip()
    # isdigit(): "²" too, which int() refuses; and int() refuses over 4,300 digits.
    if value.isdigit() and (not value.isascii() or len(value) > 9 or int(value) > MAX_OFFSET):
        return problem_response(
            400, translation.gettext("offset får vara högst %(max)d.") % {"max": MAX_OFFSET}
        )
    search = request.GET.get("search", "")
    if len(search) > MAX_SEARCH_LENGTH or len(search.split()) > MAX_SEARCH_WORDS:
        return problem_response(
            400,
            translation.gettext("search får vara högst %(length)d tecken och %(words)d ord.")
            % {"length": MAX_SEARCH_LENGTH, "words": MAX_SEARCH_WORDS},
        )
    locale = request.GET.get("locale")
    if locale is not None:
        known = list(Locale.objects.values_list("language_code", flat=True))
        if locale not in known:
            return problem_response(400, unknown_locale(locale[:20], known))
    return None


def register_error_handlers(api):
    """A `Refused` is the client's 4xx. Ninja reports an exception raised while an answer is
    built (a missing image file, an outage inside a field) as a validation error, which Wagtail
    would answer with the internal text: the server's fault, so 503 when a service is down and
    500 otherwise."""
    outages = tuple(f"{error.__name__}:" for error in UNAVAILABLE_ERRORS)

    @api.exception_handler(Refused)
    def refused(request, exc):
        """What a visitor can correct (the public forms' checks), as any other client error."""
        return problem_response(exc.status, str(exc.message))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        detail = str(exc) if isinstance(exc, NotFound) else str(LOOKUP_NOT_FOUND)
        return problem_response(404, detail)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        causes = [
            str(error.get("ctx", {}).get("error", ""))  # "OSError: ..." (pydantic keeps text)
            for error in exc.errors()
            if error.get("type") == "get_attribute_error"
        ]
        # An answer that contradicts its own schema is the server's fault too.
        causes += [
            str(error) for error in exc.errors() if error.get("loc", ())[:1] == ("response",)
        ]
        if not causes:
            errors = [
                {key: value for key, value in error.items() if key not in ("input", "ctx")}
                for error in exc.errors()
            ]
            return problem_response(422, str(INVALID_REQUEST), errors=errors)
        logger.error("API response failed: %s %s: %s", request.method, request.path, causes)
        status = 503 if any(cause.startswith(outages) for cause in causes) else 500
        return problem_response(status, str(GENERIC_DETAILS[status]))


def declare_responses(document: dict) -> dict:
    """The OpenAPI document with the problem+json answers every operation can give, the
    redirect Wagtail's `find/` endpoints answer with but leave out, and the fields as answered."""
    answered_page_fields(document["components"]["schemas"])
    ref = "#/components/schemas/ProblemDetail"
    document["components"]["schemas"]["ProblemDetail"] = ProblemDetail.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    retry_after = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds"}}
    for operation in (op for item in document["paths"].values() for op in item.values()):
        responses = operation["responses"]
        if operation["operationId"] in ("pages_find", "redirects_find"):
            responses.setdefault("302", {"description": "Found: `Location` is the detail URL"})
        if "302" in responses:
            responses["302"]["headers"] = {"Location": {"schema": {"type": "string"}}}
        statuses = {400, 404, 429, 503} | {int(code) for code in responses if int(code) >= 400}
        if "requestBody" in operation:
            statuses |= {403, 413, 415}  # 415: a body not sent as JSON (core/input_guard.py)
        if {} not in operation.get("security", [{}]):
            statuses |= {401, 403}
        for status in sorted(statuses):
            responses[str(status)] = {
                "description": HTTPStatus(status).phrase,
                "content": {PROBLEM_JSON: {"schema": {"$ref": ref}}},
                **({"headers": retry_after} if status in (429, 503) else {}),
            }
    return document


def answered_page_fields(schemas: dict) -> None:
    """Wagtail's schema of a model with `api_fields` makes a field with a default optional and
    one with a serializer nullable; the API answers every field, and a list or a `never_null`
    serializer's field (base/api_types.py) is never null."""
    for model in apps.get_models():
        schema = schemas.get(f"{model._meta.object_name}Schema")
        if schema is None or not getattr(model, "api_fields", None):
            continue
        never_null = {
            field.name
            for field in APIField.get_fields_for_model(model)
            if getattr(field.serializer, "never_null", False)
        }
        schema["required"] = list(schema["properties"])
        for name, field in schema["properties"].items():
            branches = field.get("anyOf", [])
            kept = [branch for branch in branches if branch != {"type": "null"}]
            if len(kept) == 1 < len(branches) and (
                kept[0].get("type") == "array" or name in never_null
            ):
                del field["anyOf"]
                field.update(kept[0])
