"""Wagtail's database search backend, taught Swedish (and English on English pages).

Set as `WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"`; like Wagtail's own
`wagtail.search.backends.database` it picks the implementation from the database in use.

- **PostgreSQL** (production): full-text search with a text search configuration per language.
  Each object is indexed with the rules of its own locale (`swedish` for sv, `english` for en)
  and a query is parsed with the active language's rules, so "kommuner" finds "kommun" and
  "tjänstedesign" finds "tjänstedesignen"; the last word also matches as a prefix.
- **SQLite** (the demo): FTS5 has no Swedish stemmer. Every word of the query is matched as a
  prefix, both as typed and as its Snowball stem: "kommuner" → `kommuner* OR kommun*` finds
  "kommun", "kommunen" and "kommunerna". Exact and prefix matches always work; a stem that is
  not a prefix of the indexed word (rare in Swedish) is not found. Tested in tests/search.
"""

from collections import defaultdict

import snowballstemmer
from django.conf import settings
from django.db import connection
from django.utils import translation
from modelsearch.query import PlainText
from wagtail.models import Locale

# PostgreSQL's text search configurations and Snowball's stemmers, per interface language.
TEXT_SEARCH_CONFIGS = {"sv": "swedish", "en": "english"}
STEMMER_LANGUAGES = {"sv": "swedish", "en": "english"}


def active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def language_groups(objs):
    """Objects grouped by the language of their locale (objects without one: the default)."""
    languages = {}
    groups = defaultdict(list)
    for obj in objs:
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is not None and locale_id not in languages:
            languages.update(Locale.objects.in_bulk().items())
        locale = languages.get(locale_id)
        language = locale.language_code if locale else settings.LANGUAGE_CODE
        groups[language.split("-")[0]].append(obj)
    return groups.items()


class IndexInOwnLanguage:
    """Mixin for an index: index each object under its own language (the indexer reads the
    backend's `config` when it is created, which follows the active language)."""

    def add_items(self, model, objs):
        for language, group in language_groups(objs):
            with translation.override(language):
                super().add_items(model, group)

    def add_item(self, obj):
        self.add_items(obj._meta.model, [obj])


class RankedPages:
    """Search results from ranked ids: their number, and each slice's pages in one query (in
    rank order), as Django's paginator, the API and Wagtail's results take them. A page no
    longer in `pages` (unpublished since the ids were read) is left out, never shown."""

    def __init__(self, ids, pages):
        self.ids = ids
        self.pages = pages

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("Search results are read a slice (a page of them) at a time.")
        wanted = list(self.ids[index])
        found = self.pages.in_bulk(wanted)
        return [found[pk] for pk in wanted if pk in found]


def postgres_backend(params):
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )

    class LanguagePostgresIndex(IndexInOwnLanguage, PostgresIndex):
        pass

    class PrefixQueryCompiler(PostgresSearchQueryCompiler):
        # The last word may be unfinished ("äldreoms" finds "äldreomsorg"), as on SQLite.
        LAST_TERM_IS_PREFIX = True

    class RankedIdsResults(PostgresSearchResults):
        _all_ids = None

        def all_ids(self) -> list:
            """Every matching id, best first (Wagtail's ranking and order), in one query
            that reads no page: the site search shows a slice of them and its facets count
            over them; the count is their number, not a second full-text query."""
            if self._all_ids is None:
                compiler = self.query_compiler
                found = compiler.search(
                    compiler.get_config(self.backend), None, None, backend=self.backend
                )
                self._all_ids = list(found.values_list("pk", flat=True))
            return self._all_ids

        def _do_count(self):
            return len(self.all_ids())

    class LanguagePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguagePostgresIndex
        query_compiler_class = PrefixQueryCompiler
        results_class = RankedIdsResults

        @property
        def config(self):
            return TEXT_SEARCH_CONFIGS.get(active_language(), "simple")

        @config.setter
        def config(self, value):
            # Wagtail's __init__ sets SEARCH_CONFIG here; the language decides instead.
            pass

    return LanguagePostgresSearchBackend(params)


