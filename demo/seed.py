"""The demo site, in the seeds' own wording (shared/seeds/). The seeds name no video files:
every episode uses one small demo video with demo captions, transcript and chapters, each
marked as demo material. `load_seed_content` is idempotent: objects are found by natural keys
(slug, name, title) and only missing ones are created."""

from datetime import date, datetime, timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtailmedia.models import get_media_model

from articles.models import (
    GuidanceArticlePage,
    PressReleaseContact,
    PressReleaseIndexPage,
    PressReleasePage,
)
from base.models import Organisation, Person, Topic
from cases.models import CaseIndexPage, CaseStoryPage
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
    WebinarIndexPage,
    WebinarSeriesPage,
)


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

        webinars = self.page(
            home,
            WebinarIndexPage,
            "webbinarier",
            title="Webbinarier",
            show_in_menus=True,
            intro="<p>Webbinarier från SKL om användardriven innovation.</p>",
        )
        cases = self.page(
            home,
            CaseIndexPage,
            "exempel",
            title="Exempel",
            show_in_menus=True,
            intro="<p>Konkreta tips, råd och idéer från kommuner, landsting och regioner som "
            "har arbetat med användardriven innovation.</p>",
        )
        oxelosund = self.page(
            cases,
            CaseStoryPage,
            "oxelosunds-aldreomsorg",
            title="Oxelösunds äldreomsorg – från botten till toppen genom tjänstedesign",
            organisation=organisations["Oxelösunds kommun"],
            date_published=SEED_PUBLISHED.date(),
            summary=EPISODES[1].summary,
            image=picture,
            topics=[topics["tjanstedesign"], topics["aldreomsorg"]],
            body=[
                ("paragraph", f"<p>{EPISODES[1].summary}</p>"),
                (
                    "heading",
                    {"text": "Politisk vilja centralt för utveckling av nya idéer", "level": "h2"},
                ),
                ("paragraph", f"<p>{EPISODES[2].summary}</p>"),
                (
                    "quote",
                    {
                        "quote": "Hitta eldsjälarna, börja smått och våga testa!",
                        "speaker": "Catharina Fredriksson och Marie Svensson",
                        "role": "kommunstyrelsens ordförande i Oxelösund och kommunalråd i "
                        "Eskilstuna",
                    },
                ),
            ],
        )
        goteborg = self.page(
            cases,
            CaseStoryPage,
            "goteborgs-stad-konsument-och-medborgarservice",
            title="Göteborgs stad: Konsument- och medborgarservice",
            organisation=organisations["Göteborgs stad"],
            date_published=SEED_PUBLISHED.date(),
            summary="En annan kustkommun som har påbörjat ett innovationsarbete genom "
            "tjänstedesign är Göteborgs stad.",
            image=picture,
            topics=[topics["tjanstedesign"], topics["anvandardriven-innovation"]],
            body=[
                ("paragraph", f"<p>{EPISODES[3].summary}</p>"),
                (
                    "quote",
                    {
                        "quote": "Arbetskrävande – men enda sättet att fånga medborgarnas behov",
                        "speaker": "Förvaltningen för Konsument- och medborgarservice",
                        "role": "Göteborgs stad",
                    },
                ),
            ],
        )
        case_pages = {page.slug: page for page in (oxelosund, goteborg)}

        series = self.page(
            webinars,
            WebinarSeriesPage,
            "politiskt-ledarskap-och-innovation",
            title="Politiskt ledarskap och innovation",
            image=picture,
            topics=[topics["politiskt-ledarskap"], topics["anvandardriven-innovation"]],
            intro="<p>I webbinarieserien Politiskt ledarskap och innovation får du som politisk "
            "företrädare vägledning i hur du kan styra en process som utgår från brukarnas behov "
            "och syftar till att utveckla verksamheten.</p><p>Det här är den första delen i "
            "SKL:s webbinarie-serie om politiskt ledarskap och innovation. I de kommande två "
            "delarna kommer vi att titta närmare på hur politiska initiativ kan bidra till "
            "innovationsarbetet.</p>",
        )
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
                        EpisodeRelatedCase(case=case_pages[slug]) for slug in seed.cases
                    ],
                )
            )

        self.page(
            home,
            GuidanceArticlePage,
            "anvandardriven-innovation",
            title="Användardriven innovation",
            show_in_menus=True,
            date_published=date(2017, 6, 29),
            intro="För att stärka innovationsförmågan involverar allt fler olika brukargrupper i "
            "utvecklingsarbetet. Men hur påverkas det politiska ledarskapet när invånare "
            "involveras i utvecklingen av sina tjänster?",
            topics=[topics["anvandardriven-innovation"], topics["politiskt-ledarskap"]],
            body=[
                (
                    "paragraph",
                    "<p>I webbinarieserien Politiskt ledarskap och innovation får du "
                    "som politisk företrädare vägledning i hur du kan styra en process som utgår "
                    "från brukarnas behov och syftar till att utveckla verksamheten. Här finns "
                    "konkreta tips, råd och idéer från kommuner, landsting och regioner som har "
                    "arbetat med användardriven innovation.</p>",
                ),
                *[
                    ("featured", {"page": page, "heading": ""})
                    for page in (series, episodes[0], oxelosund, goteborg)
                ],
            ],
        )

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

        guidance = GuidanceArticlePage.objects.get(slug="anvandardriven-innovation", locale=sv)
        for snippet in [
            *topics.values(),
            people["Catharina Fredriksson"],
            people["Marie Svensson"],
        ]:
            if not snippet.has_translation(en):
                self.note("översättning (en)", str(translate_snippet(snippet, en)))
        self.translate_to_english(
            en, [home, webinars, series, *episodes, cases, oxelosund, guidance], episodes
        )
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
