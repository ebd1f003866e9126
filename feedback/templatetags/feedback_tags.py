from django import template

from feedback.models import COMMENT_MAX_LENGTH
from feedback.services import feedback_for_token

register = template.Library()
FINISHED = {"klar": "done", "kommentar": "commented"}  # ?feedback= after an answer, a comment


@register.inclusion_tag("feedback/widget.html", takes_context=True)
def feedback_widget(context, page):
    """The widget asking, thanking (with the comment form) or done, as this request's own
    ?feedback= says, so a cached copy of the page shows others the question."""
    request = context.get("request")
    state, token = "ask", ""
    value = request.GET.get("feedback", "") if request else ""
    if value in FINISHED:
        state = FINISHED[value]
    elif value:
        answered = feedback_for_token(value)
        if answered is not None and answered.page_id == page.pk:
            state, token = ("done", "") if answered.comment else ("thanks", value)
    return {"page": page, "state": state, "token": token, "comment_max_length": COMMENT_MAX_LENGTH}
