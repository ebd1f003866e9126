"""Comments in the Wagtail admin (Kommentarer): listing, approve/reject, edit, delete and the
pending count. Everything needs the one permission "moderate_comment"."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from . import services
from .models import Comment
from .signals import announce

MODERATE = "comments.moderate_comment"


class ModerationPermissionPolicy(ModelPermissionPolicy):
    """Every action on comments needs "moderate_comment"; nobody adds or copies comments in
    the admin (they come from the public)."""

    NOT_IN_ADMIN = {"add", "copy", "publish", "lock", "unlock"}

    def user_has_permission(self, user, action):
        return action not in self.NOT_IN_ADMIN and user.has_perm(MODERATE)


def pending_url() -> str:
    return reverse("comments_admin:list") + f"?status={Comment.Status.PENDING}"


class CommentFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=_("Status"), choices=Comment.Status.choices)
    page = ModelChoiceFilter(
        label=_("Sida"),
        queryset=lambda request: (
            Page.objects.filter(public_comments__isnull=False).distinct().order_by("title")
        ),
    )

    class Meta:
        model = Comment
        fields = ["status", "page"]


class CommentIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "moderated_by")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        query = urlencode({"id": instance.pk, "next": self.request.get_full_path()})
        for action, label, icon, status in (
            ("approve", _("Godkänn"), "check", Comment.Status.APPROVED),
            ("reject", _("Avvisa"), "cross", Comment.Status.REJECTED),
        ):
            if instance.status != status:
                url = reverse("wagtail_bulk_action", args=("comments", "comment", action))
                buttons.append(
                    ListingButton(label, url=f"{url}?{query}", icon_name=icon, priority=5)
                )
        return buttons


class CommentEditView(EditView):
    """Editors may correct a comment (remove personal data), change its status or answer it;
    the change is recorded as moderation or as the reply's time, and the page is announced
    when what the public sees changes."""

    def save_instance(self):
        comment = self.form.instance
        old_status = self.form.initial.get("status")
        if comment.status != old_status:
            comment.moderated_at = timezone.now()
            comment.moderated_by = self.request.user
        if {"reply", "replied_by"} & set(self.form.changed_data):
            comment.replied_at = timezone.now() if comment.has_reply else None
        super().save_instance()  # the form saves the whole row, these fields too
        was_visible = old_status == Comment.Status.APPROVED
        if (was_visible or comment.is_visible) and self.form.has_changed():
            announce([comment.page])
        return comment


class PendingCountMenuItem(MenuItem):
    """ "Kommentarer (3)": the number of comments waiting for review, for moderators only."""

    def is_shown(self, request):
        return request.user.has_perm(MODERATE)

    def render_component(self, request):
        component = super().render_component(request)
        count = Comment.objects.pending().count()
        if count:
            component.label = f"{self.label} ({count})"
            component.url = pending_url()
        return component


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Kommentarer")
    menu_name = "comments"
    menu_order = 460
    add_to_admin_menu = True
    base_url_path = "kommentarer"
    admin_url_namespace = "comments_admin"
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CommentFilterSet
    list_per_page = 50
    ordering = ["-created_at"]
    # The whole text is the row's title: moderators read it all, and it opens the comment.
    list_display = [
        "body",
        Column("display_name", label=_("Namn")),
        "page",
        "status",
        DateColumn("created_at", label=_("Skickad")),
    ]
    # Every field, in the model's order, but the database id.
    inspect_view_fields_exclude = ["id"]
    panels = [
        HelpPanel(
            content=_(
                "Visas på sidan först när den är godkänd. Ta bort personuppgifter ur texten "
                "eller radera kommentaren om skribenten ber om det."
            )
        ),
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("reply"), FieldPanel("replied_by")],
            heading=_("Officiellt svar"),
            help_text=_(
                "Svaret visas under kommentaren på sidan och i API:t, i sidans språk. "
                "Det går inte ut till skribenten: vi har ingen adress."
            ),
        ),
    ]
    menu_item_class = PendingCountMenuItem


class PendingCommentsPanel(Component):
    """On the dashboard: how many comments wait for review, site-wide."""

    name = "pending_comments"
    order = 90
    template_name = "comments/admin/pending_panel.html"

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context=None):
        message = ngettext(
            "%(count)d kommentar väntar på granskning.",
            "%(count)d kommentarer väntar på granskning.",
            self.count,
        )
        return {"message": message % {"count": self.count}, "url": pending_url()}


class ModerateBulkAction(SnippetBulkAction):
    models = [Comment]
    template_name = "comments/admin/confirm_moderation.html"
    status = None

    def check_perm(self, obj):
        return self.request.user.has_perm(MODERATE)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(Comment.objects.filter(pk__in=object_ids).select_related("page"))

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.moderate(objects, cls.status, user), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}


class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Godkänn")
    action_type = "approve"
    aria_label = _("Godkänn markerade kommentarer")
    action_priority = 10
    status = Comment.Status.APPROVED
    question = _("Godkänn och visa de här kommentarerna på sidorna?")
    success_message = ngettext_lazy(
        "%(count)d kommentar godkänd.", "%(count)d kommentarer godkända.", "count"
    )


class RejectBulkAction(ModerateBulkAction):
    display_name = _("Avvisa")
    action_type = "reject"
    aria_label = _("Avvisa markerade kommentarer")
    action_priority = 20
    status = Comment.Status.REJECTED
    question = _("Avvisa de här kommentarerna? De visas inte (längre) på sidorna.")
    success_message = ngettext_lazy(
        "%(count)d kommentar avvisad.", "%(count)d kommentarer avvisade.", "count"
    )
