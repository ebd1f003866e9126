"""Issue 26: a series page lists its episodes compactly, numbered, each with its title link,
date and length (or start and badge when upcoming) and one short line of summary; no cards."""

from datetime import date, timedelta

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_series_page_lists_episodes_compactly_in_order(client, series):
    first = factories.WebinarEpisodePageFactory(
        parent=series,
        title="Första avsnittet",
        recorded_on=date(2018, 3, 1),
        duration=timedelta(hours=1, minutes=4),
        summary=" ".join(["ord"] * 40),
    )
    second = factories.WebinarEpisodePageFactory(parent=series, upcoming=True, title="Nästa")

    html = client.get(series.url).content.decode()
    listing = html.split('<ol class="episode-list episode-list--compact">', 1)[1]
    listing = listing.split("</ol>", 1)[0]

    assert listing.count("<li>") == 2 and 'class="card' not in listing
    assert listing.index(f'<a href="{first.url}">Första avsnittet</a>') < listing.index(
        f'<a href="{second.url}">Nästa</a>'
    )
    assert '<time datetime="2018-03-01">1 mars 2018</time>' in listing
    assert "· 1 tim 4 min" in listing
    assert '<span class="badge">Kommande</span>' in listing
    summary = listing.split('<p class="episode-row__summary">', 1)[1].split("</p>", 1)[0]
    assert len(summary.split()) == 13 and summary.endswith("…")  # one short line, not 40 words
