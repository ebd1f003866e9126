"""Information pages for the tests: built with wagtail-factories under the test home page."""

from datetime import date

import pytest
import wagtail_factories
from wagtail_localize.models import Translation, TranslationSource

from demo.seed_translations import create_translation
from information.models import AccessibilityStatementPage, InformationPage


class InformationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InformationPage

    title = "Kontakt"
    intro = "Så når du oss."


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Tillgänglighetsredogörelse"
    intro = "SKL står bakom den här webbplatsen."
    compliance = AccessibilityStatementPage.Compliance.PARTIAL
    deficiencies = "<ul><li>Videorna har ingen syntolkning (WCAG 1.2.5).</li></ul>"
    contact_email = "tillganglighet@example.org"
    assessment = "Vi har gjort en självskattning."
    assessed_on = date(2026, 11, 30)
    updated_on = date(2026, 12, 7)


def translate(page, locale):
    source, _ = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    return create_translation(page, locale)


@pytest.fixture
def contact(home):
    return InformationPageFactory(parent=home, slug="kontakt")


@pytest.fixture
def statement(home, contact):
    return AccessibilityStatementPageFactory(
        parent=home, slug="tillganglighetsredogorelse", contact_page=contact
    )
