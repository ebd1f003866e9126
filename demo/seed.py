"""The demo site, built from the texts in shared/seeds/.

Everything here is the seeds' own wording. The seeds name no video files, so every episode uses
one small demo video with demo captions, transcript and chapters; all of those say plainly that
they are demo material. `load_seed_content` is idempotent: objects are found by natural keys
(slug, name, title) and only missing ones are created."""

from datetime import date, datetime, timedelta

from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from articles.models import (
    GuidanceArticlePage,
    PressReleaseContact,
    PressReleaseIndexPage,
    PressReleasePage,
)
from base.models import Organisation, Person, Topic
from cases.models import CaseIndexPage, CaseStoryPage
from demo.seed_content import (
    DEMO_NOTE,
    DEMO_NOTE_EN,
    DEMO_VIDEO_LENGTH,
    EPISODES,
    ORGANISATIONS,
    PEOPLE,
    PRESS_RELEASE_BODY,
    SEED_PUBLISHED,
    STOCKHOLM,
    TOPICS,
    demo_captions,
    demo_transcript,
)
from demo.seed_media import DemoMedia
from demo.seed_translations import ENGLISH, override, translate_page, translate_snippet
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


class SeedLoader(DemoMedia):
    def __init__(self, stdout=None):
        self.created = []
        self.stdout = stdout

    def note(self, kind, label):
        self.created.append(f"{kind}: {label}")

    # --- building blocks ---------------------------------------------------------------

    def locale(self, code):
        locale, created = Locale.objects.get_or_create(language_code=code)
        if created:
            self.note("språk", code)
        return locale

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with `slug`, created and published if it is missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        children = fields.pop("children", {})
        m2m = {name: fields.pop(name) for name in list(fields) if name == "topics"}
        first_published_at = fields.pop("first_published_at", SEED_PUBLISHED)
        page = model(slug=slug, first_published_at=first_published_at, **fields)
        for relation, items in children.items():
            setattr(page, relation, items)
        for name, values in m2m.items():
            setattr(page, name, values)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.note("sida", page.title)
        return page

    # --- the site ----------------------------------------------------------------------

    def load(self):
        return self.build()

    @transaction.atomic
    def build(self):
        sv = self.locale("sv")
        self.locale("en")

        organisations = {}
        for name, kind, website, about in ORGANISATIONS:
            organisation, created = Organisation.objects.get_or_create(
                name=name, locale=sv, defaults={"kind": kind, "website": website, "about": about}
            )
            organisations[name] = organisation
            if created:
                self.note("organisation", name)
        people = {}
        for name, role, organisation, phone, email in PEOPLE:
            person, created = Person.objects.get_or_create(
                name=name,
                locale=sv,
                defaults={
                    "role": role,
                    "organisation": organisations[organisation],
                    "phone": phone,
                    "email": email,
                },
            )
            people[name] = person
            if created:
                self.note("person", name)
        topics = {}
        for name, slug in TOPICS:
            topic, created = Topic.objects.get_or_create(
                slug=slug, locale=sv, defaults={"name": name}
            )
            topics[slug] = topic
            if created:
                self.note("ämne", name)

        home = self.home_page(sv)
        picture = self.image("Demobild (platshållare)", "demobild.png")
        video = self.video(f"Demovideo ({DEMO_NOTE})", "demo-webbinarium.webm")

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
            captions = self.document(
                f"Demotextning – {seed.title}", f"demotextning-{seed.slug}.vtt", demo_captions(seed)
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
                    transcript=demo_transcript(seed),
                    topics=[topics[slug] for slug in seed.topics],
                    children={
                        "speakers": [EpisodeSpeaker(person=people[name]) for name in seed.speakers],
                        "chapters": [
                            EpisodeChapter(start=timedelta(0), title="Om demomaterialet"),
                            EpisodeChapter(start=timedelta(seconds=10), title=seed.title),
                        ],
                        "related_cases": [
                            EpisodeRelatedCase(case=case_pages[slug]) for slug in seed.cases
                        ],
                    },
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
                ("featured", {"page": series, "heading": ""}),
                ("featured", {"page": episodes[0], "heading": ""}),
                ("featured", {"page": oxelosund, "heading": ""}),
                ("featured", {"page": goteborg, "heading": ""}),
            ],
        )

        press = self.page(
            home,
            PressReleaseIndexPage,
            "press",
            title="Pressmeddelanden",
            show_in_menus=True,
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
            children={"contacts": [PressReleaseContact(person=people["Jonas Gumbel"])]},
        )

        if not home.featured_series.exists():
            HomePageFeaturedSeries.objects.create(home_page=home, page=series, sort_order=0)
            self.note("utvald serie", series.title)

        guidance = GuidanceArticlePage.objects.get(slug="anvandardriven-innovation", locale=sv)
        en = Locale.objects.get(language_code="en")
        for snippet in [
            *topics.values(),
            people["Catharina Fredriksson"],
            people["Marie Svensson"],
        ]:
            if not snippet.has_translation(en):
                self.note("översättning (en)", str(translate_snippet(snippet, en)))
        self.translate_to_english(
            [home, webinars, series, *episodes, cases, oxelosund, guidance], episodes
        )
        return self.created

    def translate_to_english(self, pages, episodes):
        """The guidance page, the series with its episodes and one case in English, parents
        first, through wagtail-localize (so they are real translations in the admin)."""
        en = Locale.objects.get(language_code="en")
        episode_ids = {episode.pk for episode in episodes}

        def english_captions(page):
            if page.pk not in episode_ids:
                return
            seed = next(seed for seed in EPISODES if seed.slug == page.slug)
            english = ENGLISH[seed.title]
            document = self.document(
                f"Demo captions – {english}",
                f"demo-captions-{ENGLISH[seed.slug]}.vtt",
                "WEBVTT\n\nNOTE Demo captions for the demo video.\n\n"
                f"1\n00:00:00.000 --> 00:00:09.500\n[{DEMO_NOTE_EN}]\n\n"
                f"2\n00:00:10.000 --> 00:00:19.500\n{english}\n",
            )
            override(page, en, "captions", document.pk)

        for page in pages:
            if page.has_translation(en):
                continue
            translated = translate_page(page, en, before_save=english_captions)
            self.note("översättning (en)", translated.title)

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
