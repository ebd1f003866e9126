from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail import hooks

from core.input_guard import bad_input_response

from .models import WebinarEpisodePage
from .player import StartTimeError, parse_start


def episodes_to_publish(pages, include_descendants):
    """The episodes a bulk publish would make live, as their latest (draft) versions."""
    episodes = [page for page in pages if isinstance(page.specific, WebinarEpisodePage)]
    if include_descendants:
        for page in pages:
            episodes += WebinarEpisodePage.objects.descendant_of(page).filter(
                has_unpublished_changes=True
            )
    return [episode.get_latest_revision_as_object() for episode in episodes]


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_recordings_without_captions(request, action_type, objects, action):
    """The page editor explains the captions and audio description rules; bulk publishing
    must respect them too."""
    if action_type != "publish":  # only pages are bulk published
        return None
    include_descendants = action.get_execution_context().get("include_descendants", False)
    blocked = [
        episode.title
        for episode in episodes_to_publish(objects, include_descendants)
        if episode.publish_problems()
    ]
    if not blocked:
        return None
    messages.error(
        request,
        _("Inget publicerades. De här inspelningarna saknar textning eller syntolkning: %(titles)s")
        % {"titles": ", ".join(f"“{title}”" for title in blocked)},
    )
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "wagtailadmin_explore_root"
    return redirect(next_url)


@hooks.register("before_serve_page")
def refuse_a_bad_start_time(page, request, serve_args, serve_kwargs):
    """An episode's ?t= (where its player starts) that is not a time is a 400, not ignored."""
    if isinstance(page, WebinarEpisodePage) and "t" in request.GET:
        try:
            parse_start(request.GET["t"])
        except StartTimeError as error:
            return bad_input_response(request, 400, str(error))
    return None
