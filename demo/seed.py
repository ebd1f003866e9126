"""The demo site, in the seeds' own wording (shared/seeds/): snippets and demo texts in
demo/seed.json, pages in demo/pages.json. The seeds name no video files: every episode uses one
small demo video with demo captions, transcript and chapters, each marked as demo material.
`load_seed_content` is idempotent: objects are found by natural keys (slug, name, title) and only
missing ones are created."""

import json
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtailmedia.models import get_media_model

from articles.models import PressReleaseContact
from base.models import Organisation, Person, Topic
from demo.seed_information import load_information_pages
from demo.seed_translations import ENGLISH, create_translation, override, prepare_translation
from home.models import HomePage, HomePageFeaturedSeries
from webinars.models import EpisodeChapter, EpisodeRelatedCase, EpisodeSpeaker, WebinarEpisodePage

DEMO = Path(__file__).parent
MEDIA = DEMO / "demo_media"
SEED = json.loads((DEMO / "seed.json").read_text(encoding="utf-8"))
# The pages in the order they are made, each under the page its "parent" path names ("": the
# home page); their fields name the snippets and pages they link to ("demobild": the picture).
PAGES = json.loads((DEMO / "pages.json").read_text(encoding="utf-8"))
PUBLISHED = datetime.fromisoformat(SEED["published"])
VIDEO_LENGTH = timedelta(seconds=20)
SERIES = "webbinarier/politiskt-ledarskap-och-innovation"
SITE_NAME = "SKL – Användardriven innovation"


def ensure_tree_roots(locale):
    """Wagtail's root page and root collection, which its migrations create; a database that
    was flushed (e.g. by transactional tests) lacks them."""
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale, live=True)
    )


def webvtt(track, title):
    """WebVTT for the demo video: the note while it says nothing, then the episode's title."""
    return (
        f"WEBVTT\n\nNOTE {track['comment']}\n\n1\n00:00:00.000 --> 00:00:09.500\n"
        f"[{track['note']}]\n\n2\n00:00:10.000 --> 00:00:19.500\n{title}\n"
    )


