"""Comments in the Wagtail admin (comments/admin.py): listing, bulk actions, dashboard count."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import (
    MODERATE,
    ApproveBulkAction,
    CommentViewSet,
    ModerationPermissionPolicy,
    PendingCommentsPanel,
    RejectBulkAction,
)
from .models import Comment

register_permission_policy(Comment, ModerationPermissionPolicy(Comment))
register_snippet(CommentViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm(MODERATE):
        panels.append(PendingCommentsPanel(Comment.objects.pending().count()))
