"""The accessibility statement lists, by itself, the visible recordings that have no audio
description (WCAG 1.2.5): no descriptions track, no described version and no statement that
none is needed. Drafts, expired and private episodes are never named."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories

from .conftest import translate

pytestmark = pytest.mark.django_db

HEADING = "Inspelningar utan syntolkning"


def published_before_the_rule(series, title, **fields):
    """A recording published before audio description was asked for (the rule is skipped the
    way a migration's rows skip it), so it lacks all three."""
    episode = factories.WebinarEpisodePageFactory(parent=series, title=title, **fields)
    episode.audio_description_not_needed = False
    episode.save(clean=False)
    return episode


def listed_titles(html, heading=HEADING):
    if heading not in html:
        return []
    part = html[html.index(heading) : html.index("</ul>", html.index(heading))]
    return re.findall(r'<li><a href="[^"]*">([^<]*)</a></li>', part)


def test_statement_lists_visible_recordings_missing_all_three(client, statement, series):
    lacking = published_before_the_rule(series, "Utan syntolkning")
    factories.WebinarEpisodePageFactory(parent=series, title="Inget att beskriva")
    factories.WebinarEpisodePageFactory(
        parent=series,
        title="Med syntolkad version",
        audio_description_not_needed=False,
        described_version_url="https://www.youtube.com/watch?v=syntolkad1",
    )
    factories.WebinarEpisodePageFactory(
        parent=series,
        title="Med syntolkningsspår",
        audio_description_not_needed=False,
        descriptions=factories.CaptionsFactory(),
    )
    factories.WebinarEpisodePageFactory(
        parent=series, title="Kommande", upcoming=True, audio_description_not_needed=False
    )

    html = client.get(statement.url).content.decode()

    assert f'<h3 id="recordings-without-audio-description">{HEADING}</h3>' in html
    assert listed_titles(html) == ["Utan syntolkning"]
    assert f'<a href="{lacking.url}">Utan syntolkning</a>' in html


def test_statement_never_names_draft_expired_or_private_recordings(client, statement, series):
    draft = published_before_the_rule(series, "Utkast")
    draft.unpublish()
    published_before_the_rule(series, "Utgången", expire_at=timezone.now() - timedelta(minutes=1))
    private = published_before_the_rule(series, "Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = client.get(statement.url).content.decode()

    assert listed_titles(html) == []
    assert HEADING not in html
    for title in ("Utkast", "Utgången", "Privat"):
        assert title not in html


def test_list_disappears_once_the_recording_is_described(client, statement, series):
    episode = published_before_the_rule(series, "Snart syntolkad")
    assert listed_titles(client.get(statement.url).content.decode()) == ["Snart syntolkad"]

    episode.described_version_url = "https://www.youtube.com/watch?v=syntolkad1"
    episode.save_revision().publish()

    assert listed_titles(client.get(statement.url).content.decode()) == []


def test_english_statement_lists_english_recordings_in_english(
    client, statement, home, catalogue, series, locales
):
    swedish = factories.WebinarEpisodePageFactory(parent=series, title="Inledning")
    translate(home, locales["en"])
    translate(catalogue, locales["en"])
    translate(series, locales["en"])
    english = translate(swedish, locales["en"])
    english.title = "Introduction"
    english.audio_description_not_needed = False
    english.save(clean=False)
    english_statement = translate(statement, locales["en"])

    html = client.get(english_statement.url).content.decode()

    assert HEADING not in html
    assert listed_titles(html, "Recordings without audio description") == ["Introduction"]
    assert f'<a href="{english.url}">Introduction</a>' in html
