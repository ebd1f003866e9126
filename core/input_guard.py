"""One check at the edge, of query strings, form fields and JSON bodies alike, for input no form
or schema should ever see: a NUL, a lone surrogate (it cannot be stored or encoded), a JSON
number that is not finite (`1e400`) or malformed JSON. Refused with 400 before any view runs.
The API takes JSON bodies (and Wagtail's multipart uploads): a body of another type is a 415."""

import json
import math

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ops.problems import is_api_request, problem_response


class BadInput(ValueError):
    status = 400


class NotJSON(BadInput):
    status = 415

    def __init__(self):
        super().__init__(_("Innehållet ska skickas som JSON (Content-Type: application/json)."))


def check_text(value: str) -> None:
    if "\x00" in value:
        raise BadInput(_("Texten innehåller tecken som inte kan sparas (ett nolltecken)."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(_("Texten innehåller tecken som inte kan sparas.")) from None


def check_json(value) -> None:
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, float) and not math.isfinite(value):
        raise BadInput(_("Talet är för stort eller inte ett tal."))
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key)
            check_json(item)
    elif isinstance(value, list):
        for item in value:
            check_json(item)


def refuse_constant(name):
    raise BadInput(_("Talet är för stort eller inte ett tal."))


MAX_INT_DIGITS = 30  # no id or count has more; Python refuses over 4,300 (a ValueError)


def parse_int(text):
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BadInput(_("Talet är för stort eller inte ett tal."))
    return int(text)


def reads_as_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        return False
    return True


def check_request(request) -> None:
    for key, values in request.GET.lists():
        for text in (key, *values):
            check_text(text)
    content_type = request.content_type or ""
    if request.method not in {"POST", "PUT", "PATCH"}:
        return
    is_json = content_type == "application/json" or content_type.endswith("+json")
    api = is_api_request(request)
    # The API takes JSON, and multipart/form-data for Wagtail's image and document uploads
    # (as its OpenAPI document says); ninja would read any other body as JSON, unchecked.
    if api and not is_json and content_type != "multipart/form-data" and request.body:
        raise NotJSON()
    if is_json:
        try:
            data = json.loads(
                request.body or b"null", parse_constant=refuse_constant, parse_int=parse_int
            )
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise BadInput(_("Innehållet är inte giltig JSON.")) from None
        check_json(data)
    elif content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        if content_type == "multipart/form-data":
            if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return  # an upload (the admin's images, video): its form checks the fields
            body = request.body  # read it once, so the views may still read it after POST
            if api and reads_as_json(body):
                raise NotJSON()  # no multipart body is JSON, and ninja would read it as such
        for key, values in request.POST.lists():
            for text in (key, *values):
                check_text(text)


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check_request(request)
        except BadInput as error:
            return bad_input_response(request, error.status, str(error))
        except RequestDataTooBig:
            return bad_input_response(request, 413, _("Innehållet är för stort."))
        return self.get_response(request)


def bad_input_response(request, status, detail):
    if is_api_request(request):
        return problem_response(status, detail)
    if "json" in (request.content_type or "") or "json" in request.headers.get("Accept", ""):
        # The public forms' scripts (feedback, comments) read {"error": ...}.
        return JsonResponse({"error": detail}, status=status)
    html = render_to_string("400.html", {"detail": detail, "status": status}, request=request)
    return HttpResponse(html, status=status)
