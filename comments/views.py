"""POST /kommentarer/: a new comment from the page's form (the language comes from the page).

A plain form POST is answered with a 303 back to the page, the outcome in the visitor's own URL
(`?kommentar=mottagen#kommentarer`), so cached pages stay the same for everyone; a JSON request
gets JSON. No CSRF token, as for feedback: core.public_forms.admit refuses cross-site posts."""

from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import public_forms
from core.public_forms import Refused, read_data, text_field

from . import services
from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH
from .services import ANCHOR, COMMENT_RATE, RECEIVED, received_message


@csrf_exempt
@never_cache
@require_POST
def submit(request):
    page, name, body = None, "", ""
    try:
        # The page and the text are read first, so that any refusal, the rate limit's too,
        # can give the visitor their comment back in the page's language.
        data = read_data(request)
        page = services.public_page(data.get("page"))
        translation.activate(page.locale.language_code)
        name, body = text_field(data, "name"), text_field(data, "body")
        public_forms.admit(request, COMMENT_RATE)
        # Bots filling the honeypot are told what they expect; nothing is kept.
        if not public_forms.honeypot_filled(data):
            services.submit_comment(page=page, name=name, body=body)
    except Refused as error:
        back_url = page.get_url(request) if page else None
        response = public_forms.error_response(request, error, "comments/error.html", back_url)
        if isinstance(response, TemplateResponse) and page and page.comments_open:
            # Without JavaScript the form comes back with the visitor's text, to send again.
            response.context_data.update(
                comment_page=page,
                name=name,
                body=body,
                name_max_length=NAME_MAX_LENGTH,
                body_max_length=BODY_MAX_LENGTH,
            )
        return response
    back_url = f"{page.get_url(request)}?kommentar={RECEIVED}#{ANCHOR}"
    return public_forms.thanks(request, received_message(), 202, back_url)
