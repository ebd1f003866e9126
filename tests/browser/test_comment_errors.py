"""A comment the server refuses, in Chromium: without JavaScript the error page's summary has
focus and the form comes back with the visitor's name and text, to send again; with
JavaScript the message takes focus and the form keeps the text."""

import pytest

from comments.models import Comment

from .conftest import axe_violations

pytestmark = pytest.mark.browser

RELEASE = "/press/kommuner-och-landsting-far-stod-for-att-fornya-sina-verksamheter/"
TEXT = "Hur anmäler vi vår kommun till Innovationsguiden?"
LIMITED = "Du har skickat många kommentarer på kort tid. Försök igen om en stund."


def test_without_javascript_a_refused_comment_keeps_its_text_and_can_be_sent_again(
    browser, seeded_site, settings, shoot
):
    settings.RATE_LIMIT_SCALE = 0  # every comment is over the limit
    context = browser.new_context(java_script_enabled=False, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.goto(seeded_site + RELEASE)
    page.get_by_label("Namn (frivilligt)").fill("Karin")
    page.get_by_label("Kommentar", exact=True).fill(TEXT)
    page.get_by_role("button", name="Kommentera").click()
    page.get_by_role("heading", name="Din kommentar kunde inte tas emot").wait_for()
    summary = page.get_by_role("alert").filter(has_text=LIMITED)
    assert summary.evaluate("el => el === document.activeElement")
    assert page.get_by_label("Kommentar", exact=True).input_value() == TEXT
    assert page.get_by_label("Namn (frivilligt)").input_value() == "Karin"
    shoot("refused-comment-kept", target=page)
    assert Comment.objects.count() == 0

    settings.RATE_LIMIT_SCALE = 1
    page.get_by_role("button", name="Kommentera").click()
    page.wait_for_url("**kommentar=mottagen#kommentarer")
    context.close()
    comment = Comment.objects.get()
    assert (comment.name, comment.body, comment.page.url_path.endswith(RELEASE)) == (
        "Karin",
        TEXT,
        True,
    )


def test_with_javascript_the_error_takes_focus_and_the_text_stays(
    browser, seeded_site, settings, shoot
):
    settings.RATE_LIMIT_SCALE = 0
    context = browser.new_context(locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.goto(seeded_site + RELEASE)
    page.get_by_label("Kommentar", exact=True).fill(TEXT)
    page.get_by_role("button", name="Kommentera").click()
    error = page.get_by_role("alert").filter(has_text=LIMITED)
    error.wait_for()
    assert error.evaluate("el => el === document.activeElement")
    assert page.url == seeded_site + RELEASE
    assert page.get_by_label("Kommentar", exact=True).input_value() == TEXT
    shoot("comment-error-focused", target=page)
    violations = axe_violations(page)
    context.close()
    assert violations == []


def test_the_error_page_with_the_form_again_passes_axe(browser, seeded_site, settings):
    settings.RATE_LIMIT_SCALE = 0
    context = browser.new_context(locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.goto(seeded_site + RELEASE)
    page.get_by_label("Kommentar", exact=True).fill(TEXT)
    # form.submit() skips the script's submit handler: the page posts as it would without it.
    with page.expect_navigation():
        page.locator("[data-comments-form]").evaluate("form => form.submit()")
    assert page.get_by_label("Kommentar", exact=True).input_value() == TEXT
    violations = axe_violations(page)
    context.close()
    assert violations == []
