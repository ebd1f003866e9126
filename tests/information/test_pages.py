"""The information pages: where editors may put them, what the accessibility statement says
(DIGG's structure), and the footer that links them on every page in the page's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from information.models import AccessibilityStatementPage, InformationPage
from tests import factories

from .conftest import AccessibilityStatementPageFactory, InformationPageFactory, translate

pytestmark = pytest.mark.django_db


class InformationTreeRulesTest(WagtailPageTestCase):
    def test_information_pages_sit_under_the_home_page_and_hold_nothing(self):
        for model in (InformationPage, AccessibilityStatementPage):
            self.assertAllowedParentPageTypes(model, {HomePage})
            self.assertAllowedSubpageTypes(model, set())


def footer(html):
    start = html.index('<footer class="site-footer">')
    return html[start : html.index("</footer>", start)]


def test_one_statement_per_home_page(statement, home):
    assert not AccessibilityStatementPage.can_create_at(home)
    assert InformationPage.can_create_at(home)


def test_statement_follows_diggs_structure_with_status_contact_supervision_and_dates(
    client, statement, contact
):
    html = client.get(statement.url).content.decode()
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "Webbplatsen är delvis förenlig med lagen om tillgänglighet" in html
    assert "Videorna har ingen syntolkning (WCAG 1.2.5)." in html
    assert '<a href="https://www.digg.se/tdosanmalan" hreflang="sv">' in html
    assert '<a href="mailto:tillganglighet@example.org">' in html
    assert f'<a href="{contact.url}">Kontakt</a>' in html
    assert 'gjordes den <time datetime="2026-11-30">30 november 2026</time>' in html
    assert 'senast den <time datetime="2026-12-07">7 december 2026</time>' in html


def test_statement_status_follows_the_editors_choice(client, statement):
    statement.compliance = AccessibilityStatementPage.Compliance.FULL
    statement.deficiencies = ""
    statement.save_revision().publish()
    html = client.get(statement.url).content.decode()
    assert "Webbplatsen är helt förenlig med lagen" in html
    assert "Innehåll som inte är tillgängligt" not in html


def test_statement_never_links_a_contact_page_the_public_cannot_see(client, statement, contact):
    contact.unpublish()
    html = client.get(statement.url).content.decode()
    assert contact.url_path not in html.replace(footer(html), "")
    assert "mailto:tillganglighet@example.org" in html


def test_english_statement_links_the_english_contact_page_in_english(
    client, locales, home, statement, contact
):
    translate(home, locales["en"])
    english_contact = translate(contact, locales["en"])
    english = translate(statement, locales["en"])
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html
    assert f'<a href="{english_contact.url}">' in html
    assert "How accessible is this website?" in html
    assert "This website is partially compliant" in html


def test_footer_links_the_information_pages_in_the_pages_language_on_every_page(
    client, locales, home, statement, contact, press_index
):
    english_home = translate(home, locales["en"])
    english_contact = translate(contact, locales["en"])
    for url in (home.url, press_index.url, "/sok/", statement.url):
        links = footer(client.get(url).content.decode())
        assert f'<a href="{statement.url}">Tillgänglighetsredogörelse</a>' in links, url
        assert f'<a href="{contact.url}">Kontakt</a>' in links, url
        assert english_contact.url not in links
        assert "Sveriges Kommuner och Landsting (SKL)" in links
    links = footer(client.get(english_home.url).content.decode())
    assert f'<a href="{english_contact.url}">Kontakt</a>' in links
    assert statement.url not in links  # no English statement yet: nothing in Swedish instead


def test_footer_leaves_out_drafts_private_pages_and_other_page_types(
    client, home, statement, contact
):
    draft = InformationPageFactory(parent=home, slug="utkast", title="Utkastet", live=False)
    private = InformationPageFactory(parent=home, slug="privat", title="Privata sidan")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    factories.GuidanceArticlePageFactory(parent=home, title="Vägledningen")
    links = footer(client.get(home.url).content.decode())
    assert contact.title in links
    for title in (draft.title, private.title, "Vägledningen"):
        assert title not in links


def test_footer_costs_no_query_of_its_own(client, home, press_index):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries(press_index.url)  # warm: the first request also reads what Wagtail keeps per process
    without = queries(press_index.url)
    for number in range(5):
        InformationPageFactory(parent=home, slug=f"info-{number}", title=f"Info {number}")
    AccessibilityStatementPageFactory(parent=home, slug="redogorelse")
    html = client.get(press_index.url).content.decode()
    assert "Info 4" in footer(html)
    assert queries(press_index.url) == without


def test_pages_answer_in_the_api_with_their_fields(client, statement, contact):
    response = client.get(f"/api/v3/pages/{statement.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["compliance"] == "partial"
    assert data["contact_email"] == "tillganglighet@example.org"
    assert data["assessed_on"] == "2026-11-30"
    assert data["contact"]["id"] == contact.pk
    data = client.get(f"/api/v3/pages/{contact.pk}/").json()
    assert data["intro"] == "Så når du oss."


@pytest.mark.search_index
def test_information_pages_are_found_by_site_search(client, contact):
    html = client.get("/sok/", {"q": "Kontakt"}).content.decode()
    assert f'href="{contact.url}"' in html
