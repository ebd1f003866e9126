"""Registering a webhook in a real browser: the form under Inställningar, the secret shown
once with its copy button, and the delivery log, each without WCAG 2.1 A/AA violations."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import axe_violations
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.browser

PASSWORD = "skl-test-lösen-2026"  # noqa: S105


def test_an_administrator_registers_an_endpoint_and_copies_its_secret(
    seeded_site,
    page,
    shoot,
):
    get_user_model().objects.create_superuser("admin", "a@example.invalid", PASSWORD)
    site = seeded_site
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(site + "/admin/")

    page.goto(site + "/admin/webhooks/new/")
    page.get_by_role("textbox", name="Adress").fill("https://93.184.215.14/api/revalidate")
    page.get_by_role("textbox", name="Beskrivning").fill("Astro-webbplatsen")
    page.get_by_role("checkbox", name="Sida publicerad").check()
    shoot("form")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Skapa").click()

    secret = WebhookEndpoint.objects.get().secret
    field = page.get_by_role("textbox", name="Hemlighet")
    assert field.input_value() == secret
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Kopiera hemligheten").click()
    page.get_by_text("Kopierad").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == secret
    shoot("secret")
    assert axe_violations(page) == []

    page.goto(site + "/admin/webhooks/")
    assert secret not in page.content()
    page.get_by_role("link", name="https://93.184.215.14/api/revalidate").wait_for()

    endpoint = WebhookEndpoint.objects.get()
    page.goto(site + f"/admin/webhooks/secret/{endpoint.pk}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Skapa ny hemlighet").click()
    endpoint.refresh_from_db()
    assert endpoint.secret != secret
    assert page.get_by_role("textbox", name="Hemlighet").input_value() == endpoint.secret
    WebhookDelivery.objects.create(
        endpoint=WebhookEndpoint.objects.get(),
        event_id="msg_1",
        event_type="page.published",
        body="{}",
        status="failed",
        attempts=6,
        response_status=500,
        error="HTTP 500",
    )
    page.goto(site + "/admin/webhook-leveranser/")
    page.get_by_role("cell", name="Misslyckad").wait_for()
    shoot("log")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Sida publicerad").click()
    page.get_by_text("HTTP 500").wait_for()
    assert "None" not in page.locator("main").inner_text()
    shoot("delivery")
    assert axe_violations(page) == []
