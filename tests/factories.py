"""Test data with wagtail-factories. Pages need `parent=`; snippets use the default locale."""

from datetime import date, timedelta

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale
from wagtailmedia.models import Media

from articles.models import GuidanceArticlePage, PressReleaseIndexPage, PressReleasePage
from base.models import Organisation, Person, Topic
from cases.models import CaseIndexPage, CaseStoryPage
from home.models import HomePage
from webinars.models import WebinarEpisodePage, WebinarIndexPage, WebinarSeriesPage

VALID_VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\nHej och välkommen.\n"


def default_locale():
    return Locale.get_default()


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommun {n}")
    kind = "kommun"
    locale = factory.LazyFunction(default_locale)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    role = "kommunalråd"
    organisation = factory.SubFactory(OrganisationFactory)
    locale = factory.LazyFunction(default_locale)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Ämne {n}")
    slug = factory.Sequence(lambda n: f"amne-{n}")
    locale = factory.LazyFunction(default_locale)


class CaptionsFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Textning {n}")
    file = factory.LazyFunction(lambda: ContentFile(VALID_VTT.encode(), "textning.vtt"))


class VideoFactory(DjangoModelFactory):
    class Meta:
        model = Media

    title = factory.Sequence(lambda n: f"Video {n}")
    type = "video"
    duration = 20
    file = factory.LazyFunction(lambda: ContentFile(b"\x1a\x45\xdf\xa3", "video.webm"))


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Startsida"
    hero_intro = "För att stärka innovationsförmågan involverar allt fler brukargrupper."


class WebinarIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WebinarIndexPage

    title = "Webbinarier"


class WebinarSeriesPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WebinarSeriesPage

    title = factory.Sequence(lambda n: f"Serie {n}")
    intro = "<p>En serie om användardriven innovation.</p>"


class WebinarEpisodePageFactory(wagtail_factories.PageFactory):
    """A recorded episode with a YouTube video and valid captions."""

    class Meta:
        model = WebinarEpisodePage

    title = factory.Sequence(lambda n: f"Avsnitt {n}")
    summary = "Inledning om värdet och nyttan med användardriven innovation."
    video_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    duration = timedelta(minutes=20)
    recorded_on = date(2017, 6, 29)
    captions = factory.SubFactory(CaptionsFactory)
    thumbnail = factory.SubFactory(wagtail_factories.ImageFactory)
    # Publishable as built: the editor's statement stands in for audio description (WCAG 1.2.5).
    audio_description_not_needed = True

    class Params:
        upcoming = factory.Trait(
            video_url="",
            captions=None,
            recorded_on=None,
            starts_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=14)),
            registration_url="https://example.org/anmalan",
        )


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseIndexPage

    title = "Exempel"


class CaseStoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStoryPage

    title = factory.Sequence(lambda n: f"Exempel {n}")
    summary = "Tjänstedesign i äldreomsorgen."
    organisation = factory.SubFactory(OrganisationFactory)
    image = factory.SubFactory(wagtail_factories.ImageFactory)


class GuidanceArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidanceArticlePage

    title = "Användardriven innovation"
    intro = "För att stärka innovationsförmågan involverar allt fler olika brukargrupper."


class PressReleaseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PressReleaseIndexPage

    title = "Pressmeddelanden"


class PressReleasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PressReleasePage

    title = factory.Sequence(lambda n: f"Pressmeddelande {n}")
    lead = "Kommuner och landsting får stöd för att förnya sina verksamheter."
    published_at = factory.LazyFunction(timezone.now)
    publisher = factory.SubFactory(OrganisationFactory)


class CommentFactory(DjangoModelFactory):
    """A public comment; pass `page=`. Approved unless told otherwise."""

    class Meta:
        model = "comments.Comment"

    name = factory.Sequence(lambda n: f"Läsare {n}")
    body = "Bra initiativ, vi vill gärna veta mer."
    status = "approved"
    locale = factory.LazyAttribute(lambda comment: comment.page.locale)
