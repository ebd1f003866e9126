"""Comments on the seeded press release, in a real browser: with JavaScript (no reload, the
message in a status region that takes focus), without JavaScript, and axe on the page with
approved comments."""

import pytest

from comments.models import Comment
from tests import factories

from .conftest import axe_violations

pytestmark = pytest.mark.browser

RELEASE = "/press/kommuner-och-landsting-far-stod-for-att-fornya-sina-verksamheter/"
RECEIVED = "Tack för din kommentar! Den visas på sidan när vi har granskat den."


def test_visitor_comments_with_javascript_and_sees_the_message_in_place(seeded_site, page, shoot):
    page.goto(seeded_site + RELEASE)
    assert page.get_by_role("heading", name="Kommentarer (0)").is_visible()
    page.get_by_label("Namn (frivilligt)").fill("Anna")
    page.get_by_label("Kommentar", exact=True).fill("<script>alert(1)</script> Bra initiativ!")
    page.get_by_role("button", name="Kommentera").click()
    status = page.get_by_role("status").filter(has_text=RECEIVED)
    status.wait_for()
    assert page.url == seeded_site + RELEASE  # no reload, no state in the address
    assert page.evaluate("document.activeElement.hasAttribute('data-comments-status')")
    assert page.get_by_label("Kommentar", exact=True).input_value() == ""
    shoot("comment-received")
    comment = Comment.objects.get()
    assert (comment.status, comment.name) == ("pending", "Anna")
    # Not shown before review.
    page.reload()
    assert page.get_by_role("heading", name="Kommentarer (0)").is_visible()


def test_without_javascript_the_comment_form_still_works(browser, seeded_site, shoot):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.goto(seeded_site + RELEASE)
    page.get_by_label("Kommentar", exact=True).fill("Skickat utan JavaScript.")
    page.get_by_role("button", name="Kommentera").click()
    page.wait_for_url("**kommentar=mottagen#kommentarer")
    assert page.get_by_text(RECEIVED).is_visible()
    shoot("no-js-comment", target=page)
    context.close()
    assert Comment.objects.get().body == "Skickat utan JavaScript."


def test_approved_comments_are_listed_and_the_page_passes_axe(browser, seeded_site, shoot):
    from articles.models import PressReleasePage

    # axe-core is injected as a script; the site's Content-Security-Policy would block it.
    context = browser.new_context(locale="sv-SE", bypass_csp=True)
    page = context.new_page()

    release = PressReleasePage.objects.get(
        slug="kommuner-och-landsting-far-stod-for-att-fornya-sina-verksamheter"
    )
    factories.CommentFactory(page=release, name="Karin", body="Hur söker man stödet?")
    factories.CommentFactory(page=release, name="", body="<b>Inte fet</b>")
    factories.CommentFactory(page=release, status="pending", body="Väntar")
    page.goto(seeded_site + RELEASE)
    assert page.get_by_role("heading", name="Kommentarer (2)").is_visible()
    assert page.get_by_text("<b>Inte fet</b>").is_visible()
    assert page.get_by_text("Väntar").count() == 0
    shoot("approved-comments", target=page)
    violations = axe_violations(page)
    context.close()
    assert violations == []
