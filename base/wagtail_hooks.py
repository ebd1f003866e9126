from django.contrib import messages
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Person, Topic
from .translation_status import translation_status


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role", "organisation"]
    search_fields = ["name", "role"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PeopleAndTopicsGroup(SnippetViewSetGroup):
    menu_label = _("Personer och ämnen")
    menu_icon = "group"
    menu_order = 250
    items = (PersonViewSet, OrganisationViewSet, TopicViewSet)


register_snippet(PeopleAndTopicsGroup)


@hooks.register("before_edit_page", order=-1)
def warn_when_translation_is_out_of_date(request, page):
    """wagtail-localize's translation editor replaces the page editor for translations; it
    shows Wagtail's messages, so the notice goes there (before localize's hook takes over)."""
    status = translation_status(page) if request.method == "GET" else None
    if status and status.out_of_date:
        messages.warning(
            request,
            gettext_now(
                "Källsidan “%(title)s” har ändrats sedan översättningen uppdaterades. Använd "
                "“Synkronisera översatta sidor” på källsidan och översätt de nya texterna."
            )
            % {"title": status.source_page.title},
        )
