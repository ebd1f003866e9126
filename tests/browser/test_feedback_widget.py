"""The feedback widget's comment errors in a real browser (issue #26)."""

import pytest

from feedback.models import Feedback

pytestmark = pytest.mark.browser


def test_after_a_comment_error_focus_goes_to_the_message(seeded_site, page, shoot):
    page.goto(seeded_site + "/anvandardriven-innovation/")
    page.get_by_role("button", name="Nej").click()
    page.get_by_role("status").filter(has_text="Tack för att du hjälper oss!").wait_for()
    # Sent empty: the optional field has no `required`, so the server's Swedish message
    # answers, not the browser's bubble.
    page.get_by_role("button", name="Skicka kommentar").click()
    alert = page.get_by_role("alert").filter(has_text="Skriv en kommentar innan du skickar.")
    alert.wait_for()
    assert alert.evaluate("element => element === document.activeElement")
    shoot("feedback-comment-error")

    page.get_by_label("Vad kan vi göra bättre? (frivilligt)").fill("Fler exempel, tack.")
    page.get_by_role("button", name="Skicka kommentar").click()
    page.get_by_text("Tack för din kommentar!").wait_for()
    assert Feedback.objects.get().comment == "Fler exempel, tack."
