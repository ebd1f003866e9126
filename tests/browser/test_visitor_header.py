"""The header as a visitor on a phone or at 400 % zoom (320 CSS px) meets it: the main menu
folds behind a "Meny" button (a disclosure), so the header no longer fills a 256 px tall
viewport; it opens with the keyboard; without JavaScript the links are simply there. The
header's search and the search page's form are told apart by name."""

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.browser

MARGIN = "getComputedStyle(document.getElementById('main-nav-list')).marginTop"


@pytest.mark.parametrize("path", ["/", "/en/"], ids=["sv", "en"])
def test_at_320_px_the_menu_is_a_disclosure_the_keyboard_opens(page, seeded_site, shoot, path):
    page.set_viewport_size({"width": 320, "height": 256})  # 1280 x 1024 at 400 % zoom
    page.goto(seeded_site + path)
    toggle = page.get_by_role("button", name="Meny" if path == "/" else "Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "main-nav-list"
    first_link = page.locator("#main-nav-list a").first
    assert not first_link.is_visible()
    assert page.get_by_role("banner").bounding_box()["height"] < 200
    assert axe_violations(page) == []

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the lock-up
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "main-nav__toggle"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement === document.querySelector('#main-nav-list a')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    shoot("menu-open")
    page.keyboard.press("Escape")  # closes it, back on its button
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.className") == "main-nav__toggle"
    page.keyboard.press("Enter")
    toggle.click()
    assert not first_link.is_visible()
    toggle.click()
    page.set_viewport_size({"width": 1280, "height": 800})  # opened, then the window widens
    assert first_link.is_visible() and not toggle.is_visible()
    assert page.evaluate(MARGIN) == "0px"


def test_from_640_px_the_menu_is_open_and_has_no_button(page, seeded_site):
    for width in (640, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(seeded_site + "/press/")
        assert not page.locator(".main-nav__toggle").is_visible()
        assert page.locator("#main-nav-list a").first.is_visible()


def test_without_javascript_the_menu_links_show_and_no_button(browser, seeded_site):
    context = browser.new_context(viewport={"width": 320, "height": 700}, java_script_enabled=False)
    page = context.new_page()
    page.goto(seeded_site + "/")
    assert not page.locator(".main-nav__toggle").is_visible()
    links = page.locator("#main-nav-list a")
    assert links.count() >= 2
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.evaluate(MARGIN) == "0px"  # the hidden button adds no space
    context.close()


def test_the_search_page_names_its_two_search_landmarks_apart(page, seeded_site):
    page.goto(seeded_site + "/sok/?q=innovation")
    axe_violations(page)  # loads axe
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['landmark-unique']})).violations"
    )
    assert result == []


# What makes focus stand out on this site: a yellow background or an outline (a shadow or a
# border alone can vanish against the header's blue; a transparent outline is for forced colours).
LOOK = """e => { const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && s.outlineColor !== 'rgba(0, 0, 0, 0)';
  return [s.backgroundColor, s.color, outline ? s.outlineColor : ''].join('|'); }"""


@pytest.mark.parametrize("path", ["/", "/en/"], ids=["sv", "en"])
def test_every_control_in_the_header_shows_where_the_focus_is(page, seeded_site, path):
    """WCAG 2.4.7: each control the keyboard reaches in the header looks different focused."""
    page.goto(seeded_site + path)
    controls = page.locator("header a:visible, header button:visible, header input:visible")
    unfocused = {
        handle.evaluate("e => e.outerHTML"): handle.evaluate(LOOK)
        for handle in controls.element_handles()
    }
    reached = 0
    for _ in range(len(unfocused) + 1):  # the skip link first, then the header's controls
        page.keyboard.press("Tab")
        active = page.evaluate_handle("document.activeElement")
        if not active.evaluate("e => !!e.closest('header')"):
            continue
        html = active.evaluate("e => e.outerHTML")
        assert active.evaluate(LOOK) != unfocused[html], html
        reached += 1
    assert reached >= 4  # the lock-up, the menu, the search box and its button at least
