"""The weekly e-mail digest: each editor who asked for it gets the "Behöver
åtgärdas" items that are theirs, from attention.py's own checks: those about the pages they
own, images in use without alt text they uploaded (nobody's: every Redaktör's), and the
comments waiting, if they moderate. Sent by `manage.py send_editor_digest`
(deploy/systemd/skl-digest.timer, Mondays 07:00)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.models import Page

from . import roles
from .attention import CHECKS, checks_for
from .models import DigestSubscription


def digest_for(user, found):
    """[(check, items)] that are `user`'s, of the kinds they may act on; `found` holds every
    check's items by key, found once per run."""
    owned = set(Page.objects.filter(owner=user).values_list("pk", flat=True))
    editor = user.groups.filter(name=roles.EDITORS).exists()

    def is_theirs(item):
        if item.page_id is not None:
            return item.page_id in owned
        if item.kind == "alt_text":
            return item.user_id == user.pk if item.user_id else editor
        return True  # the comments waiting: checks_for() kept them for moderators only

    sections = [
        (check, [item for item in found[check.key] if is_theirs(item)])
        for check in checks_for(user)
    ]
    return [(check, items) for check, items in sections if items]


def message_for(user, sections):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "user": user,
        "sections": [
            (check, [(item, base + item.url) for item in items]) for check, items in sections
        ],
        "report_url": base + reverse("editorial_attention"),
        "settings_url": base + reverse("wagtailadmin_account"),
    }
    subject = render_to_string("editorial/email/digest_subject.txt", context).strip()
    body = render_to_string("editorial/email/digest.txt", context)
    html = render_to_string("editorial/email/digest.html", context)
    message = EmailMultiAlternatives(subject, body, None, [user.email])
    message.attach_alternative(html, "text/html")
    return message


def send_digests():
    """Sends one e-mail per subscriber with something to act on; returns how many."""
    now = timezone.now()
    users = get_user_model().objects.filter(is_active=True, digest_subscription__weekly=True)
    users = list(users.exclude(email="").order_by("pk"))
    messages = []
    # Swedish whatever the caller's language (the items' texts are made in it too).
    with translation.override(settings.LANGUAGE_CODE):
        found = {key: list(check.find(now)) for key, check in CHECKS.items()} if users else {}
        for user in users:
            if sections := digest_for(user, found):
                messages.append(message_for(user, sections))
    for message in messages:
        message.send()
    return len(messages)


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestSubscription
        fields = ["weekly"]
        labels = {"weekly": _("Skicka mig ett veckobrev")}
        help_texts = {
            "weekly": _(
                "Varje måndag: det som behöver åtgärdas på sidorna du äger och bilderna du har "
                "laddat upp, och kommentarerna som väntar om du modererar. Inget e-brev när allt "
                "är i ordning."
            )
        }

    def __init__(self, *args, instance, **kwargs):
        # The account panel hands over the user; the form edits their subscription.
        subscription = DigestSubscription.objects.filter(user=instance).first()
        super().__init__(
            *args, instance=subscription or DigestSubscription(user=instance), **kwargs
        )


class DigestSettingsPanel(BaseSettingsPanel):
    """Under Konto → Profil, next to the name and e-mail the digest goes to."""

    name = "editor_digest"
    title = _("Veckobrev om dina sidor")
    order = 150
    form_class = DigestForm
