"""Webhooks in the Wagtail admin, under Inställningar: the endpoints (the secret is shown once,
when one is created) and the delivery log (read-only)."""

from django import forms
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from .models import EventType, WebhookDelivery, WebhookEndpoint
from .signing import new_secret


class EndpointForm(WagtailAdminModelForm):
    event_types = forms.MultipleChoiceField(
        label=_("Händelser"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Välj inga för att få alla händelser."),
    )


def secret_response(view, **overrides):
    """The secret, shown this once: the receiver verifies signatures with it."""
    context = view.get_context_data(secret=view.object.secret, endpoint=view.object)
    context.update(page_subtitle=view.object.url, **overrides)
    return TemplateResponse(view.request, "webhooks/admin/secret.html", context)


class EndpointCreateView(CreateView):
    """After saving, the secret instead of a redirect: the only time anyone sees it."""

    def save_action(self):
        if self.expects_json_response:
            return super().save_action()
        return secret_response(self, page_title=_("Webhook-mottagaren är skapad"))


class EndpointNewSecretView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseObjectMixin, View
):
    """A leaked or lost secret is replaced (asked first, on GET), and the new one shown once."""

    model = WebhookEndpoint
    permission_required = "change"
    template_name = "webhooks/admin/new_secret.html"
    page_title = _("Ny hemlighet")
    header_icon = "key"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(endpoint=self.object))

    def post(self, request, *args, **kwargs):
        self.object.secret = new_secret()
        self.object.save(update_fields=["secret"])
        log(self.object, "wagtail.edit", user=request.user)
        return secret_response(self)


class EndpointIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            url = reverse("webhooks:new_secret", args=[instance.pk])
            buttons.append(ListingButton(_("Ny hemlighet"), url=url, icon_name="key", priority=20))
        return buttons


class EndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Webhooks")
    name = "webhooks"
    add_to_settings_menu = True
    add_view_class = EndpointCreateView
    index_view_class = EndpointIndexView
    copy_view_enabled = False
    list_display = [
        "url",  # linked to the edit view, with the row's buttons
        "description",
        BooleanColumn("active", label=_("Aktiv")),
        DateColumn("created_at", label=_("Skapad")),
    ]
    edit_handler = ObjectList(
        ["url", "description", "active", "event_types"], base_form_class=EndpointForm
    )

    def get_urlpatterns(self):
        view = EndpointNewSecretView.as_view()
        return [*super().get_urlpatterns(), path("secret/<int:pk>/", view, name="new_secret")]


class DeliveryLogPolicy(ModelPermissionPolicy):
    """The log is written by the worker only; whoever manages endpoints may read it."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and (
            user.has_perm("webhooks.change_webhookendpoint")
            or user.has_perm("webhooks.view_webhookdelivery")
        )


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("endpoint")


class DeliveryInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "–" if value is None or value == "" else value


class DeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook-leveranser")
    name = "webhook_deliveries"
    url_prefix = "webhook-leveranser"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_filter = ["status", "event_type", "endpoint"]
    # Labels from the fields' names; the first links to the inspect view (nobody may edit).
    list_display = [
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "response_status",
        DateColumn("created_at", label=_("Skapad")),
        DateColumn("next_attempt_at", label=_("Nästa försök")),
    ]
    inspect_view_fields_exclude = ["id"]  # the rest in the model's order, the body last
    form_fields = ["status"]  # required by ModelViewSet; no one may edit (DeliveryLogPolicy)
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView

    def get_permissions_to_register(self):
        # Only "view" means anything for the log; the group editor offers no other.
        return super().get_permissions_to_register().filter(codename="view_webhookdelivery")
