"""Public endpoints of the feedback widget.

Each accepts a plain form POST (no JavaScript: answers with a 303 back to the page, at the
widget's anchor) or JSON (the widget's script and decoupled front ends: answers with JSON).

CSRF: the endpoints act with no one's authority (anonymous, no session), so Django's CSRF
token is not required – pages stay cacheable. Cross-site browser posts are still refused: an
`Origin` header must be this site or one of `FEEDBACK_ALLOWED_ORIGINS`."""

import json
from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ops.unavailable import RETRY_AFTER_SECONDS

from . import abuse, services
from .abuse import Refused, admit
from .services import FeedbackError

ANSWER_RATE = abuse.RateLimit("feedback", limit=30, window_seconds=600)
COMMENT_RATE = abuse.RateLimit("feedback-comment", limit=10, window_seconds=600)
MAX_BODY_BYTES = 16 * 1024
WIDGET_ANCHOR = "feedback"


_YES = {"ja", "yes", "true", "1", "on"}
_NO = {"nej", "no", "false", "0", "off"}


def wants_json(request) -> bool:
    return request.content_type == "application/json" or "application/json" in request.headers.get(
        "Accept", ""
    )


def read_data(request) -> dict:
    if len(request.body) > MAX_BODY_BYTES:
        raise FeedbackError(_("Svaret är för stort."), status=413)
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise FeedbackError(_("Svaret kunde inte läsas (ogiltig JSON).")) from None
        if not isinstance(data, dict):
            raise FeedbackError(_("Svaret kunde inte läsas (ogiltig JSON)."))
        return data
    return request.POST


def parse_helpful(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise FeedbackError(_("Svara ja eller nej på frågan."))


def text_field(data, name) -> str:
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FeedbackError(_("Fältet “%(name)s” ska vara text.") % {"name": name})
    return services.check_text(value)


def error_response(request, error: Refused, page_url=None):
    if wants_json(request):
        response = JsonResponse({"error": error.message}, status=error.status)
    else:
        response = TemplateResponse(
            request,
            "feedback/error.html",
            {"message": error.message, "back_url": page_url},
            status=error.status,
        )
    if error.status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def back_to_widget(page_url, **params):
    return HttpResponseRedirect(f"{page_url}?{urlencode(params)}#{WIDGET_ANCHOR}", status=303)


@csrf_exempt
@never_cache
@require_POST
def submit_answer(request):
    page_url = None
    try:
        admit(request, ANSWER_RATE)
        data = read_data(request)
        if abuse.honeypot_filled(data):
            # Tell bots what they expect and keep nothing.
            if wants_json(request):
                return JsonResponse({"message": _("Tack för att du hjälper oss!")}, status=201)
            return back_to_widget("/", feedback="klar")
        page = services.page_accepting_feedback(data.get("page"))
        # Where a form post goes back to; the widget's script and JSON clients need none.
        page_url = None if wants_json(request) else page.get_url(request)
        helpful = parse_helpful(data.get("helpful"))
        comment = text_field(data, "comment")
        feedback = services.submit_feedback(page=page, helpful=helpful, comment=comment)
    except Refused as error:
        return error_response(request, error, page_url)

    token = services.comment_token(feedback)
    if wants_json(request):
        return JsonResponse(
            {
                "message": _("Tack för att du hjälper oss!"),
                "comment_token": None if feedback.comment else token,
            },
            status=201,
        )
    if feedback.comment:
        return back_to_widget(page_url, feedback="klar")
    return back_to_widget(page_url, feedback=token)


@csrf_exempt
@never_cache
@require_POST
def submit_comment(request):
    page_url = None
    try:
        admit(request, COMMENT_RATE)
        data = read_data(request)
        if abuse.honeypot_filled(data):
            if wants_json(request):
                return JsonResponse({"message": _("Tack för din kommentar!")}, status=200)
            return back_to_widget("/", feedback="klar")
        token = text_field(data, "token")
        answered = services.feedback_for_token(token)
        page_url = answered.page_url if answered else None
        services.add_comment(token=token, comment=text_field(data, "comment"))
    except Refused as error:
        return error_response(request, error, page_url)

    if wants_json(request):
        return JsonResponse({"message": _("Tack för din kommentar!")}, status=200)
    return back_to_widget(page_url or "/", feedback="klar")
