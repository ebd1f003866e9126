"""Drafts an editor may not know they made: Wagtail's autosave saves a new page as soon as
the editor types, so an abandoned form leaves a draft holding its slug. Its history says so,
and "Lägg till sida" names it, with a link, when its slug is asked for again. Nothing deletes
it: autosave told the editor their work is saved."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.log_actions import log

AUTOSAVE_CREATED = "editorial.autosave_create"


def mark_if_autosaved(request, page):
    """After Wagtail's create view: autosave's requests ask for JSON, the buttons for HTML."""
    if not request.accepts("text/html"):
        log(page, AUTOSAVE_CREATED, user=request.user)


def slug_holder(parent_page, slug):
    """The page under `parent_page` that has `slug`, or None."""
    return parent_page.get_children().filter(slug=slug).first() if slug else None


def name_the_page_holding_the_slug(request, parent_page, page_class):
    """Before Wagtail's create view: when the slug asked for is taken (by an abandoned draft,
    say), Wagtail's error says so; this says by which page, with a link."""
    if request.method != "POST" or not request.accepts("text/html"):
        return
    holder = slug_holder(parent_page, request.POST.get("slug"))
    if holder is not None:
        messages.warning(
            request,
            _("Adressen “%(slug)s” används redan av sidan “%(title)s”.")
            % {"slug": holder.slug, "title": holder.draft_title},
            buttons=[
                messages.button(
                    reverse("wagtailadmin_pages:edit", args=[holder.pk]), _("Öppna sidan")
                )
            ],
        )
