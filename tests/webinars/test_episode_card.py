"""The catalogue's episode cards are written in Python (`{% episode_card %}`): the same HTML as
the template include they replace, in every state a card can be in, in both languages."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail_factories import ImageFactory

from tests import factories
from webinars.models import WebinarEpisodePage, episode_cards
from webinars.templatetags.catalogue_tags import card_image


def both(episode):
    request = RequestFactory().get("/")
    context = Context({"episode": episode, "request": request})
    included = Template('{% include "includes/episode_card.html" %}').render(context)
    written = Template("{% load catalogue_tags %}{% episode_card episode %}").render(context)
    return included, written


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"upcoming": True},
        {"upcoming": True, "duration": timedelta(hours=1, minutes=4)},
        {"duration": None, "recorded_on": None},
        {"duration": timedelta(hours=2, seconds=5)},
        {"duration": timedelta(seconds=45)},
        {"thumbnail": None},
        {
            "title": 'Ett "citat" & <b>fet</b> rubrik',
            "summary": "<script>alert(1)</script> & " + " ".join(["ord"] * 40),
        },
    ],
)
def test_python_card_writes_the_same_html_as_the_template(series, fields, language):
    episode = factories.WebinarEpisodePageFactory(parent=series, **fields)
    episode.save_revision().publish()
    for card in [
        WebinarEpisodePage.objects.get(pk=episode.pk),  # without its series
        *episode_cards(WebinarEpisodePage.objects.filter(pk=episode.pk)),
    ]:
        with translation.override(language):
            included, written = both(card)
        assert written == included


def test_python_card_of_a_recording_that_started_in_the_past(series):
    episode = factories.WebinarEpisodePageFactory(
        parent=series, starts_at=timezone.now() - timedelta(days=1)
    )
    included, written = both(episode_cards(WebinarEpisodePage.objects.filter(pk=episode.pk))[0])
    assert written == included


def test_card_image_is_the_same_img_as_wagtails_image_tag(db):
    image = ImageFactory(title='Bild "med" <tecken> & mer')
    wagtails = Template(
        '{% load wagtailimages_tags %}{% image image fill-640x360 alt="" class="card__image" %}'
    ).render(Context({"image": image}))
    assert card_image(image) == wagtails
    assert card_image(image, "annan") == wagtails.replace("card__image", "annan")
