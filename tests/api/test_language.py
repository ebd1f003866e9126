"""On the seeded site, the API answers for an English page speak English like its HTML does:
topics, speakers and organisations are the English translations of the snippets."""

import pytest
from wagtail.models import Locale, Page

from base.models import Organisation, Person, Topic

pytestmark = pytest.mark.django_db

SNIPPETS = {"topics": Topic, "speakers": Person, "contacts": Person}


def snippet_refs(data):
    """(model, id) of every topic and person in a page's answer, organisations included."""
    for field, model in SNIPPETS.items():
        for item in data.get(field) or []:
            yield model, item["id"]
            if item.get("organisation"):
                yield Organisation, item["organisation"]["id"]
    for field in ("organisation", "publisher"):
        if data.get(field):
            yield Organisation, data[field]["id"]


def english_answers(client):
    english = Locale.objects.get(language_code="en")
    pages = Page.objects.live().filter(locale=english, depth__gt=1)
    return {page.pk: client.get(f"/api/v3/pages/{page.pk}/").json() for page in pages}


def test_english_pages_answer_with_english_snippets(client, seed_content):
    english = Locale.objects.get(language_code="en")
    answers = english_answers(client)
    refs = [ref for data in answers.values() for ref in snippet_refs(data)]
    assert {model for model, _pk in refs} >= {Topic, Person}
    for model, pk in refs:
        snippet = model.objects.get(pk=pk)
        has_english = model.objects.filter(
            translation_key=snippet.translation_key, locale=english
        ).exists()
        # The English translation wherever one exists; names of places stay as they are.
        assert snippet.locale_id == english.pk or not has_english, (model, snippet)


def test_english_topic_slugs_filter_the_english_catalogue(client, seed_content):
    answers = english_answers(client)
    by_slug = {}
    for data in answers.values():
        if data["meta"]["type"] == "webinars.WebinarEpisodePage":
            for topic in data["topics"]:
                by_slug.setdefault(topic["slug"], set()).add(data["id"])
    assert by_slug
    for slug, episode_ids in by_slug.items():
        listed = client.get("/api/v3/webinars/episodes/", {"locale": "en", "topic": slug}).json()
        assert {item["id"] for item in listed["items"]} == episode_ids, slug


def test_swedish_pages_keep_swedish_snippets(client, seed_content):
    swedish = Locale.objects.get(language_code="sv")
    for page in Page.objects.live().filter(locale=swedish, depth__gt=1):
        data = client.get(f"/api/v3/pages/{page.pk}/").json()
        for model, pk in snippet_refs(data):
            assert model.objects.get(pk=pk).locale_id == swedish.pk
