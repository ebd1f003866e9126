"""`manage.py generate_synthetic_catalogue`: bulk-made test data that Wagtail treats like any
other content (a valid tree, pages that render, searchable), replaced rather than duplicated."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from wagtail.models import Page

from base.models import Person
from feedback.models import Feedback, FeedbackMonth
from webinars.models import WebinarEpisodePage, WebinarSeriesPage

pytestmark = pytest.mark.search_index


def generate(*args):
    out = StringIO()
    call_command("generate_synthetic_catalogue", *args, stdout=out)
    return out.getvalue()


def synthetic_episodes():
    return WebinarEpisodePage.objects.filter(slug__startswith="syntetiskt-testavsnitt-")


def test_needs_the_seeded_catalogue(db):
    with pytest.raises(CommandError, match="load_seed_content"):
        generate("--episodes", "3")


def test_makes_a_valid_tree_of_pages_that_render_and_are_found(client, catalogue, episode):
    output = generate("--episodes", "14", "--series", "3", "--feedback", "60")

    assert "Sidträdet är giltigt" in output
    assert not any(Page.find_problems())
    series = list(WebinarSeriesPage.objects.filter(slug__startswith="syntetisk-testserie-"))
    assert len(series) == 3
    assert synthetic_episodes().count() == 14
    catalogue.refresh_from_db()
    assert catalogue.numchild == 4  # the fixture's series and the three synthetic ones
    assert sorted(s.numchild for s in series) == [4, 5, 5]

    first = synthetic_episodes().order_by("path").first()
    assert first.title.startswith("Syntetiskt testavsnitt ")
    assert first.url == f"{series[0].url}{first.slug}/"
    page = client.get(first.url)
    assert page.status_code == 200
    assert "Syntetisk talare" in page.content.decode()  # speakers in bulk
    assert client.get(series[0].url).status_code == 200
    assert client.get(catalogue.url).status_code == 200
    api = client.get("/api/v3/webinars/episodes/", {"limit": 100}).json()
    assert api["count"] == 15

    found = WebinarEpisodePage.objects.live().search(first.title.split()[-1] + " " + "Syntetiskt")
    assert first.pk in [result.pk for result in found]

    assert Feedback.objects.filter(page__in=synthetic_episodes()).count() == 60
    assert FeedbackMonth.objects.aggregate(total=Sum("answers"))["total"] == 60


def test_running_again_replaces_and_clear_removes(client, catalogue, episode):
    generate("--episodes", "6", "--series", "2", "--feedback", "20")
    generate("--episodes", "6", "--series", "2", "--feedback", "20")
    assert synthetic_episodes().count() == 6
    assert WebinarSeriesPage.objects.filter(slug__startswith="syntetisk-testserie-").count() == 2
    assert Feedback.objects.count() == 20
    assert Person.objects.filter(name__startswith="Syntetisk talare").count() == 20
    assert not any(Page.find_problems())

    generate("--clear")
    assert not synthetic_episodes().exists()
    assert not WebinarSeriesPage.objects.filter(slug__startswith="syntetisk-testserie-").exists()
    assert not Feedback.objects.exists()
    assert not Person.objects.filter(name__startswith="Syntetisk talare").exists()
    catalogue.refresh_from_db()
    assert catalogue.numchild == 1
    assert not any(Page.find_problems())
    assert client.get(episode.url).status_code == 200  # real content untouched
