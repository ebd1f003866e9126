"""Wagtail's database search backend, taught Swedish (and English on English pages).

Set as `WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"`; like Wagtail's own
`wagtail.search.backends.database` it picks the implementation from the database in use.
Only public extension points of the backend classes are used: the `index_class`,
`query_compiler_class` and `config` a backend has, `add_items` of an index, and
`LAST_TERM_IS_PREFIX` and `build_search_query_content` of a query compiler.

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
from wagtail.models import Locale
from wagtail.search.query import And, Or, PlainText

# PostgreSQL's text search configurations and Snowball's stemmers, per interface language.
TEXT_SEARCH_CONFIGS = {"sv": "swedish", "en": "english"}
STEMMER_LANGUAGES = {"sv": "swedish", "en": "english"}


def active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def stem(word: str, language: str) -> str:
    stemmer_language = STEMMER_LANGUAGES.get(language)
    if not stemmer_language:
        return word
    return snowballstemmer.stemmer(stemmer_language).stemWord(word)


def language_groups(objs):
    """Objects grouped by the language of their locale (objects without one: the default)."""
    locales = {}
    groups = defaultdict(list)
    for obj in objs:
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is not None and locale_id not in locales:
            locales.update(Locale.objects.in_bulk())
        locale = locales.get(locale_id)
        language = locale.language_code if locale else settings.LANGUAGE_CODE
        groups[language.split("-")[0]].append(obj)
    return groups.items()


class IndexInOwnLanguage:
    """Mixin for an index: each object is indexed under its own language (the indexer reads
    the backend's `config`, which follows the active language)."""

    def add_items(self, model, objs):
        for language, group in language_groups(objs):
            with translation.override(language):
                super().add_items(model, group)


class Word(PlainText):
    """One word of a query, already expanded to its variants."""


def word_variants(query: PlainText, language: str):
    """`kommuner stad` → (kommuner OR kommun) AND stad: each word as typed and as its stem."""
    groups = []
    for term in query.query_string.lower().split():
        variants = [Word(variant) for variant in dict.fromkeys([term, stem(term, language)])]
        groups.append(variants[0] if len(variants) == 1 else Or(variants))
    if not groups:
        return query
    if len(groups) == 1:
        return groups[0]
    return And(groups) if query.operator.lower() == "and" else Or(groups)


def postgres_backend(params):
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LanguagePostgresIndex(IndexInOwnLanguage, PostgresIndex):
        pass

    class PrefixQueryCompiler(PostgresSearchQueryCompiler):
        # The last word may be unfinished ("äldreoms" finds "äldreomsorg"), as on SQLite.
        LAST_TERM_IS_PREFIX = True

    class LanguagePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguagePostgresIndex
        query_compiler_class = PrefixQueryCompiler

        @property
        def config(self):
            return TEXT_SEARCH_CONFIGS.get(active_language(), "simple")

        @config.setter
        def config(self, value):
            # The backend's __init__ sets SEARCH_CONFIG here; the language decides instead.
            pass

    return LanguagePostgresSearchBackend(params)


def sqlite_backend(params):
    # Imported here: this module defines SQLite-only models that PostgreSQL sites lack.
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class StemmedPrefixQueryCompiler(SQLiteSearchQueryCompiler):
        # Each word is its own one-word query (word_variants), so every word is a prefix.
        LAST_TERM_IS_PREFIX = True

        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText) and not isinstance(query, Word):
                query = word_variants(query, active_language())
            return super().build_search_query_content(query, config=config)

    class StemmedPrefixSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = StemmedPrefixQueryCompiler

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
