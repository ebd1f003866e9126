"""E-mail to the moderators when a public comment arrives (issue #25, item 9), through
Django's e-mail backend (the console in the demo). Sent after the commit, one message per
moderator, so no one sees the others' addresses and a refused comment sends nothing."""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from comments.admin import pending_url


def moderators():
    """Active users who may moderate comments and have an e-mail address."""
    permission = Permission.objects.get(
        content_type__app_label="comments", codename="moderate_comment"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .exclude(email="")
        .distinct()
    )


def comment_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and not instance.is_visible:
        transaction.on_commit(partial(notify_moderators, instance.pk), robust=True)


def notify_moderators(comment_pk):
    from comments.models import Comment

    comment = Comment.objects.select_related("page").filter(pk=comment_pk).first()
    if comment is None:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "comment": comment,
            "review_url": base + pending_url(),
            "edit_url": base + reverse("comments_admin:edit", args=[comment.pk]),
        }
        subject = render_to_string("editorial/email/new_comment_subject.txt", context).strip()
        body = render_to_string("editorial/email/new_comment.txt", context)
    send_mass_mail(
        [(subject, body, None, [user.email]) for user in moderators()], fail_silently=False
    )
