from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin import DeliveryLogPolicy, DeliveryViewSet, EndpointViewSet
from .models import WebhookDelivery

register_permission_policy(WebhookDelivery, DeliveryLogPolicy(WebhookDelivery))
hooks.register("register_admin_viewset", EndpointViewSet)
hooks.register("register_admin_viewset", DeliveryViewSet)