class SeedLoader:
    def __init__(self):
        self.created = []
        self.pages = {}

    def note(self, kind, label):
        self.created.append(f"{kind}: {label}")

    def get_or_create(self, kind, model, defaults=None, **lookup):
        found, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        if created:
            self.note(kind, str(found))
        return found

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with `slug`, created and published if it is missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        # Child objects and topics go in as keyword arguments too (modelcluster's constructor).
        page = model(slug=slug, **{"first_published_at": PUBLISHED, **fields})
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.note("sida", page.title)
        return page

    def resolve(self, name, value):
        """A field's value from the data: the objects its names, slugs and paths stand for."""
        match name:
            case "organisation" | "publisher":
                return self.organisations[value]
            case "image" | "thumbnail":
                return self.picture
            case "topics":
                return [self.topics[slug] for slug in value]
            case "speakers":
                return [EpisodeSpeaker(person=self.people[name]) for name in value]
            case "contacts":
                return [PressReleaseContact(person=self.people[name]) for name in value]
            case "related_cases":
                return [EpisodeRelatedCase(case=self.pages[path]) for path in value]
            case "body":  # a featured block names its page by path
                return [
                    (kind, data | {"page": self.pages[data["page"]]})
                    if kind == "featured"
                    else (kind, data)
                    for kind, data in value
                ]
            case "date_published":
                return date.fromisoformat(value)
            case "published_at" | "first_published_at":
                return datetime.fromisoformat(value)
        return value

    def snippets(self, kind, model, specs, key, locale):
        """The snippets of `specs` (seed.json), by their `key` field."""
        return {
            spec[key]: self.get_or_create(
                kind,
                model,
                {name: self.resolve(name, value) for name, value in spec.items()},
                **{key: spec[key]},
                locale=locale,
            )
            for spec in specs
        }

    def tracks(self, language, title, slug):
        """An episode's demo captions and audio description in `language`, by field. (Episodes
        publish only with a descriptions track, WCAG 1.2.5; this one describes nothing real.)"""
        tracks = {}
        for track in SEED["tracks"][language]:
            vtt = webvtt(track, title).encode("utf-8")
            name = track["file"].format(slug=slug)
            tracks[track["field"]] = self.get_or_create(
                "dokument",
                get_document_model(),
                {"file": ContentFile(vtt, name)},
                title=track["title"].format(title=title),
            )
        return tracks

    def recording(self, spec):
        """An episode's demo video with its tracks, transcript and chapters."""
        return {
            "video_file": self.video,
            "duration": VIDEO_LENGTH,
            "recorded_on": PUBLISHED.date(),
            **self.tracks("sv", spec["title"], spec["slug"]),
            "transcript": SEED["transcript"].format(note=SEED["note"], summary=spec["summary"]),
            "chapters": [
                EpisodeChapter(start=timedelta(0), title="Om demomaterialet"),
                EpisodeChapter(start=timedelta(seconds=10), title=spec["title"]),
            ],
        }

    @transaction.atomic
    def load(self):
        sv = self.get_or_create("språk", Locale, language_code="sv")
        en = self.get_or_create("språk", Locale, language_code="en")
        self.organisations = self.snippets(
            "organisation", Organisation, SEED["organisations"], "name", sv
        )
        self.people = self.snippets("person", Person, SEED["people"], "name", sv)
        self.topics = self.snippets("ämne", Topic, SEED["topics"], "slug", sv)
        home = self.pages[""] = self.home_page(sv)
        png, webm = MEDIA / "demobild.png", MEDIA / "demo-webbinarium.webm"
        self.picture = self.get_or_create(
            "bild",
            get_image_model(),
            {"file": ImageFile(BytesIO(png.read_bytes()), name=png.name)},
            title="Demobild (platshållare)",
        )
        self.video = self.get_or_create(
            "video",
            get_media_model(),
            {
                "type": "video",
                "duration": VIDEO_LENGTH.total_seconds(),
                "width": 640,
                "height": 360,
                "file": ContentFile(webm.read_bytes(), webm.name),
            },
            title=f"Demovideo ({SEED['note']})",
        )
        for spec in PAGES:
            model = apps.get_model(spec["model"])
            fields = {
                name: self.resolve(name, value)
                for name, value in spec.items()
                if name not in ("parent", "model")
            }
            if model is WebinarEpisodePage:
                fields |= self.recording(spec)
            path = f"{spec['parent']}/{spec['slug']}".lstrip("/")
            self.pages[path] = self.page(self.pages[spec["parent"]], model, **fields)

        series = self.pages[SERIES]
        if not home.featured_series.exists():
            HomePageFeaturedSeries.objects.create(home_page=home, page=series, sort_order=0)
            self.note("utvald serie", series.title)
        people = [self.people["Catharina Fredriksson"], self.people["Marie Svensson"]]
        for snippet in [*self.topics.values(), *people]:
            if not snippet.has_translation(en):  # snippets are saved, not published
                prepare_translation(snippet, en).create_or_update_translation(en, fallback=True)
                self.note("översättning (en)", str(snippet.get_translation(en)))
        self.translate_to_english(en)
        load_information_pages(self, home, en)
        return self.created

    def translate_to_english(self, en):
        """Some pages, the series and its episodes (with English demo tracks) as
        wagtail-localize translations."""
        episodes = [path for path in self.pages if path.startswith(f"{SERIES}/")]
        paths = ["", "webbinarier", SERIES, *episodes, "exempel"]
        paths += ["exempel/oxelosunds-aldreomsorg", "anvandardriven-innovation"]
        for page in (self.pages[path] for path in paths):
            if page.has_translation(en):
                continue
            source = prepare_translation(page, en)
            if isinstance(page, WebinarEpisodePage):
                tracks = self.tracks("en", ENGLISH[page.title], ENGLISH[page.slug])
                for field, document in tracks.items():
                    override(source, en, field, document.pk)
            self.note("översättning (en)", create_translation(page, en).title)

    def home_page(self, sv):
        root = ensure_tree_roots(sv)
        home = HomePage.objects.filter(locale=sv, depth=2).first()
        home = home or self.page(root, HomePage, locale=sv, **SEED["home"])
        # The site's address is where it is served (scripts/demo.sh sets the base URL from its
        # PORT): canonical, hreflang and API links must work on the demo.
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        hostname = address.hostname or "localhost"
        port = address.port or (443 if address.scheme == "https" else 80)
        site = Site.objects.get_or_create(
            is_default_site=True, defaults={"root_page": home, "site_name": SITE_NAME}
        )[0]
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save(update_fields=["hostname", "port"])
            self.note("webbplats", f"{hostname}:{port}")
        if site.root_page_id != home.id:
            old_root = site.root_page
            site.root_page = home
            site.site_name = SITE_NAME
            site.save()
            # Wagtail's placeholder "Welcome" page goes; real content is never deleted.
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()
            self.note("webbplats", f"{site.hostname} visar startsidan")
        return home
