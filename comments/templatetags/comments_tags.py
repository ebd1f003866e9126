from django import template

from comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment
from comments.services import ANCHOR, RECEIVED

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, page):
    """Approved comments and, while open, the form, in one query. The "received" note comes from
    the visitor's URL (?kommentar=mottagen): a cached copy of the page is the same for all."""
    request = context.get("request")
    comments = list(Comment.objects.shown_on(page))
    return {
        "page": page,
        "comments": comments,
        "count": len(comments),
        "is_open": page.comments_open,
        "received": bool(request and request.GET.get("kommentar") == RECEIVED),
        "anchor": ANCHOR,
        "name_max_length": NAME_MAX_LENGTH,
        "body_max_length": BODY_MAX_LENGTH,
    }
