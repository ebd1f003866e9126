"""The feedback widget's posts that ask for JSON, answered before the middleware that has
nothing to do with them.

An answer is the site's most frequent write (every page asks "Hjälpte informationen på sidan
dig?"). The widget's script posts its form asking for JSON (static/js/feedback.js), a decoupled
front end may post JSON; the views are anonymous, exempt from CSRF, never cached and answer
such posts with JSON. Sessions, CORS (not an API address), the page cache, the common
redirects, CSRF, the user, messages, frame options (JSON is never framed) and Wagtail's
redirects (404s only) would each run for nothing. This middleware, placed after the security
headers and the content security policy (cms/settings/base.py), hands such a post straight to
its view, and the rest of the chain is skipped: a fifth of the answer's cost in Python. The
language is LocaleMiddleware's choice, as on the usual way; a service that is down is a 503 as
everywhere (ops.unavailable).

Form posts without JavaScript and the API's /api/v3/feedback/ take the usual way: their
responses are HTML pages, redirects or CORS answers that the rest of the chain shapes."""

from django.middleware.locale import LocaleMiddleware
from django.urls import get_script_prefix, reverse

from ops.unavailable import response_to_outage

from . import views


class FeedbackPostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # The language is chosen, and said in the response's headers, exactly as on the usual way.
        self.locale = LocaleMiddleware(get_response)
        self._views = None

    def views_by_path(self) -> dict:
        """{path (as `request.path_info` has it, without the script prefix): view}, reversed
        on the first request: the URLconf is not loaded while middleware is built."""
        if self._views is None:
            prefix = get_script_prefix()
            self._views = {
                "/" + reverse(name).removeprefix(prefix): view
                for name, view in [
                    ("feedback:answer", views.submit_answer),
                    ("feedback:comment", views.submit_comment),
                ]
            }
        return self._views

    def __call__(self, request):
        view = self.views_by_path().get(request.path_info) if request.method == "POST" else None
        if view is None or not views.wants_json(request):
            return self.get_response(request)
        self.locale.process_request(request)
        try:
            response = view(request)
        except Exception as error:
            # As ServiceUnavailableMiddleware does for the views it sees: a 503, not a 500.
            response = response_to_outage(request, error)
            if response is None:
                raise
        return self.locale.process_response(request, response)