def stem(word: str, language: str) -> str:
    stemmer_language = STEMMER_LANGUAGES.get(language)
    if not stemmer_language:
        return word
    return snowballstemmer.stemmer(stemmer_language).stemWord(word)


def fts5_prefix_query(query_string: str, operator: str, language: str) -> str:
    """`(kommuner* OR kommun*) AND (stad*)`: each word as typed and as its stem, as prefixes."""
    groups = []
    for term in query_string.lower().split():
        variants = dict.fromkeys([term, stem(term, language)])
        quoted = [f'"{variant.replace(chr(34), chr(34) * 2)}"*' for variant in variants if variant]
        groups.append("(" + " OR ".join(quoted) + ")")
    return f" {operator.upper()} ".join(groups)


def sqlite_backend(params):
    # Imported here: these modules define SQLite-only models that PostgreSQL sites lack.
    from django.db.models import Value
    from modelsearch.backends.database.sqlite.query import (
        LexemeCombinable,
        MatchExpression,
        SearchQueryExpression,
        normalize,
    )
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class FTS5Query(LexemeCombinable, Value):
        """A complete FTS5 query (Wagtail's lexemes do not parenthesise OR inside AND)."""

        def as_sql(self, compiler, connection):
            return "%s", [self.value]

    class RankedIds:
        def ranked_ids(self, config):
            """All matching ids, best first, in two queries. Wagtail's own ordering by
            relevance runs one full-text query per matching row (a correlated subquery):
            seconds for a few thousand hits, minutes for ten thousand."""
            cached = getattr(self, "_ranked_ids", None)
            if cached is not None:
                return cached
            query = normalize(self.query)
            if isinstance(query, (MatchAll, Not)):
                return None
            match = MatchExpression(
                self.fields or self.FTS_TABLE_FIELDS,
                self.build_search_query(query, config=config),
            )
            entries = (
                SQLiteFTSIndexEntry.objects.filter(match)
                .filter(
                    index_entry__content_type__in=get_descendants_content_types_pks(
                        self.queryset.model
                    )
                )
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            )
            scores = dict(entries.values_list("index_entry__object_id", "score"))
            candidates = self.queryset.filter(
                pk__in=entries.values("index_entry__object_id")
            ).values_list("pk", flat=True)
            # bm25: lower is better; ties newest first, as Wagtail orders them.
            self._ranked_ids = sorted(candidates, key=lambda pk: (scores[str(pk)], -pk))
            return self._ranked_ids

    class StemmedPrefixQueryCompiler(RankedIds, SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            match = fts5_prefix_query(query.query_string, query.operator, active_language())
            return SearchQueryExpression(FTS5Query(match), config=config) if match else None

    class RankedAutocompleteQueryCompiler(RankedIds, SQLiteAutocompleteQueryCompiler):
        pass

    class RankedResults(SQLiteSearchResults):
        def _ranked(self):
            compiler = self.query_compiler
            if not compiler.order_by_relevance or self._score_field is not None:
                return None
            return compiler.ranked_ids(compiler.get_config(self.backend))

        def _do_search(self):
            ranked = self._ranked()
            if ranked is None:
                return super()._do_search()
            pages = RankedPages(ranked, self.query_compiler.queryset.order_by())
            return pages[self.start : self.stop]

        def all_ids(self):
            """Every matching id, best first (None when not ranked by relevance)."""
            return self._ranked()

        def _do_count(self):
            ranked = self._ranked()
            return len(ranked) if ranked is not None else super()._do_count()

    class StemmedPrefixSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = StemmedPrefixQueryCompiler
        autocomplete_query_compiler_class = RankedAutocompleteQueryCompiler
        results_class = RankedResults

    return StemmedPrefixSQLiteSearchBackend(params)


def SearchBackend(params):  # noqa: N802 (Wagtail looks up this name)
    if connection.vendor == "postgresql":
        return postgres_backend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if fts5_available():
            return sqlite_backend(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)
