"""Card-shaped references (base/api_cards.py): a page's references to other pages are the
cards its HTML shows, read in the same number of queries for one reference or many, and never
a hidden page."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from cases.models import CaseRelatedEpisode
from tests import factories
from webinars.models import EpisodeRelatedCase, EpisodeSpeaker

from .conftest import API, restrict


def related_cases(episode, case_index, count):
    for _ in range(count):
        case = factories.CaseStoryPageFactory(parent=case_index)
        case.topics.add(factories.TopicFactory())
        case.save()  # a ParentalManyToManyField is written with its page
        EpisodeRelatedCase.objects.create(page=episode, case=case)


def related_episodes(case, series, count):
    for _ in range(count):
        episode = factories.WebinarEpisodePageFactory(parent=series)
        episode.topics.add(factories.TopicFactory())
        episode.save()
        EpisodeSpeaker.objects.create(page=episode, person=factories.PersonFactory())
        CaseRelatedEpisode.objects.create(page=case, episode=episode)


def queries(client, url):
    client.get(url)  # renditions of new images are made once
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_a_case_references_its_episodes_as_episode_cards(client, case_index, series):
    case = factories.CaseStoryPageFactory(parent=case_index)
    related_episodes(case, series, 1)
    page = client.get(f"{API}/pages/{case.pk}/").json()
    [card] = page["related_episode_pages"]
    listed = client.get(f"{API}/webinars/episodes/").json()["items"]
    assert card == next(item for item in listed if item["id"] == card["id"])
    assert card["series"]["title"] == series.title and card["speakers"][0]["organisation"]


def test_an_episode_references_its_cases_as_case_cards(client, episode, case_index):
    related_cases(episode, case_index, 1)
    detail = client.get(f"{API}/webinars/episodes/{episode.pk}/").json()
    page = client.get(f"{API}/pages/{episode.pk}/").json()
    [card] = detail["related_cases"]
    assert page["related_case_pages"] == [card]
    assert card["type"] == "cases.CaseStoryPage"
    assert card["organisation"]["name"].startswith("Kommun")
    assert card["summary"] and card["image"]["renditions"]["thumbnail"] and card["topics"]


def test_references_cost_the_same_queries_for_one_or_many(
    client, episode, case_index, series, django_assert_max_num_queries
):
    case = factories.CaseStoryPageFactory(parent=case_index)
    related_cases(episode, case_index, 1)
    related_episodes(case, series, 1)
    urls = [
        f"{API}/pages/{episode.pk}/",
        f"{API}/webinars/episodes/{episode.pk}/",
        f"{API}/pages/{case.pk}/",
        f"{API}/site/cards/?child_of={case_index.pk}",
    ]
    few = {url: queries(client, url) for url in urls}
    related_cases(episode, case_index, 4)
    related_episodes(case, series, 4)
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(few[url], info=url):
            assert client.get(url).status_code == 200


def test_child_cards_list_a_case_list_newest_first_without_hidden_cases(client, case_index):
    old, new, hidden = (
        factories.CaseStoryPageFactory(parent=case_index, date_published=f"2020-0{month}-01")
        for month in (1, 2, 3)
    )
    restrict(hidden, "login")
    data = client.get(f"{API}/site/cards/", {"child_of": case_index.pk}).json()
    assert data["count"] == 2
    assert [card["id"] for card in data["items"]] == [new.pk, old.pk]
    assert data["items"][0]["organisation"]["name"] == new.organisation.name


def test_child_cards_of_mixed_types_list_every_child(client, home):
    """The first two children share a type; the third, of another, is listed too."""
    guides = [factories.GuidanceArticlePageFactory(parent=home, slug=f"guide-{n}") for n in (1, 2)]
    cases = factories.CaseIndexPageFactory(parent=home, slug="exempel")
    data = client.get(f"{API}/site/cards/", {"child_of": home.pk}).json()
    assert data["count"] == 3
    assert [card["id"] for card in data["items"]] == [*(page.pk for page in guides), cases.pk]


def test_child_cards_of_a_hidden_or_unknown_page_are_a_404(client, case_index):
    restrict(case_index, "password")
    response = client.get(f"{API}/site/cards/", {"child_of": case_index.pk})
    assert response.status_code == 404
    assert client.get(f"{API}/site/cards/", {"child_of": 987654}).status_code == 404
    assert client.get(f"{API}/site/cards/", {"child_of": "x"}).status_code == 400


def test_a_hidden_related_page_has_no_card(client, episode, case_index):
    related_cases(episode, case_index, 4)
    draft, expired, private, shown = episode.related_case_pages().order_by("path")
    draft.unpublish()
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    restrict(private, "password")
    page = client.get(f"{API}/pages/{episode.pk}/").json()["related_case_pages"]
    detail = client.get(f"{API}/webinars/episodes/{episode.pk}/").json()["related_cases"]
    listed = client.get(f"{API}/site/cards/", {"child_of": case_index.pk}).json()["items"]
    for cards in (page, detail, listed):
        assert [card["id"] for card in cards] == [shown.pk]
