"""E-mail to the moderators when a public comment arrives: after the commit (a refused comment
sends nothing), one message per moderator (no one sees the others' addresses)."""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from comments.admin import MODERATE, pending_url
from comments.models import Comment

# Who has a permission is the model backend's to say (axes' backend checks logins only).
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def comment_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and not instance.is_visible:
        transaction.on_commit(partial(notify_moderators, instance.pk), robust=True)


def notify_moderators(comment_pk):
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
    moderators = get_user_model().objects.with_perm(MODERATE, backend=MODEL_BACKEND)
    messages = [(subject, body, None, [user.email]) for user in moderators.exclude(email="")]
    send_mass_mail(messages, fail_silently=False)
