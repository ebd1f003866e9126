"""The front end's view of the seeded site: every visible page's HTML, and the API answers a
front end asks for that page (at most 3 requests). Each piece of content the HTML shows in its
<main> (titles of pages and cards, topic, speaker and organisation names) is in those answers,
in the same language."""

import html
import json
import re

import pytest
from wagtail.models import Page

from base.models import Organisation, Person, Topic
from core.visibility import visible_pages

pytestmark = pytest.mark.django_db

MAX_REQUESTS = 3


def api_requests(page):
    """The requests a front end makes for `page`: site/find/ first, then what its listings
    need."""
    language = page.locale.language_code
    episodes = f"/api/v3/webinars/episodes/?locale={language}"
    extra = {
        "HomePage": [f"{episodes}&limit=3", f"/api/v3/changes/?locale={language}&limit=100"],
        "WebinarIndexPage": [
            f"{episodes}&limit=100",
            f"/api/v3/webinars/filters/?locale={language}",
        ],
        "WebinarSeriesPage": [f"{episodes}&series={page.slug}&limit=100"],
        "WebinarEpisodePage": [f"/api/v3/webinars/episodes/{page.pk}/"],
        "CaseIndexPage": [f"/api/v3/site/cards/?child_of={page.pk}&limit=100"],
        "PressReleaseIndexPage": [f"/api/v3/site/cards/?child_of={page.pk}&limit=100"],
    }
    return [f"/api/v3/site/find/?path={page.url}", *extra.get(page.specific_class.__name__, [])]


def strings(value):
    """Every string in a JSON answer (HTML fields as their text)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return " ".join(strings(item) for item in value)
    return main_text(f'<main id="main">{value}</main>') if isinstance(value, str) else ""


def main_text(page_html):
    main = page_html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def pieces(page, text):
    """Names and titles of the page's language shown in its <main>."""
    names = {p.title for p in visible_pages(Page.objects.filter(locale=page.locale, depth__gt=2))}
    for model in (Topic, Person, Organisation):
        names |= set(model.objects.filter(locale=page.locale).values_list("name", flat=True))
    return {name for name in names if len(name) > 3 and f" {name} " in f" {text} "}


PAGE_TYPES = [
    "HomePage",
    "WebinarIndexPage",
    "WebinarSeriesPage",
    "WebinarEpisodePage",
    "CaseIndexPage",
    "CaseStoryPage",
    "GuidanceArticlePage",
    "PressReleaseIndexPage",
    "PressReleasePage",
    "InformationPage",
    "AccessibilityStatementPage",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_visible_piece_of_a_page_is_in_its_api_answers(client, seed_content, page_type):
    pages = [
        page
        for page in visible_pages(Page.objects.filter(depth__gt=1)).specific()
        if type(page).__name__ == page_type
    ]
    assert pages, page_type
    missing = {}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        requests = api_requests(page)
        assert len(requests) <= MAX_REQUESTS
        answers = []
        for url in requests:
            answer = client.get(url)
            assert answer.status_code == 200, url
            answers.append(strings(answer.json()))
        found = " ".join(answers)
        shown = pieces(page, main_text(response.content.decode()))
        lost = {name for name in shown if name not in found}
        if lost:
            missing[page.url] = sorted(lost)
    assert not missing, json.dumps(missing, ensure_ascii=False, indent=0)
