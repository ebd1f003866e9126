"""Comments in the JSON API, /api/v3/comments/: `GET ?page=<id>` lists a visible page's approved
comments, oldest first, showing nothing of the writer but the name they chose; `POST` takes a
new one through the same checks as the page's form (comments.views), answered 202."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from core import public_forms
from core.api_params import PaginationParams, QueryId, check_params, paginate_queryset

from . import services
from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment
from .services import COMMENT_RATE, received_message

router = Router(tags=["comments"])


class CommentFilters(PaginationParams):
    page: QueryId = Field(..., description="Id of a live, public page")


class CommentReplySchema(Schema):
    body: str = Field(description="Plain text (never HTML); line breaks as \\n")
    by: str = Field(description="Who answers: “SKL” or a part of the organisation, never a person")
    at: datetime | None = Field(description="When the reply was written")


class CommentSchema(Schema):
    id: int
    name: str = Field(description="The name the writer chose to show, or “Anonym”")
    body: str = Field(description="Plain text (never HTML); line breaks as \\n")
    created_at: datetime
    reply: CommentReplySchema | None = Field(description="SKL's official reply, or null")

    @staticmethod
    def resolve_name(comment: Comment) -> str:
        return str(comment.display_name)

    @staticmethod
    def resolve_reply(comment: Comment) -> dict | None:
        if not comment.has_reply:
            return None
        return {"body": comment.reply, "by": comment.reply_sender, "at": comment.replied_at}


class CommentListSchema(Schema):
    count: int = Field(description="Approved comments on the page")
    comments_open: bool = Field(description="Whether the page takes new comments now")
    items: list[CommentSchema]


class NewCommentIn(Schema):
    # Strict: `true` or 1.0 is no page id (core.public_forms.visible_page).
    page: QueryId = Field(..., strict=True, description="Id of the page the comment is about")
    name: str = public_forms.text_schema_field(NAME_MAX_LENGTH, description="Optional; shown")
    body: str = public_forms.text_schema_field(
        BODY_MAX_LENGTH, default=..., description="Plain text"
    )
    website: str = Field("", description="Leave empty (a honeypot for bots)")


@router.get(
    "/",
    response=CommentListSchema,
    summary="Approved comments on a page",
    operation_id="comments_list",
)
def list_comments(request: HttpRequest, filters: CommentFilters = Query(...)):  # noqa: B008
    check_params(request, CommentFilters)
    page = services.public_page(filters.page)
    queryset = Comment.objects.shown_on(page)
    count, comments = paginate_queryset(queryset, filters.limit, filters.offset)
    return {
        "count": count,
        "comments_open": bool(getattr(page, "comments_open", False)),
        "items": list(comments),
    }


@router.post(
    "/",
    response={202: public_forms.MessageOut},
    summary="Send a comment (shown once an editor has approved it)",
    operation_id="comments_create",
)
def create_comment(request: HttpRequest, data: NewCommentIn):
    public_forms.admit(request, COMMENT_RATE)
    # Bots filling the honeypot are told what they expect; nothing is kept.
    if not public_forms.honeypot_filled({"website": data.website}):
        page = services.public_page(data.page)
        services.submit_comment(page=page, name=data.name, body=data.body)
    return Status(202, {"message": received_message()})
