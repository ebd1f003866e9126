"""Many webinar series, episodes and feedback answers for load tests and benchmarks,
bulk-inserted (minutes for 10,000 episodes and 1,000,000 answers):

    manage.py generate_synthetic_catalogue --episodes 10000 --series 100 --feedback 1000000

All of it is named "Syntetisk ..." and replaced by the next run (`--clear` only removes it).
The episodes reuse the seeded catalogue's video, captions and images (`load_seed_content`)."""

import random
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import CharField, F
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from base.models import Organisation, Person, Topic
from core.http_cache import content_changed
from feedback.models import Feedback, FeedbackMonth, rebuild_months
from webinars.management.synthetic_rows import insert_feedback, insert_rows, muted_delete_signals
from webinars.models import (
    EpisodeChapter,
    EpisodeSpeaker,
    WebinarEpisodePage,
    WebinarIndexPage,
    WebinarSeriesPage,
)

SERIES_SLUG = "syntetisk-testserie-"
EPISODE_SLUG = "syntetiskt-testavsnitt-"
SPEAKER_NAME = "Syntetisk talare "
ORGANISATION_NAME = "Syntetisk kommun "
TOPIC_SLUG = "syntetiskt-amne-"
BATCH = 500

WORDS = (  # noqa: SIM905 - easier to edit as prose
    "tjänstedesign innovation kommun region välfärd brukare medborgare digitalisering "
    "äldreomsorg skola vård samverkan ledarskap politik förändring delaktighet behov "
    "användare prototyp test lärande invånare kultur trygghet hälsa socialtjänst bibliotek "
    "kollektivtrafik miljö klimat boende integration arbetsmarknad ungdomar föreningar"
).split()


