"""/api/v3/feedback/: the widget's services, checks and messages with a typed JSON body."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from wagtail.api.v3.errors import ProblemDetail

from core import public_forms
from core.api_params import QueryId

from . import services
from .models import COMMENT_MAX_LENGTH
from .services import ANSWER_RATE, COMMENT_RATE

router = Router(tags=["feedback"])


class AnswerIn(Schema):
    # Strict: `true` or 1.0 is no page id (core.public_forms.visible_page).
    page: QueryId = Field(..., strict=True, description="Id of the page the answer is about")
    helpful: bool = Field(..., description="Did the page help? (true/false)")
    comment: str = public_forms.text_schema_field(COMMENT_MAX_LENGTH)
    website: str = Field("", description="Leave empty (a honeypot for bots)")


class AnswerOut(Schema):
    message: str
    comment_token: str | None = Field(
        None, description="Send with a comment to /feedback/comment/ within an hour"
    )


class FeedbackCommentIn(Schema):
    token: str = Field(..., max_length=1000)
    comment: str = public_forms.text_schema_field(COMMENT_MAX_LENGTH, default=...)
    website: str = ""


@router.post(
    "/",
    response={201: AnswerOut},
    summary="Answer “Did this page help you?”",
    operation_id="feedback_answer",
)
def answer(request: HttpRequest, data: AnswerIn):
    token = None
    # Bots filling the honeypot are told what they expect; nothing is kept.
    if not public_forms.honeypot_filled({"website": data.website}):
        public_forms.admit(request, ANSWER_RATE)
        page = services.page_accepting_feedback(data.page)
        feedback = services.submit_feedback(page=page, helpful=data.helpful, comment=data.comment)
        token = None if feedback.comment else services.comment_token(feedback)
    return Status(201, {"message": _("Tack för att du hjälper oss!"), "comment_token": token})


@router.post(
    "/comment/",
    response={200: public_forms.MessageOut, 409: ProblemDetail},
    summary="Add a comment to an answer given within the last hour",
    operation_id="feedback_comment",
)
def comment(request: HttpRequest, data: FeedbackCommentIn):
    if not public_forms.honeypot_filled({"website": data.website}):
        public_forms.admit(request, COMMENT_RATE)
        services.add_comment(token=data.token, comment=data.comment)
    return {"message": _("Tack för din kommentar!")}
