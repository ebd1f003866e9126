from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin import DELIVERY_LOG_POLICY, DeliveryViewSet, EndpointViewSet
from .models import WebhookDelivery

register_permission_policy(WebhookDelivery, DELIVERY_LOG_POLICY)


@hooks.register("register_admin_viewset")
def register_endpoints():
    return EndpointViewSet()


@hooks.register("register_admin_viewset")
def register_delivery_log():
    return DeliveryViewSet()
