"""View restrictions and locales are read once per request (home/per_request.py), and a change
made during the request is seen at once."""

import pytest
from wagtail.models import Page, PageViewRestriction

from home import per_request


@pytest.fixture
def in_request():
    """What Django's request_started and request_finished do (without closing connections)."""
    per_request._open()
    yield
    per_request._close()


def test_outside_a_request_nothing_is_kept(episode, django_assert_num_queries):
    with django_assert_num_queries(2):
        per_request.view_restrictions()
        per_request.view_restrictions()


def test_in_a_request_restrictions_are_read_once(in_request, episode, django_assert_num_queries):
    with django_assert_num_queries(2):  # the restrictions and the locales
        per_request.view_restrictions()
        Page.objects.exclude(per_request.private_q())  # not evaluated
        assert not episode.get_view_restrictions().exists()
        per_request.locales()
    with django_assert_num_queries(0):
        per_request.locales()
        per_request.active_locale()


def test_a_restriction_added_during_the_request_is_seen(in_request, series, episode):
    public = Page.objects.live().exclude(per_request.private_q())
    assert public.filter(pk=episode.pk).exists()
    PageViewRestriction.objects.create(page=series, restriction_type="login")
    assert not Page.objects.exclude(per_request.private_q()).filter(pk=episode.pk).exists()
    assert episode.get_view_restrictions().exists()


def test_a_private_episode_is_neither_served_nor_listed(client, catalogue, series, episode):
    PageViewRestriction.objects.create(page=series, restriction_type="login")
    assert client.get(episode.url).status_code == 302  # to the login page
    listing = client.get(catalogue.url).content.decode()
    assert episode.title not in listing
    assert client.get("/api/v3/webinars/episodes/").json()["count"] == 0
