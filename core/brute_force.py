"""No one guessing passwords. The admin login: django-axes (AXES_*) locks an account, and an
address, after AXES_FAILURE_LIMIT failures for AXES_COOLOFF_TIME, with a Swedish 429 page. Page
passwords: Wagtail's view, limited per address and per page with the same numbers. Every
failure is in Wagtail's audit log on the account or page; addresses are only hashed into keys."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from wagtail import views as wagtail_views
from wagtail.log_actions import log
from wagtail.models import Page

from .client_address import client_address
from .public_forms import counted

logger = logging.getLogger(__name__)

LOGIN_FAILED = "skl.login_failed"
PASSWORD_FAILED = "skl.page_password_failed"  # noqa: S105 - an audit log action name
# Failures on one protected page from every address together, before it locks for a while.
PAGE_FAILURE_LIMIT = 50


def cooloff_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_response(request, *args):
    """The Swedish lock-out page; AXES_LOCKOUT_CALLABLE for the admin login too."""
    response = render(request, "lockout.html", {"minutes": cooloff_seconds() // 60}, status=429)
    response["Retry-After"] = str(cooloff_seconds())
    return response


@receiver(user_login_failed, dispatch_uid="brute_force_failed_login")
def failed_login(sender, credentials, request=None, **kwargs):
    """Django's `user_login_failed`: the attempt goes into the account's history."""
    username = (credentials or {}).get("username", "")
    user = get_user_model().objects.filter(username=username).first() if username else None
    logger.warning("Misslyckad inloggning för %r", username[:150])
    if user is not None:
        log(user, LOGIN_FAILED)


def counter_keys(request, restriction_id) -> tuple[str, str]:
    address = hashlib.sha256(f"{settings.SECRET_KEY}|{client_address(request)}".encode())
    return (
        f"page-password:{restriction_id}:{address.hexdigest()[:32]}",
        f"page-password:{restriction_id}",
    )


def is_locked(keys) -> bool:
    by_address, by_page = (cache.get(key, 0) for key in keys)
    return by_address >= settings.AXES_FAILURE_LIMIT or by_page >= PAGE_FAILURE_LIMIT


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's password view (its URL, wagtail/urls.py), with a limit on wrong guesses."""
    keys = counter_keys(request, page_view_restriction_id)
    if request.method == "POST" and is_locked(keys):
        return lockout_response(request)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:  # the form again: wrong
        for key in keys:
            counted(key, cooloff_seconds())
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            log(page.specific, PASSWORD_FAILED)
    return response
