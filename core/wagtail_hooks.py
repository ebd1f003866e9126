from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .brute_force import LOGIN_FAILED, PASSWORD_FAILED
from .http_cache import mark_public_page
from .visibility import is_expired


@hooks.register("before_serve_page")
def refuse_expired_page(page, request, serve_args, serve_kwargs):
    """An expired page is gone for the public at once, before `publish_scheduled` has run."""
    if is_expired(page):
        raise Http404


# First, before Wagtail's own view-restriction check answers with a password form.
hooks.register("before_serve_page", mark_public_page, order=-100)


@hooks.register("register_log_actions")
def register_brute_force_actions(actions):
    actions.register_action(LOGIN_FAILED, _("Misslyckad inloggning"), _("Misslyckad inloggning"))
    actions.register_action(
        PASSWORD_FAILED, _("Fel lösenord till sidan"), _("Fel lösenord till sidan")
    )
