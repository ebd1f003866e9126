"""Public comments on pages, shown once an editor with "moderate_comment" has approved them.
Privacy by design: no e-mail, IP address, cookie or user is stored; the name is optional and
the text is scrubbed of contact details and personnummer first (core/scrub.py)."""

from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 80
BODY_MAX_LENGTH = 2000
REPLY_MAX_LENGTH = 4000
DEFAULT_REPLIER = "SKL"


class CommentQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def shown_on(self, page):
        """What the public sees on `page`: approved comments, oldest first, the shown fields."""
        approved = self.filter(page_id=page.pk, status=Comment.Status.APPROVED)
        return approved.order_by("created_at", "pk").only(*Comment.PUBLIC_FIELDS)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på granskning")
        APPROVED = "approved", _("Godkänd")
        REJECTED = "rejected", _("Avvisad")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida"),
        on_delete=models.CASCADE,
        related_name="public_comments",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("språk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("namn"), max_length=NAME_MAX_LENGTH, blank=True)
    body = models.TextField(_("kommentar"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granskad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The official answer (issue #25, item 9): written by a moderator, shown under the comment.
    reply = models.TextField(
        _("svar från SKL"),
        max_length=REPLY_MAX_LENGTH,
        blank=True,
        help_text=_("Visas under kommentaren när den är godkänd. Tomt: inget svar."),
    )
    replied_by = models.CharField(
        _("svaret undertecknas av"),
        max_length=NAME_MAX_LENGTH,
        blank=True,
        default=DEFAULT_REPLIER,
        help_text=_("Visas som avsändare, t.ex. “SKL” eller en avdelning. Tomt: “SKL”."),
    )
    replied_at = models.DateTimeField(_("besvarad"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    # What the public page and the API show of a comment (for .only()).
    PUBLIC_FIELDS = ("name", "body", "created_at", "reply", "replied_by", "replied_at")

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["-created_at"]
        # Everything in the admin is governed by one permission, granted to groups.
        default_permissions = ()
        permissions = [("moderate_comment", _("Kan moderera kommentarer"))]
        indexes = [
            models.Index(fields=["page", "status", "created_at"], name="comment_page_status_idx"),
            models.Index(fields=["status", "created_at"], name="comment_status_idx"),
        ]

    def __str__(self):
        return Truncator(" ".join(self.body.split())).chars(60)

    @property
    def display_name(self):
        return self.name or _("Anonym")

    @property
    def has_reply(self) -> bool:
        return bool(self.reply.strip())

    @property
    def reply_sender(self) -> str:
        return self.replied_by.strip() or DEFAULT_REPLIER

    @property
    def is_visible(self):
        return self.status == self.Status.APPROVED
