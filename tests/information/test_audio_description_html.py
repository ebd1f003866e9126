"""The markup audio description adds is valid HTML (Nu Html Checker): the descriptions track
and the described version's link by the player, and the statement's list of recordings."""

import pytest

from tests import factories
from tests.home.test_html_validity import run_vnu

pytestmark = pytest.mark.django_db


def test_player_with_descriptions_and_statement_list_are_valid_html(
    client, statement, series, tmp_path
):
    described = factories.WebinarEpisodePageFactory(
        parent=series,
        video_url="",
        video_file=factories.VideoFactory(),
        descriptions=factories.CaptionsFactory(),
        described_version_url="https://www.youtube.com/watch?v=syntolkad1",
        audio_description_not_needed=False,
    )
    lacking = factories.WebinarEpisodePageFactory(parent=series, title="Utan syntolkning")
    lacking.audio_description_not_needed = False
    lacking.save(clean=False)  # published before the rule
    pages = {
        "episode.html": (described.url, '<track kind="descriptions"'),
        "statement.html": (statement.url, f'<a href="{lacking.url}">Utan syntolkning</a>'),
    }
    for name, (url, markup) in pages.items():
        html = client.get(url).content.decode()
        assert markup in html
        (tmp_path / name).write_text(html)

    errors = [
        message["message"]
        for message in run_vnu(sorted(tmp_path.glob("*.html")))
        if message["type"] in ("error", "non-document-error")
    ]
    assert errors == []
