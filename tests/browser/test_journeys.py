"""What a visitor does, in a real browser, on the seeded demo site."""

import pytest

from feedback.models import Feedback

from .conftest import axe_violations, wait_until

pytestmark = pytest.mark.browser

EPISODE_TITLE = "Politisk vilja centralt för utveckling av nya idéer"


def test_visitor_finds_an_episode_watches_it_and_answers_the_feedback_question(
    seeded_site, page, shoot
):
    page.goto(seeded_site + "/")
    shoot("home")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Webbinarier").click()
    page.wait_for_url("**/webbinarier/")
    page.get_by_label("Serie", exact=True).select_option(label="Politiskt ledarskap och innovation")
    page.get_by_label("Ämne", exact=True).select_option(label="Politiskt ledarskap")
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_url("**serie=*")
    shoot("catalogue-filtered")
    assert page.get_by_role("status").first.inner_text() == "2 avsnitt"

    page.get_by_role("link", name=EPISODE_TITLE).click()
    page.wait_for_selector("video#episode-video")
    video = page.locator("video#episode-video")
    assert video.get_attribute("autoplay") is None
    wait_until(page, "document.getElementById('episode-video').readyState >= 1")

    # Captions on: the track loads and its cues are read from the WebVTT file.
    page.evaluate(
        "() => { const t = document.getElementById('episode-video').textTracks[0];"
        " t.mode = 'showing'; }"
    )
    wait_until(page, "document.getElementById('episode-video').textTracks[0].cues?.length === 2")

    # A chapter link seeks the player.
    page.get_by_role("link", name=f"0:10 {EPISODE_TITLE}").click()
    wait_until(page, "Math.abs(document.getElementById('episode-video').currentTime - 10) < 1")
    assert page.evaluate("document.activeElement.id") == "episode-video"
    shoot("episode-chapter")

    # The transcript is on the page.
    page.get_by_role("link", name="Läs transkriberingen").click()
    assert page.get_by_role("heading", name="Transkribering").is_visible()

    # Feedback with JavaScript: no reload, focus moves to the thanks message.
    page.get_by_role("button", name="Nej").click()
    thanks = page.get_by_role("status").filter(has_text="Tack för att du hjälper oss!")
    thanks.wait_for()
    assert page.evaluate("document.activeElement.dataset.feedbackThanks") == ""
    page.get_by_label("Vad kan vi göra bättre? (frivilligt)").fill("Mer om kostnaderna, tack.")
    page.get_by_role("button", name="Skicka kommentar").click()
    page.get_by_text("Tack för din kommentar!").wait_for()
    shoot("feedback-thanks")

    feedback = Feedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (False, "Mer om kostnaderna, tack.")
    assert feedback.page_title == EPISODE_TITLE


def test_keyboard_only_visitor_skips_to_content_and_answers_feedback(seeded_site, page, shoot):
    page.goto(seeded_site + "/anvandardriven-innovation/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Till huvudinnehållet")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    shoot("skip-link-focused")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Tab forward until the "Ja" button has focus: every step must land on something visible.
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
            " return {text: e.textContent.trim(), tag: e.tagName,"
            " visible: r.width > 0 && r.height > 0}; }"
        )
        assert focused["visible"], focused
        if focused["tag"] == "BUTTON" and focused["text"] == "Ja":
            break
    else:
        pytest.fail("Svarsknappen nåddes inte med tangentbordet")
    page.keyboard.press("Enter")
    page.get_by_text("Tack för att du hjälper oss!").wait_for()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status"
    shoot("feedback-by-keyboard")
    assert Feedback.objects.get().helpful is True


def test_without_javascript_the_feedback_form_still_works(browser, seeded_site, shoot):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.goto(seeded_site + "/exempel/oxelosunds-aldreomsorg/")
    page.get_by_role("button", name="Ja").click()
    page.wait_for_url("**#feedback")
    assert page.get_by_text("Tack för att du hjälper oss!").is_visible()
    page.get_by_label("Vad kan vi göra bättre? (frivilligt)").fill("Tydligt exempel.")
    page.get_by_role("button", name="Skicka kommentar").click()
    page.wait_for_url("**feedback=kommentar#feedback")
    assert page.get_by_text("Tack för din kommentar!").is_visible()
    shoot("no-js-feedback", target=page)
    context.close()
    assert Feedback.objects.get().comment == "Tydligt exempel."


def test_case_story_press_release_and_search(seeded_site, page, shoot):
    page.goto(seeded_site + "/")
    page.get_by_role("link", name="Exempel", exact=True).click()
    page.get_by_role("link", name="Göteborgs stad: Konsument- och medborgarservice").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Göteborgs stad")
    shoot("case")
    page.get_by_role("link", name="Pressmeddelanden").first.click()
    page.get_by_role(
        "link", name="Kommuner och landsting får stöd för att förnya sina verksamheter"
    ).click()
    assert page.get_by_text("10 maj 2016 09:00").is_visible()
    assert page.get_by_role("link", name="jonas.gumbel@svid.se").is_visible()
    shoot("press-release")
    page.get_by_label("Sök på webbplatsen").fill("Oxelösund")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=Oxel*")
    assert page.get_by_role("link", name="Oxelösunds äldreomsorg").first.is_visible()
    shoot("search")


def test_on_a_phone_the_navigation_and_player_fit_the_screen(browser, seeded_site, shoot):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(seeded_site + "/webbinarier/politiskt-ledarskap-och-innovation/inledning/")
    assert page.get_by_role("navigation", name="Huvudmeny").is_visible()
    box = page.locator("video#episode-video").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot("phone-episode", target=page)
    context.close()


# Every page of every type is checked with axe at 1280 px (test_screenshots.py) and at 320 px
# (test_reflow_and_language.py); these are the states they do not reach.
ERROR_STATES = ["/webbinarier/?serie=x", "/finns-inte/"]


def test_axe_finds_no_wcag_violations_on_error_states(seeded_site, page):
    problems = {}
    for path in ERROR_STATES:
        page.goto(seeded_site + path)
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    assert problems == {}


def test_visitor_switches_an_episode_to_english(seeded_site, page, shoot):
    page.goto(seeded_site + "/webbinarier/politiskt-ledarskap-och-innovation/inledning/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("navigation", name="Språk / Language").get_by_role(
        "link", name="English"
    ).click()
    page.wait_for_url("**/en/webinars/political-leadership-and-innovation/introduction/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Introduction"
    assert page.locator("track[kind=captions]").get_attribute("srclang") == "en"
    shoot("episode-in-english")
    # The feedback widget speaks the page's language, its thanks for a comment included.
    page.get_by_role("button", name="No").click()
    page.get_by_role("status").filter(has_text="Thank you for helping us!").wait_for()
    page.get_by_label("What could we do better? (optional)").fill("More on costs, please.")
    page.get_by_role("button", name="Send comment").click()
    page.get_by_text("Thank you for your comment!").wait_for()
    # And back again; a page without translation leads to the English home page.
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url("**/webbinarier/politiskt-ledarskap-och-innovation/inledning/")
    page.goto(seeded_site + "/press/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(seeded_site + "/en/")
