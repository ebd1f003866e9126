"""The widget's endpoints: a plain form POST (answered with a 303 back to the page's widget) or
JSON (the widget's script and decoupled front ends). No CSRF token, so pages stay cacheable:
they act with no one's authority, and `core.public_forms.admit` refuses other sites' posts."""

from urllib.parse import urlencode

from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import public_forms
from core.public_forms import Refused, admit, read_data, text_field, wants_json

from . import services
from .models import COMMENT_MAX_LENGTH
from .services import ANSWER_RATE, COMMENT_RATE

ANSWERS = {"ja": True, "yes": True, "true": True, "1": True, "on": True}
ANSWERS |= {"nej": False, "no": False, "false": False, "0": False, "off": False}


def parse_helpful(value) -> bool:
    if isinstance(value, bool):
        return value
    answer = ANSWERS.get(str(value if value is not None else "").strip().lower())
    if answer is None:
        raise Refused(_("Svara ja eller nej på frågan."))
    return answer


def reply(request, message, status, page_url, state="klar", **extra):
    """JSON for scripts; for a form post, a 303 back to the widget (`state`: its next step)."""
    url = f"{page_url or '/'}?{urlencode({'feedback': state})}#feedback"
    return public_forms.thanks(request, message, status, url, **extra)


@csrf_exempt
@never_cache
@require_POST
def submit_answer(request):
    page_url = None
    try:
        data = read_data(request)
        # The page first, for its language (the endpoint is outside the language prefixes: an
        # English page posts here too); refusing it waits for the origin check and rate limit.
        try:
            page, page_refused = services.page_accepting_feedback(data.get("page")), None
        except Refused as error:
            page, page_refused = None, error
        if page is not None:
            translation.activate(page.locale.language_code)
            page_url = None if wants_json(request) else page.get_url(request)
        admit(request, ANSWER_RATE)
        if public_forms.honeypot_filled(data):  # tell bots what they expect, keep nothing
            return reply(request, _("Tack för att du hjälper oss!"), 201, None)
        if page_refused:
            raise page_refused
        helpful = parse_helpful(data.get("helpful"))
        comment = text_field(data, "comment")
        feedback = services.submit_feedback(page=page, helpful=helpful, comment=comment)
    except Refused as error:
        return public_forms.error_response(request, error, "feedback/error.html", page_url)
    token = None if feedback.comment else services.comment_token(feedback)
    thanks = _("Tack för att du hjälper oss!")
    return reply(request, thanks, 201, page_url, token or "klar", comment_token=token)


@csrf_exempt
@never_cache
@require_POST
def submit_comment(request):
    page_url, data = None, {}
    try:
        data = read_data(request)
        token = text_field(data, "token")
        answered = services.feedback_for_token(token)
        if answered and answered.locale_id:
            translation.activate(answered.locale.language_code)
        admit(request, COMMENT_RATE)
        if public_forms.honeypot_filled(data):
            return reply(request, _("Tack för din kommentar!"), 200, None)
        page_url = answered.page_url if answered else None
        services.add_comment(token=token, comment=text_field(data, "comment"))
    except Refused as error:
        response = public_forms.error_response(request, error, "feedback/error.html", page_url)
        if not wants_json(request) and error.status not in (403, 409):
            # Without JavaScript the form comes back filled, to send again as it is.
            keep = {name: str(data.get(name) or "") for name in ("token", "comment")}
            response.context_data |= {**keep, "comment_max_length": COMMENT_MAX_LENGTH}
        return response
    return reply(request, _("Tack för din kommentar!"), 200, page_url, "kommentar")
