"""Wagtail 8.0.1's "Lägg till sida" can race its own autosave: when the editor saves while an
autosave of the new page is still running, both requests pass the form's slug check; treebeard's
lock on the parent row then lets the second save run only after the first commits, and its
model check raises ValidationError on the slug: a 500. Wagtail has no hook between its check
and its save, so this adapter answers that error: autosave gets Wagtail's own JSON error; the
editor's button opens the page that was saved, with a warning. Two pages with different slugs
created under one parent at the same instant still collide on the tree's path (a 500, rare).
tests/editorial/test_simultaneous_create.py fails when Wagtail changes this."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from .drafts import slug_holder


def lost_the_race(exception) -> bool:
    """Wagtail's Page.clean() says the slug is taken; any other error is a real one."""
    return isinstance(exception, ValidationError) and "slug" in getattr(exception, "error_dict", {})


class SimultaneousCreateMiddleware(MiddlewareMixin):
    def process_exception(self, request, exception):
        match = request.resolver_match
        if match is None or match.view_name != "wagtailadmin_pages:add":
            return None
        if not lost_the_race(exception):
            return None
        parent = Page.objects.filter(pk=match.kwargs["parent_page_id"]).first()
        holder = parent and slug_holder(parent, request.POST.get("slug"))
        if not holder:
            return None
        message = _(
            "Adressen “%(slug)s” fick sidan “%(title)s” medan du sparade, oftast av den "
            "automatiska sparningen. Kontrollera att dina senaste ändringar finns med och spara "
            "eller publicera igen."
        ) % {"slug": holder.slug, "title": holder.draft_title}
        if not request.accepts("text/html"):  # autosave, as Wagtail's own views tell it
            error = {"success": False, "error_code": "validation_error", "error_message": message}
            return JsonResponse(error, status=400)
        messages.warning(request, message)
        return redirect("wagtailadmin_pages:edit", holder.pk)
