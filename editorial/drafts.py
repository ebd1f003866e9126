"""Drafts nobody meant to keep (issue #25, item 12): "Lägg till sida" saves the page as soon
as the editor types (Wagtail's autosave), so an abandoned form leaves a draft that holds
its slug. Pages autosave created are marked in their history; `manage.py
delete_abandoned_drafts` (run_periodic) deletes those never published, never saved by hand
(one revision: autosave rewrites it, a save adds one) and untouched for a day."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

AUTOSAVE_CREATED = "editorial.autosave_create"
KEPT_FOR = timedelta(days=1)


def mark_if_autosaved(request, page):
    """After Wagtail's create view: autosave's requests ask for JSON, the buttons for HTML."""
    if not request.accepts("text/html"):
        log(page, AUTOSAVE_CREATED, user=request.user)


def name_the_page_holding_the_slug(request, parent_page, page_class):
    """Before Wagtail's create view: when the slug asked for is taken (by an abandoned draft,
    until it is deleted), Wagtail's error says so; this says by which page, with a link."""
    slug = request.POST.get("slug")
    if request.method != "POST" or not slug or not request.accepts("text/html"):
        return
    holder = parent_page.get_children().filter(slug=slug).first()
    if holder is not None:
        messages.warning(
            request,
            _("Adressen “%(slug)s” används redan av sidan “%(title)s”.")
            % {"slug": slug, "title": holder.draft_title},
            buttons=[
                messages.button(
                    reverse("wagtailadmin_pages:edit", args=[holder.pk]), _("Öppna sidan")
                )
            ],
        )


def abandoned_drafts(now):
    candidates = Page.objects.filter(
        live=False,
        first_published_at__isnull=True,
        numchild=0,
        latest_revision_created_at__lt=now - KEPT_FOR,
        pk__in=PageLogEntry.objects.filter(action=AUTOSAVE_CREATED).values("page"),
    )
    return [page for page in candidates if page.revisions.count() == 1]
