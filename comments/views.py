"""The public endpoint for new comments: POST /kommentarer/ (and /en/comments/… is not needed:
the language comes from the page).

A plain form POST (no JavaScript) is answered with a 303 back to the page, the outcome in the
visitor's own URL (`?kommentar=mottagen#kommentarer`), so cached pages stay the same for
everyone; a JSON request (static/js/comments.js, decoupled front ends) is answered with JSON.
No CSRF token, as for the feedback widget: anonymous, no session, cross-site browser posts are
refused by core.public_forms.admit."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import public_forms
from core.public_forms import Refused, read_data, text_field, wants_json

from . import services

# The feedback widget allows 10 comments in 10 minutes; a comment here is public (once
# approved) and costs an editor's time, so fewer.
COMMENT_RATE = public_forms.RateLimit(
    "comment",
    limit=5,
    window_seconds=600,
    message=gettext_lazy("Du har skickat många kommentarer på kort tid. Försök igen om en stund."),
)
ANCHOR = "kommentarer"
RECEIVED = "mottagen"


def received_message():
    return _("Tack för din kommentar! Den visas på sidan när vi har granskat den.")


def back_to_page(page_url, state):
    return HttpResponseRedirect(
        f"{page_url}?{urlencode({'kommentar': state})}#{ANCHOR}", status=303
    )


def error_response(request, error, page=None):
    back_url = page.get_url(request) if page else None
    return public_forms.error_response(request, error, "comments/error.html", back_url)


@csrf_exempt
@never_cache
@require_POST
def submit(request):
    page = None
    try:
        public_forms.admit(request, COMMENT_RATE)
        data = read_data(request)
        if public_forms.honeypot_filled(data):
            # Bots are told what they expect; nothing is kept.
            if wants_json(request):
                return JsonResponse({"message": received_message()}, status=202)
            return back_to_page("/", RECEIVED)
        page = services.public_page(data.get("page"))
        # Messages in the page's language, whatever the URL the form posted to.
        translation.activate(page.locale.language_code)
        services.submit_comment(
            page=page, name=text_field(data, "name"), body=text_field(data, "body")
        )
    except Refused as error:
        return error_response(request, error, page)

    if wants_json(request):
        return JsonResponse({"message": received_message()}, status=202)
    return back_to_page(page.get_url(request), RECEIVED)
