"""The demo site, in the seeds' own wording (shared/seeds/). The seeds name no video files:
every episode uses one small demo video with demo captions, transcript and chapters, each
marked as demo material. `load_seed_content` is idempotent: objects are found by natural keys
(slug, name, title) and only missing ones are created."""

import json
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtailmedia.models import get_media_model

from articles.models import (
    PressReleaseContact,
    PressReleaseIndexPage,
    PressReleasePage,
)
from base.models import Organisation, Person, Topic
from demo.seed_content import (
    DEMO_CAPTIONS_NOTE,
    DEMO_DESCRIPTIONS_NOTE,
    DEMO_DESCRIPTIONS_NOTE_EN,
    DEMO_MEDIA_DIR,
    DEMO_NOTE,
    DEMO_NOTE_EN,
    DEMO_VIDEO_LENGTH,
    EPISODES,
    ORGANISATIONS,
    PEOPLE,
    PRESS_INDEX_INTRO,
    PRESS_RELEASE_BODY,
    SEED_PUBLISHED,
    STOCKHOLM,
    TOPICS,
    demo_captions,
    demo_transcript,
)
from demo.seed_information import load_information_pages
from demo.seed_translations import (
    ENGLISH,
    create_translation,
    override,
    prepare_translation,
    translate_snippet,
)
from home.models import HomePage, HomePageFeaturedSeries
from webinars.models import (
    EpisodeChapter,
    EpisodeRelatedCase,
    EpisodeSpeaker,
    WebinarEpisodePage,
)

# The pages around the episodes, in the order they are made: fields as data (texts, and the
# organisation, topics and featured pages each names); "image": the demo picture.
PAGES = json.loads(Path(__file__).with_name("pages.json").read_text(encoding="utf-8"))
SERIES = "webbinarier/politiskt-ledarskap-och-innovation"


def ensure_tree_roots(locale):
    """Wagtail's root page and root collection, which its migrations create; a database that
    was flushed (e.g. by transactional tests) lacks them."""
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale, live=True)
    )


