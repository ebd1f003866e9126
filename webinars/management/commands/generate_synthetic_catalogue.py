"""Synthetic test data for load tests and benchmarks: many webinar series and episodes and
many feedback answers, created in bulk (minutes for 10,000 episodes and 1,000,000 answers).

    manage.py generate_synthetic_catalogue --episodes 10000 --series 100 --feedback 1000000
    manage.py generate_synthetic_catalogue --clear

Everything it makes is marked: series "Syntetisk testserie N", episodes "Syntetiskt
testavsnitt N", speakers "Syntetisk talare N" from "Syntetisk kommun N". Run it again and the
previous synthetic content is replaced, never duplicated; `--clear` only removes it. The demo
never runs it. It needs the seeded catalogue (`load_seed_content`): the synthetic episodes reuse
its demo video, captions and images.

Pages are written with bulk inserts and their tree positions (treebeard's materialised path,
depth, numchild, url_path) computed here, so the tree stays valid (`manage.py fixtree` finds
nothing to fix); the search index is updated in bulk, the report's daily counts rebuilt and the
page cache emptied at the end."""

import contextlib
import random
import time
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from base.models import Organisation, Person, Topic
from core.http_cache import content_changed
from feedback import counts
from feedback.models import Feedback, FeedbackMonth
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
FEEDBACK_BATCH = 50_000

WORDS = (  # noqa: SIM905 - easier to edit as prose
    "tjänstedesign innovation kommun region välfärd brukare medborgare digitalisering "
    "äldreomsorg skola vård samverkan ledarskap politik förändring delaktighet behov "
    "användare prototyp test lärande invånare kultur trygghet hälsa socialtjänst bibliotek "
    "kollektivtrafik miljö klimat boende integration arbetsmarknad ungdomar föreningar"
).split()


@contextlib.contextmanager
def muted_delete_signals():
    """pre_delete/post_delete receivers switched off for a bulk delete of our own rows."""
    saved = {signal: signal.receivers[:] for signal in (pre_delete, post_delete)}
    try:
        for signal in saved:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, receivers in saved.items():
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


