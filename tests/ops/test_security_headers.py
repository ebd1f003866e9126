"""Security headers: a strict Content-Security-Policy for the site, a looser one for Wagtail's
admin, and Referrer-Policy, X-Content-Type-Options and frame options on every response."""

import pytest
from django.http import HttpResponse

from ops.csp import ContentSecurityPolicyMiddleware, serialize


def directives(header):
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def test_public_pages_carry_a_strict_policy(client, home):
    response = client.get("/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]
    assert "https://player.vimeo.com" in policy["frame-src"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_admin_gets_its_own_policy_for_wagtails_inline_scripts(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the live preview is framed by the admin
    assert policy["object-src"] == ["'none'"]


def test_every_response_carries_the_other_security_headers(client, home):
    for url in ("/", "/admin/login/", "/healthz", "/api/v3/pages/"):
        response = client.get(url)
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response.has_header("Content-Security-Policy"), url
    assert client.get("/")["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_scripts_or_styles(client, episode):
    """What the strict policy would block: inline <script> (JSON-LD data excepted), <style>
    elements, style="" and on*="" attributes."""
    import re

    html = client.get(episode.url).content.decode()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/ld+json"' in attributes for attributes in scripts), scripts
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_report_only_mode_sends_the_policy_without_enforcing_it(rf, settings):
    settings.CSP_REPORT_ONLY = True
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    response = middleware(rf.get("/"))
    assert not response.has_header("Content-Security-Policy")
    assert response["Content-Security-Policy-Report-Only"] == serialize(
        settings.CONTENT_SECURITY_POLICY
    )


@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_csp_can_be_switched_off(rf, settings, path):
    from django.http import HttpResponse

    settings.CSP_ENABLED = False
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    assert not middleware(rf.get(path)).has_header("Content-Security-Policy")


def test_the_editors_preview_carries_the_admin_policy_so_the_panel_can_frame_it(
    admin_client, episode
):
    """Wagtail renders the preview through the middleware at the page's public path; the
    public `frame-ancestors 'none'` used to reach the panel's frame (issue #25, item 1)."""
    from tests.api.test_preview import open_preview

    response = open_preview(admin_client, episode, summary="Ett osparat utkast.")
    assert response.status_code == 200
    assert b"Ett osparat utkast." in response.content
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert response.get("X-Frame-Options", "SAMEORIGIN") == "SAMEORIGIN"


def test_the_admin_may_frame_the_headless_front_end_it_previews(monkeypatch):
    """With HEADLESS_PREVIEW_URL the preview panel opens the front end: its origin is framable."""
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("HEADLESS_PREVIEW_URL", "https://front.example:4321/preview")
    try:
        reloaded = importlib.reload(base)
        frame_src = reloaded.CONTENT_SECURITY_POLICY_ADMIN["frame-src"]
        assert "https://front.example:4321" in frame_src
        assert "https://front.example:4321" not in reloaded.CONTENT_SECURITY_POLICY["frame-src"]
    finally:
        monkeypatch.delenv("HEADLESS_PREVIEW_URL")
        importlib.reload(base)