class Command(BaseCommand):
    help = (
        "Skapar en stor syntetisk webbinariekatalog och många svar, för prestandatester; "
        "ersätter tidigare syntetiskt innehåll, --clear tar bara bort det."
    )

    def add_arguments(self, parser):
        parser.add_argument("--episodes", type=int, default=1000, help="antal avsnitt")
        parser.add_argument("--series", type=int, default=None, help="antal serier")
        parser.add_argument("--feedback", type=int, default=0, help="antal svar (återkoppling)")
        parser.add_argument("--clear", action="store_true", help="ta bara bort syntetiskt")
        parser.add_argument("--seed", type=int, default=42, help="slumpfrö (samma data varje gång)")

    def handle(self, *args, **options):
        self.started = time.perf_counter()
        self.rng = random.Random(options["seed"])  # noqa: S311 - test data, not security
        episodes = options["episodes"]
        series_count = options["series"] or max(1, min(100, episodes // 20))
        if episodes < 0 or series_count < 1 or options["feedback"] < 0:
            raise CommandError("Antalen får inte vara negativa, och minst en serie behövs.")
        catalogue = (
            WebinarIndexPage.objects.filter(locale__language_code="sv").order_by("path").first()
        )
        if catalogue is None:
            raise CommandError(
                "Ingen svensk webbinariekatalog finns. Kör `manage.py load_seed_content` först."
            )

        self.clear(catalogue)
        if not options["clear"] and episodes:
            template = self.template_episode(catalogue)
            with transaction.atomic():
                people = self.create_people(max(20, episodes // 50), catalogue.locale)
                topics = self.topics(catalogue.locale)
                series = self.create_series(catalogue, series_count, template, topics)
                episode_ids = self.create_episodes(series, episodes, template, people, topics)
            self.update_search_index(episode_ids, [item.pk for item in series], people)
            if options["feedback"]:
                insert_feedback(episode_ids, options["feedback"], self.rng, self.say)
        self.say("Räknar om svar per sida och månad ...")
        self.say(f"  {rebuild_months():,} rader per sida och månad.")
        self.say("Uppdaterar databasens statistik (VACUUM ANALYZE) ...")
        with connection.cursor() as cursor:
            # Fresh planner statistics: the old ones pick slow plans after bulk inserts. On
            # PostgreSQL, outside a transaction, VACUUM also sets the visibility map that
            # index-only scans need (SQLite's would rewrite the whole file).
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.check_tree()
        content_changed()  # bulk writes send no signals: the front caches forget the site
        self.say(self.style.SUCCESS("Klart."))

    def say(self, message):
        self.stdout.write(f"[{time.perf_counter() - self.started:7.1f} s] {message}")
        self.stdout.flush()

    def clear(self, catalogue):
        series = dict(
            WebinarSeriesPage.objects.filter(slug__startswith=SERIES_SLUG).values_list("pk", "path")
        )
        if series:
            self.say(f"Tar bort {len(series)} syntetiska serier med avsnitt och svar ...")
            below = Page.objects.filter(path__regex=rf"^({'|'.join(series.values())})")
            with transaction.atomic(), muted_delete_signals():
                # Without the per-page signal handlers (with them 10,000 pages take most of an
                # hour) each DELETE below is one statement; what the handlers would do is done
                # here in bulk: answers, references and search entries go, the caches are told.
                Feedback.objects.filter(page__in=below).delete()
                FeedbackMonth.objects.filter(page__in=below).delete()
                ReferenceIndex.objects.filter(
                    base_content_type=ContentType.objects.get_for_model(Page),
                    object_id__in=below.values(text_id=Cast("pk", CharField())),
                ).delete()
                # The ORM's delete: child tables, revisions, logs and all else that cascades.
                Page.objects.filter(pk__in=series.keys()).delete()
                index = get_search_backend().get_index_for_model(Page)
                if hasattr(index, "delete_stale_entries"):  # the database backends' own index
                    index.delete_stale_entries()
        with transaction.atomic():
            removed_people = Person.objects.filter(name__startswith=SPEAKER_NAME).delete()[0]
            Organisation.objects.filter(name__startswith=ORGANISATION_NAME).delete()
            Topic.objects.filter(slug__startswith=TOPIC_SLUG).delete()
        if series or removed_people:
            self.say("Tidigare syntetiskt innehåll borttaget.")

    def template_episode(self, catalogue):
        template = (
            WebinarEpisodePage.objects.live()
            .descendant_of(catalogue)
            .exclude(slug__startswith=EPISODE_SLUG)
            .filter(captions__isnull=False)
            .order_by("path")
            .first()
        )
        if template is None:
            raise CommandError(
                "Katalogen har inget publicerat avsnitt med textning att utgå från. "
                "Kör `manage.py load_seed_content` först."
            )
        return template

    def create_people(self, count, locale):
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"{ORGANISATION_NAME}{n}", kind="kommun", locale=locale)
            for n in range(1, count // 4 + 2)
        )
        roles = ["kommunalråd", "utvecklingsledare", "forskare"]
        people = Person.objects.bulk_create(
            Person(
                name=f"{SPEAKER_NAME}{n}",
                role=self.rng.choice(roles),
                organisation=organisations[n % len(organisations)],
                locale=locale,
            )
            for n in range(1, count + 1)
        )
        self.say(f"{len(people)} talare från {len(organisations)} organisationer.")
        return [person.pk for person in people]

    def topics(self, locale):
        topics = Topic.objects.filter(locale=locale) or Topic.objects.bulk_create(
            Topic(name=f"Syntetiskt ämne {n}", slug=f"{TOPIC_SLUG}{n}", locale=locale)
            for n in range(1, 6)
        )
        return [topic.pk for topic in topics]

    def text(self, words):
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def new_pages(self, model, parent, items):
        """Pages after `parent`'s last child: tree positions computed, then two bulk inserts (the
        `wagtailcore_page` rows, then the page type's own table)."""
        content_type = ContentType.objects.get_for_model(model)
        # Treebeard's materialised path: each step `Page.steplen` digits of `Page.alphabet`.
        steps, last_child = Page.numconv_obj(), parent.get_last_child()
        first_step = steps.str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
        for offset, page in enumerate(items):
            step = steps.int2str(first_step + offset).rjust(Page.steplen, Page.alphabet[0])
            page.path = parent.path + step
            page.depth = parent.depth + 1
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.content_type = content_type
            page.draft_title = page.title
            page.last_published_at = page.first_published_at
        page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
        rows = [
            Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in items
        ]
        Page.objects.bulk_create(rows, batch_size=BATCH)
        for page, row in zip(items, rows, strict=True):
            page.pk = page.id = page.page_ptr_id = row.pk
        own_fields = model._meta.local_concrete_fields
        insert_rows(model, own_fields, [[getattr(p, f.attname) for f in own_fields] for p in items])
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(items))
        return items

    def create_series(self, catalogue, count, template, topics):
        template_series = template.get_parent().specific
        now = timezone.now()
        series = self.new_pages(
            WebinarSeriesPage,
            catalogue,
            [
                WebinarSeriesPage(
                    title=f"Syntetisk testserie {number}",
                    slug=f"{SERIES_SLUG}{number}",
                    intro=f"<p>{self.text(20)}</p>",
                    image_id=template_series.image_id,
                    locale_id=catalogue.locale_id,
                    first_published_at=now - timedelta(days=self.rng.randrange(1, 1800)),
                )
                for number in range(1, count + 1)
            ],
        )
        through = WebinarSeriesPage.topics.through
        through.objects.bulk_create(
            [
                through(webinarseriespage_id=item.pk, topic_id=topic)
                for item in series
                for topic in self.rng.sample(topics, min(2, len(topics)))
            ],
            batch_size=BATCH,
        )
        self.say(f"{count} serier under {catalogue.url_path}.")
        return series

    def create_episodes(self, series, count, template, people, topics):
        now = timezone.now()
        ids = []
        number = 0
        for index, parent in enumerate(series):
            amount = count // len(series) + (index < count % len(series))
            if not amount:
                continue
            episodes = []
            for _ in range(amount):
                number += 1
                upcoming = self.rng.random() < 0.05
                published = now - timedelta(days=self.rng.randrange(1, 1800))
                episodes.append(
                    WebinarEpisodePage(
                        title=f"Syntetiskt testavsnitt {number}",
                        slug=f"{EPISODE_SLUG}{number}",
                        summary=self.text(18),
                        transcript="".join(f"<p>{self.text(40)}</p>" for _ in range(3)),
                        thumbnail_id=template.thumbnail_id,
                        video_file_id=template.video_file_id,
                        video_url=template.video_url,
                        captions_id=template.captions_id,
                        descriptions_id=template.descriptions_id,
                        described_version_url=template.described_version_url,
                        audio_description_not_needed=template.audio_description_not_needed,
                        duration=template.duration,
                        recorded_on=published.date(),
                        starts_at=now + timedelta(days=self.rng.randrange(1, 90))
                        if upcoming
                        else None,
                        locale_id=parent.locale_id,
                        first_published_at=published,
                    )
                )
            self.new_pages(WebinarEpisodePage, parent, episodes)
            self.add_episode_relations(episodes, people, topics)
            ids.extend(episode.pk for episode in episodes)
            if len(ids) % 1000 < amount or len(ids) == count:
                self.say(f"  {len(ids):,}/{count:,} avsnitt")
        return ids

    def add_episode_relations(self, episodes, people, topics):
        speakers, chapters, episode_topics = [], [], []
        through = WebinarEpisodePage.topics.through
        for episode in episodes:
            for order, person in enumerate(self.rng.sample(people, 2)):
                speakers.append(
                    EpisodeSpeaker(page_id=episode.pk, person_id=person, sort_order=order)
                )
            for order, minute in enumerate((0, 5, 12)):
                chapters.append(
                    EpisodeChapter(
                        page_id=episode.pk,
                        start=timedelta(minutes=minute),
                        title=self.text(3),
                        sort_order=order,
                        locale_id=episode.locale_id,
                    )
                )
            for topic in self.rng.sample(topics, min(2, len(topics))):
                episode_topics.append(through(webinarepisodepage_id=episode.pk, topic_id=topic))
        EpisodeSpeaker.objects.bulk_create(speakers, batch_size=BATCH)
        EpisodeChapter.objects.bulk_create(chapters, batch_size=BATCH)
        through.objects.bulk_create(episode_topics, batch_size=BATCH)

    def update_search_index(self, episode_ids, series_ids, people):
        backend = get_search_backend()
        self.say("Uppdaterar sökindexet ...")
        for model, ids in [
            (WebinarSeriesPage, series_ids),
            (WebinarEpisodePage, episode_ids),
            (Person, people),
        ]:
            for start in range(0, len(ids), BATCH):
                chunk = list(model.get_indexed_objects().filter(pk__in=ids[start : start + BATCH]))
                backend.add_bulk(model, chunk)
                done = min(start + BATCH, len(ids))
                if done % 2000 < BATCH or done == len(ids):
                    self.say(f"  {model._meta.verbose_name_plural}: {done:,}/{len(ids):,}")

    def check_tree(self):
        if Page.objects.count() > 5000:  # treebeard's full check takes minutes there
            self.say("Sidträdet: kontrollera med `manage.py fixtree` (tar några minuter).")
            return
        problems = Page.find_problems()
        if any(problems):
            raise CommandError(f"Sidträdet är inte giltigt efteråt: {problems}")
        self.say("Sidträdet är giltigt.")