class Command(BaseCommand):
    help = (
        "Skapar en stor syntetisk webbinariekatalog (serier, avsnitt, talare) och många svar "
        "på återkopplingsfrågan, för last- och prestandatester. Ersätter tidigare syntetiskt "
        "innehåll; --clear tar bara bort det."
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
        series_count = options["series"] or max(1, min(100, episodes // 20 or 1))
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
                self.create_feedback(episode_ids, options["feedback"])
        self.rebuild_feedback_counts()
        self.say("Uppdaterar databasens statistik (VACUUM ANALYZE) ...")
        with connection.cursor() as cursor:
            # Fresh planner statistics: after bulk inserts the old ones pick slow plans. On
            # PostgreSQL VACUUM also sets the visibility map, without which index-only scans
            # read the table anyway (SQLite's VACUUM would rewrite the whole file instead).
            # (VACUUM cannot run inside a transaction, e.g. a test's.)
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.check_tree()
        content_changed()  # bulk writes send no signals: the front caches forget the site
        self.say(self.style.SUCCESS("Klart."))

    # --- output ----------------------------------------------------------------------------

    def say(self, message):
        self.stdout.write(f"[{time.perf_counter() - self.started:7.1f} s] {message}")
        self.stdout.flush()

    # --- clearing ----------------------------------------------------------------------------

    def clear(self, catalogue):
        synthetic_series = list(
            WebinarSeriesPage.objects.filter(slug__startswith=SERIES_SLUG).values_list("pk", "path")
        )
        if synthetic_series:
            self.say(f"Tar bort {len(synthetic_series)} syntetiska serier med avsnitt och svar ...")
            for _, path in synthetic_series:
                below = Page.objects.filter(path__startswith=path).values("pk")
                # Straight DELETEs: the answers have no dependants, and a million of them
                # through Django's collector would take long.
                Feedback.objects.filter(page_id__in=below)._raw_delete(Feedback.objects.db)
                FeedbackMonth.objects.filter(page_id__in=below)._raw_delete(
                    FeedbackMonth.objects.db
                )
            page_ids = list(
                Page.objects.filter(
                    path__regex=rf"^({'|'.join(path for _, path in synthetic_series)})"
                ).values_list("pk", flat=True)
            )
            self.remove_from_search_index(page_ids)
            with transaction.atomic(), muted_delete_signals():
                # The ORM's delete (child tables, revisions, logs and everything else that
                # cascades; treebeard keeps numchild right), without the per-page signal
                # handlers: with them 10,000 pages take most of an hour. What those handlers
                # do is done here in bulk: the answers are gone, the search index entries
                # too, and the page cache is emptied at the end.
                Page.objects.filter(pk__in=[pk for pk, _ in synthetic_series]).delete()
        with transaction.atomic():
            removed_people = Person.objects.filter(name__startswith=SPEAKER_NAME).delete()[0]
            Organisation.objects.filter(name__startswith=ORGANISATION_NAME).delete()
            Topic.objects.filter(slug__startswith=TOPIC_SLUG).delete()
        if synthetic_series or removed_people:
            self.say("Tidigare syntetiskt innehåll borttaget.")

    def remove_from_search_index(self, page_ids):
        from django.apps import apps

        content_types = list(
            ContentType.objects.get_for_models(Page, WebinarSeriesPage, WebinarEpisodePage).values()
        )
        object_ids = [str(pk) for pk in page_ids]
        for label in ("modelsearch.IndexEntry", "wagtailcore.ReferenceIndex"):
            try:
                model = apps.get_model(label)
            except LookupError:  # another search backend keeps its index elsewhere
                continue
            for start in range(0, len(object_ids), BATCH):
                model.objects.filter(
                    content_type__in=content_types, object_id__in=object_ids[start : start + BATCH]
                )._raw_delete(model.objects.db)

    # --- creating ----------------------------------------------------------------------------

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
            [
                Organisation(
                    name=f"{ORGANISATION_NAME}{number}",
                    kind="kommun",
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
                for number in range(1, count // 4 + 2)
            ]
        )
        people = Person.objects.bulk_create(
            [
                Person(
                    name=f"{SPEAKER_NAME}{number}",
                    role=self.rng.choice(["kommunalråd", "utvecklingsledare", "forskare"]),
                    organisation=organisations[number % len(organisations)],
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
                for number in range(1, count + 1)
            ]
        )
        self.say(f"{len(people)} talare från {len(organisations)} organisationer.")
        return [person.pk for person in people]

    def topics(self, locale):
        topics = list(Topic.objects.filter(locale=locale).values_list("pk", flat=True))
        if topics:
            return topics
        created = Topic.objects.bulk_create(
            [
                Topic(
                    name=f"Syntetiskt ämne {n}",
                    slug=f"{TOPIC_SLUG}{n}",
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
                for n in range(1, 6)
            ]
        )
        return [topic.pk for topic in created]

    def text(self, words):
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def new_pages(self, model, parent_path, parent_url_path, first_step, items):
        """Page rows below one parent: tree positions computed, then two bulk inserts (the
        `wagtailcore_page` rows, then the page type's own table)."""
        content_type = ContentType.objects.get_for_model(model)
        depth = len(parent_path) // Page.steplen + 1
        for offset, page in enumerate(items):
            page.path = Page._get_path(parent_path, depth, first_step + offset)
            page.depth = depth
            page.numchild = 0
            page.url_path = f"{parent_url_path}{page.slug}/"
            page.content_type = content_type
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.translation_key = uuid.uuid4()
            page.last_published_at = page.first_published_at
        page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
        rows = [
            Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in items
        ]
        Page.objects.bulk_create(rows, batch_size=BATCH)
        for page, row in zip(items, rows, strict=True):
            page.pk = page.id = page.page_ptr_id = row.pk
        own_fields = model._meta.local_concrete_fields
        for start in range(0, len(items), BATCH):
            model._base_manager._insert(items[start : start + BATCH], fields=own_fields)
        return items

    def create_series(self, catalogue, count, template, topics):
        last_child = catalogue.get_last_child()
        first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
        template_series = template.get_parent().specific
        now = timezone.now()
        series = self.new_pages(
            WebinarSeriesPage,
            catalogue.path,
            catalogue.url_path,
            first_step,
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
        Page.objects.filter(pk=catalogue.pk).update(numchild=F("numchild") + count)
        self.say(f"{count} serier under {catalogue.url_path}.")
        return series

    def create_episodes(self, series, count, template, people, topics):
        now = timezone.now()
        per_series = [
            count // len(series) + (1 if i < count % len(series) else 0) for i in range(len(series))
        ]
        ids = []
        number = 0
        for parent, amount in zip(series, per_series, strict=True):
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
                        duration=template.duration,
                        recorded_on=published.date(),
                        starts_at=now + timedelta(days=self.rng.randrange(1, 90))
                        if upcoming
                        else None,
                        locale_id=parent.locale_id,
                        first_published_at=published,
                    )
                )
            self.new_pages(WebinarEpisodePage, parent.path, parent.url_path, 1, episodes)
            Page.objects.filter(pk=parent.pk).update(numchild=amount)
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
                        translation_key=uuid.uuid4(),
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

    def create_feedback(self, episode_ids, count):
        """Answers spread over the synthetic episodes and the last year, 70 % helpful."""
        pages = {
            page.pk: page
            for page in Page.objects.filter(pk__in=episode_ids).only(
                "id", "title", "url_path", "locale_id"
            )
        }
        site_root_url_path = (
            Page.objects.filter(depth=2, locale__language_code="sv")
            .order_by("path")
            .values_list("url_path", flat=True)
            .first()
            or "/"
        )
        urls = {pk: "/" + page.url_path[len(site_root_url_path) :] for pk, page in pages.items()}
        page_ids = list(pages)
        now = timezone.now()
        self.say(f"Skapar {count:,} svar ...")
        # Plain INSERTs with executemany: a million model instances through bulk_create cost
        # most of the time in Python. The column list comes from the model, defaults included.
        fields = [field for field in Feedback._meta.concrete_fields if not field.primary_key]
        defaults = {field.attname: field.get_default() for field in fields}
        table = connection.ops.quote_name(Feedback._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        adapt = connection.ops.adapt_datetimefield_value
        rng = self.rng
        for start in range(0, count, FEEDBACK_BATCH):
            rows = []
            for _ in range(min(FEEDBACK_BATCH, count - start)):
                page = pages[rng.choice(page_ids)]
                values = {
                    **defaults,
                    "page_id": page.pk,
                    "page_title": page.title,
                    "page_url": urls[page.pk],
                    "locale_id": page.locale_id,
                    "helpful": rng.random() < 0.7,
                    "comment": "Syntetisk kommentar." if rng.random() < 0.05 else "",
                    # Spread over the last year.
                    "created_at": adapt(now - timedelta(seconds=rng.randrange(365 * 86400))),
                }
                rows.append([values[field.attname] for field in fields])
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            self.say(f"  {start + len(rows):,}/{count:,} svar")

    def rebuild_feedback_counts(self):
        self.say("Räknar om svar per sida och månad ...")
        self.say(f"  {counts.rebuild():,} rader per sida och månad.")

    def check_tree(self):
        if Page.objects.count() > 5000:  # treebeard's full check takes minutes there
            self.say("Sidträdet: kontrollera med `manage.py fixtree` (tar några minuter).")
            return
        problems = Page.find_problems()
        if any(problems):
            raise CommandError(f"Sidträdet är inte giltigt efteråt: {problems}")
        self.say("Sidträdet är giltigt.")
