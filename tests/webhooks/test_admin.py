"""Registering endpoints under Inställningar: the secret is shown once; addresses that could
reach the internal network are refused in Swedish; the delivery log is read-only."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import translation

from webhooks.addresses import check_endpoint_url
from webhooks.models import EventType, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

PUBLIC_ADDRESS = "https://93.184.215.14/revalidate"  # an address on the internet, no DNS needed


def form_data(**overrides):
    return {"url": PUBLIC_ADDRESS, "description": "Next.js", "active": "on", **overrides}


def test_admin_registers_an_endpoint_and_sees_the_secret_once(admin_client):
    response = admin_client.post("/admin/webhooks/new/", form_data(event_types=["page.published"]))
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.secret in response.content.decode()
    assert "Kopiera hemligheten" in response.content.decode()
    assert endpoint.event_types == ["page.published"]

    for url in ("/admin/webhooks/", f"/admin/webhooks/edit/{endpoint.pk}/"):
        page = admin_client.get(url)
        assert page.status_code == 200
        assert endpoint.secret not in page.content.decode()


def test_the_endpoints_are_in_the_settings_menu(admin_client, home):
    response = admin_client.get("/admin/")
    assert "/admin/webhooks/" in response.content.decode()
    assert "/admin/webhook-leveranser/" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://93.184.215.14/hook", "måste börja med https://"),
        ("https://10.1.2.3/hook", "intern adress"),
        ("https://169.254.169.254/latest/", "intern adress"),
        ("https://[::1]/hook", "intern adress"),
        ("https://[::ffff:192.168.0.1]/hook", "intern adress"),
        ("https://user:pw@93.184.215.14/hook", "användarnamn eller lösenord"),
        ("ftp://93.184.215.14/hook", "börjar med https://"),
    ],
)
def test_addresses_into_the_internal_network_are_refused(admin_client, settings, url, message):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    response = admin_client.post("/admin/webhooks/new/", form_data(url=url))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_plain_http_to_localhost_only_where_local_receivers_are_allowed(settings):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    with pytest.raises(ValidationError):
        check_endpoint_url("http://127.0.0.1:4321/api/revalidate")
    settings.WEBHOOKS_ALLOW_LOCAL = True
    check_endpoint_url("http://127.0.0.1:4321/api/revalidate")
    check_endpoint_url("http://localhost:4321/api/revalidate")
    with pytest.raises(ValidationError):
        check_endpoint_url("http://10.0.0.5/api/revalidate")


def test_the_demo_with_debug_on_accepts_a_front_end_on_localhost(settings):
    if hasattr(settings, "WEBHOOKS_ALLOW_LOCAL"):
        del settings.WEBHOOKS_ALLOW_LOCAL
    settings.DEBUG = True
    check_endpoint_url("http://localhost:4321/api/revalidate")
    settings.DEBUG = False
    with pytest.raises(ValidationError):
        check_endpoint_url("http://localhost:4321/api/revalidate")


def test_the_delivery_log_is_shown_in_swedish_and_cannot_be_changed(admin_client):
    endpoint = WebhookEndpoint.objects.create(url=PUBLIC_ADDRESS, description="Next.js")
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id="msg_1",
        event_type="page.published",
        body='{"id":"msg_1"}',
        status="retrying",
        attempts=2,
        response_status=500,
        error="HTTP 500",
    )
    listing = admin_client.get("/admin/webhook-leveranser/").content.decode()
    for text in ("Sida publicerad", "Nytt försök planerat", "Svarskod", "Next.js"):
        assert text in listing
    inspect = admin_client.get(f"/admin/webhook-leveranser/inspect/{delivery.pk}/")
    assert inspect.status_code == 200
    assert "HTTP 500" in inspect.content.decode()
    assert admin_client.get("/admin/webhook-leveranser/new/").status_code in {302, 403}
    edit = admin_client.post(f"/admin/webhook-leveranser/edit/{delivery.pk}/", {"status": "failed"})
    assert edit.status_code in {302, 403}
    delivery.refresh_from_db()
    assert delivery.status == "retrying"


def test_editors_without_the_permission_see_neither_endpoints_nor_log(client, django_user_model):
    editor = django_user_model.objects.create_user("redaktor2", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/webhooks/").status_code in {302, 403}
    assert client.get("/admin/webhook-leveranser/").status_code in {302, 403}


def test_a_group_given_view_on_the_log_reads_it_but_not_the_endpoints(client, django_user_model):
    editor = django_user_model.objects.create_user("granskare", password="x")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_webhookdelivery"),
    )
    client.force_login(editor)
    assert client.get("/admin/webhook-leveranser/").status_code == 200
    assert client.get("/admin/webhooks/").status_code in {302, 403}


def test_the_group_editor_offers_only_view_for_the_log():
    from wagtail import hooks

    offered = {
        permission.codename
        for hook in hooks.get_hooks("register_permissions")
        for permission in hook()
        if permission.content_type.app_label == "webhooks"
    }
    assert "view_webhookdelivery" in offered
    assert "add_webhookendpoint" in offered
    assert not {"add_webhookdelivery", "change_webhookdelivery", "delete_webhookdelivery"} & offered


def test_event_names_and_refusals_are_in_english_for_english_editors():
    with translation.override("en"):
        assert str(EventType.PAGE_PUBLISHED.label) == "Page published"
        assert str(WebhookDelivery._meta.verbose_name_plural) == "webhook deliveries"
        with pytest.raises(ValidationError, match="must start with https://"):
            check_endpoint_url("http://93.184.215.14/hook")


def test_a_new_secret_is_asked_for_then_replaces_the_old_and_is_shown_once(admin_client):
    endpoint = WebhookEndpoint.objects.create(url=PUBLIC_ADDRESS)
    old = endpoint.secret
    listing = admin_client.get("/admin/webhooks/").content.decode()
    assert f"/admin/webhooks/secret/{endpoint.pk}/" in listing

    question = admin_client.get(f"/admin/webhooks/secret/{endpoint.pk}/")
    assert "ersätter den gamla" in question.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.secret == old  # asking changes nothing

    answer = admin_client.post(f"/admin/webhooks/secret/{endpoint.pk}/")
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")
    assert endpoint.secret in answer.content.decode()
    assert old not in answer.content.decode()


def test_only_those_who_may_change_endpoints_get_a_new_secret(client, django_user_model):
    endpoint = WebhookEndpoint.objects.create(url=PUBLIC_ADDRESS)
    reader = django_user_model.objects.create_user("lasare", password="x")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_webhookdelivery"),
    )
    client.force_login(reader)
    old = endpoint.secret
    assert client.post(f"/admin/webhooks/secret/{endpoint.pk}/").status_code in {302, 403}
    endpoint.refresh_from_db()
    assert endpoint.secret == old
