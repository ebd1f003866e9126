from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories

API = "/api/v3"


@pytest.fixture
def api_get(client):
    """GET an API URL and return the response (the JSON is `response.json()`)."""

    def get(endpoint, /, **params):
        return client.get(f"{API}{endpoint}", params)

    return get


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="hemligt" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.get_or_create(name="Redaktörer")[0])
    return restriction


@pytest.fixture
def hidden_episodes(series, catalogue):
    """One episode for every way a page must stay out of the API, by reason."""
    episodes = {}
    episodes["draft"] = factories.WebinarEpisodePageFactory(
        parent=series, title="Utkast", slug="utkast", live=False
    )
    for kind in ("password", "login", "groups"):
        page = factories.WebinarEpisodePageFactory(
            parent=series, title=f"Skyddad {kind}", slug=f"skyddad-{kind}"
        )
        restrict(page, kind)
        episodes[kind] = page
    episodes["expired"] = factories.WebinarEpisodePageFactory(
        parent=series,
        title="Utgången",
        slug="utgangen",
        expire_at=timezone.now() - timedelta(days=1),
    )
    hidden_series = factories.WebinarSeriesPageFactory(parent=catalogue, slug="dold-serie")
    restrict(hidden_series, "login")
    episodes["below_restricted"] = factories.WebinarEpisodePageFactory(
        parent=hidden_series, title="Under skyddad sida", slug="under-skyddad"
    )
    return episodes