class SeedLoader:
    def __init__(self):
        self.created = []

    def note(self, kind, label):
        self.created.append(f"{kind}: {label}")

    def get_or_create(self, kind, model, defaults=None, **lookup):
        """The `model` object found by `lookup`, created with `defaults` if it is missing."""
        found, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        if created:
            self.note(kind, str(found))
        return found

    def captions(self, title, filename, text):
        document = ContentFile(text.encode("utf-8"), filename)
        return self.get_or_create("dokument", get_document_model(), {"file": document}, title=title)

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with `slug`, created and published if it is missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        # Child objects and topics go in as keyword arguments too (modelcluster's constructor).
        page = model(slug=slug, **{"first_published_at": SEED_PUBLISHED, **fields})
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.note("sida", page.title)
        return page

    def pages_from_data(self, specs, pages, organisations, topics, picture):
        """The pages of demo/pages.json `specs` in order, each under the page its `parent` path
        names ("": the home page, "exempel": its child), with the objects their fields name;
        added to `pages` under their own paths."""
        for spec in specs:
            fields = dict(spec)
            parent, model = fields.pop("parent"), apps.get_model(fields.pop("model"))
            if "organisation" in fields:
                fields["organisation"] = organisations[fields["organisation"]]
            if "image" in fields:
                fields["image"] = picture
            if "date_published" in fields:
                fields["date_published"] = date.fromisoformat(fields["date_published"])
            if "topics" in fields:
                fields["topics"] = [topics[slug] for slug in fields["topics"]]
            if "body" in fields:  # a featured block names its page by slug
                fields["body"] = [
                    (kind, {**value, "page": pages[value["page"]]} if kind == "featured" else value)
                    for kind, value in fields["body"]
                ]
            path = f"{parent}/{spec['slug']}".lstrip("/")
            pages[path] = self.page(pages[parent], model, **fields)

    @transaction.atomic
    def load(self):
        sv = self.get_or_create("språk", Locale, language_code="sv")
        en = self.get_or_create("språk", Locale, language_code="en")
        organisations = {
            name: self.get_or_create(
                "organisation",
                Organisation,
                {"kind": kind, "website": website, "about": about},
                name=name,
                locale=sv,
            )
            for name, kind, website, about in ORGANISATIONS
        }
        people = {
            name: self.get_or_create(
                "person",
                Person,
                {"role": role, "organisation": organisations[org], "phone": phone, "email": email},
                name=name,
                locale=sv,
            )
            for name, role, org, phone, email in PEOPLE
        }
        topics = {
            slug: self.get_or_create("ämne", Topic, {"name": name}, slug=slug, locale=sv)
            for name, slug in TOPICS
        }

        home = self.home_page(sv)
        png = DEMO_MEDIA_DIR / "demobild.png"
        picture = self.get_or_create(
            "bild",
            get_image_model(),
            {"file": ImageFile(BytesIO(png.read_bytes()), name=png.name)},
            title="Demobild (platshållare)",
        )
        webm = DEMO_MEDIA_DIR / "demo-webbinarium.webm"
        video = self.get_or_create(
            "video",
            get_media_model(),
            {
                "type": "video",
                "duration": DEMO_VIDEO_LENGTH.total_seconds(),
                "width": 640,
                "height": 360,
                "file": ContentFile(webm.read_bytes(), webm.name),
            },
            title=f"Demovideo ({DEMO_NOTE})",
        )

        pages = {"": home}
        self.pages_from_data(PAGES["before_episodes"], pages, organisations, topics, picture)
        series = pages[SERIES]
        episodes = []
        for seed in EPISODES:
            captions = self.captions(
                f"Demotextning – {seed.title}",
                f"demotextning-{seed.slug}.vtt",
                demo_captions(DEMO_CAPTIONS_NOTE, DEMO_NOTE, seed.title),
            )
            descriptions = self.captions(
                f"Demosyntolkning – {seed.title}",
                f"demosyntolkning-{seed.slug}.vtt",
                demo_captions(DEMO_DESCRIPTIONS_NOTE, DEMO_DESCRIPTIONS_NOTE, seed.title),
            )
            episodes.append(
                self.page(
                    series,
                    WebinarEpisodePage,
                    seed.slug,
                    title=seed.title,
                    summary=seed.summary,
                    thumbnail=picture,
                    video_file=video,
                    duration=DEMO_VIDEO_LENGTH,
                    recorded_on=SEED_PUBLISHED.date(),
                    captions=captions,
                    descriptions=descriptions,
                    transcript=demo_transcript(seed),
                    topics=[topics[slug] for slug in seed.topics],
                    speakers=[EpisodeSpeaker(person=people[name]) for name in seed.speakers],
                    chapters=[
                        EpisodeChapter(start=timedelta(0), title="Om demomaterialet"),
                        EpisodeChapter(start=timedelta(seconds=10), title=seed.title),
                    ],
                    related_cases=[
                        EpisodeRelatedCase(case=pages[f"exempel/{slug}"]) for slug in seed.cases
                    ],
                )
            )

        pages.update((f"{SERIES}/{episode.slug}", episode) for episode in episodes)
        self.pages_from_data(PAGES["after_episodes"], pages, organisations, topics, picture)

        press = self.page(
            home,
            PressReleaseIndexPage,
            "press",
            title="Pressmeddelanden",
            show_in_menus=True,
            intro=PRESS_INDEX_INTRO,
        )
        self.page(
            press,
            PressReleasePage,
            "kommuner-och-landsting-far-stod-for-att-fornya-sina-verksamheter",
            title="Kommuner och landsting får stöd för att förnya sina verksamheter",
            first_published_at=datetime(2016, 5, 10, 9, 0, tzinfo=STOCKHOLM),
            published_at=datetime(2016, 5, 10, 9, 0, tzinfo=STOCKHOLM),
            publisher=organisations["SVID, Stiftelsen Svensk Industridesign"],
            lead="Nu ska kommuner och landsting i Sverige få hjälp med att förnya sina "
            "verksamheter genom användardriven innovation. Genom projektet Innovationsguiden "
            "(Användardriven innovation för bättre välfärdstjänster) kommer SVID på uppdrag av "
            "Sveriges Kommuner och Landsting att stödja runt tio kommuner, landsting och regioner.",
            body=PRESS_RELEASE_BODY,
            contacts=[PressReleaseContact(person=people["Jonas Gumbel"])],
        )

        if not home.featured_series.exists():
            HomePageFeaturedSeries.objects.create(home_page=home, page=series, sort_order=0)
            self.note("utvald serie", series.title)

        for snippet in [
            *topics.values(),
            people["Catharina Fredriksson"],
            people["Marie Svensson"],
        ]:
            if not snippet.has_translation(en):
                self.note("översättning (en)", str(translate_snippet(snippet, en)))
        translated = [home, pages["webbinarier"], series, *episodes, pages["exempel"]]
        translated += [pages["exempel/oxelosunds-aldreomsorg"], pages["anvandardriven-innovation"]]
        self.translate_to_english(en, translated, episodes)
        load_information_pages(self, home, en)
        return self.created

    def translate_to_english(self, en, pages, episodes):
        """The guidance page, the series, its episodes and one case as wagtail-localize
        translations."""
        seeds = {episode.pk: seed for episode, seed in zip(episodes, EPISODES, strict=True)}
        for page in pages:
            if page.has_translation(en):
                continue
            source = prepare_translation(page, en)
            if page.pk in seeds:
                english = ENGLISH[seeds[page.pk].title]
                document = self.captions(
                    f"Demo captions – {english}",
                    f"demo-captions-{ENGLISH[seeds[page.pk].slug]}.vtt",
                    demo_captions("Demo captions for the demo video.", DEMO_NOTE_EN, english),
                )
                override(source, en, "captions", document.pk)
                descriptions = self.captions(
                    f"Demo audio description – {english}",
                    f"demo-audio-description-{ENGLISH[seeds[page.pk].slug]}.vtt",
                    demo_captions("Demo audio description.", DEMO_DESCRIPTIONS_NOTE_EN, english),
                )
                override(source, en, "descriptions", descriptions.pk)
            self.note("översättning (en)", create_translation(page, en).title)

    def home_page(self, sv):
        site = Site.objects.filter(is_default_site=True).first()
        root = ensure_tree_roots(sv)
        home = HomePage.objects.filter(locale=sv, depth=2).first()
        if home is None:
            home = HomePage(
                title="SKL – användardriven innovation",
                slug="start",
                hero_intro="För att stärka innovationsförmågan involverar allt fler olika "
                "brukargrupper i utvecklingsarbetet. Men hur påverkas det politiska ledarskapet "
                "när invånare involveras i utvecklingen av sina tjänster?",
                first_published_at=SEED_PUBLISHED,
                locale=sv,
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.note("sida", home.title)
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="SKL – Användardriven innovation",
            )
            self.note("webbplats", "localhost")
        elif site.root_page_id != home.id:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "SKL – Användardriven innovation"
            site.save()
            # Wagtail's placeholder "Welcome" page goes; real content is never deleted.
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()
            self.note("webbplats", f"{site.hostname} visar startsidan")
        return home
