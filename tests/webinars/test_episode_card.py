"""The episode card (webinars/templates/webinars/includes/episode_card.html): the one place
its HTML is written, for the catalogue, series, home and case pages."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail_factories import ImageFactory

from tests import factories
from webinars.models import WebinarEpisodePage, episode_cards

CARD = '{% include "webinars/includes/episode_card.html" %}'


def card_html(episode, language="sv", request=None):
    context = Context({"episode": episode, "request": request or RequestFactory().get("/")})
    with translation.override(language):
        return Template(CARD).render(context)


def squeezed(html):
    """The markup without the template's indentation."""
    return re.sub(r">\s+<", "><", html).strip()


def published(series, **fields):
    episode = factories.WebinarEpisodePageFactory(parent=series, **fields)
    episode.save_revision().publish()
    return episode_cards(WebinarEpisodePage.objects.filter(pk=episode.pk))[0]


@pytest.mark.parametrize(
    ("language", "day", "length"),
    [("sv", "1 mars 2018", "1 tim 4 min"), ("en", "1 March 2018", "1 h 4 min")],
)
def test_card_of_a_recording(series, language, day, length):
    episode = published(
        series,
        slug="ledarskap-innovation",
        title="Ledarskap & innovation",
        summary="Hur politiker leder innovation.",
        recorded_on=date(2018, 3, 1),
        duration=timedelta(hours=1, minutes=4),
        thumbnail=None,
        starts_at=None,
    )
    assert squeezed(card_html(episode, language)) == (
        '<article class="card"><div class="card__body">'
        f'<p class="card__kicker">{series.title}</p>'
        '<h3 class="card__title">'
        '<a href="/webbinarier/politiskt-ledarskap/ledarskap-innovation/">'
        "Ledarskap &amp; innovation</a></h3>"
        "<p>Hur politiker leder innovation.</p>"
        '<p class="card__meta">'
        f'<time datetime="2018-03-01">{day}</time>'
        f"<span>· {length}</span>"
        "</p></div></article>"
    )


@pytest.mark.parametrize(("language", "badge"), [("sv", "Kommande"), ("en", "Upcoming")])
def test_card_of_an_upcoming_episode_has_a_badge_and_its_start(series, language, badge):
    starts_at = timezone.now() + timedelta(days=3)
    html = card_html(published(series, starts_at=starts_at, duration=None), language)
    local = timezone.localtime(starts_at).replace(microsecond=0)
    assert f'<span class="badge">{badge}</span>' in html
    assert f'<time datetime="{local.isoformat()}">' in html
    assert "<span>·" not in html


def test_card_of_a_recording_that_started_in_the_past_has_no_badge(series):
    html = card_html(published(series, starts_at=timezone.now() - timedelta(days=1)))
    assert "badge" not in html


def test_card_without_date_length_image_or_series(series):
    episode = published(series, recorded_on=None, duration=None, thumbnail=None, starts_at=None)
    lone = WebinarEpisodePage.objects.get(pk=episode.pk)  # without its series attached
    html = card_html(lone)
    assert "<time" not in html and "<span>" not in html and "<img" not in html
    assert "card__kicker" not in html


def test_card_escapes_and_shortens_what_editors_wrote(series):
    html = card_html(
        published(
            series,
            title='Ett "citat" & <b>fet</b> rubrik',
            summary="<script>alert(1)</script> & " + " ".join(["ord"] * 40),
        )
    )
    assert "<script>" not in html and "<b>" not in html
    assert "Ett &quot;citat&quot; &amp; &lt;b&gt;fet&lt;/b&gt; rubrik" in html
    summary = html.split("<p>", 1)[1].split("</p>", 1)[0]
    assert summary.startswith("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ord")
    assert summary.endswith(" …") and len(summary.split()) == 31


def test_card_shows_its_thumbnail_in_the_card_size(series):
    image = ImageFactory(title='Bild "med" <tecken> & mer')
    html = card_html(published(series, thumbnail=image))
    rendition = image.renditions.get(filter_spec="fill-640x360")
    assert rendition.img_tag({"alt": "", "class": "card__image"}) in html


def test_cards_are_read_in_the_same_queries_for_one_or_many(series, django_assert_max_num_queries):
    image = ImageFactory()
    for _ in range(2):
        published(series, thumbnail=image)
    few = WebinarEpisodePage.objects.filter(path__startswith=series.path, depth=series.depth + 1)
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as context:
        for episode in episode_cards(few):
            card_html(episode, request=request)
    for _ in range(8):
        published(series, thumbnail=image)
    with django_assert_max_num_queries(len(context.captured_queries)):
        cards = episode_cards(few.all())
        assert len(cards) == 10
        for episode in cards:
            card_html(episode, request=request)
