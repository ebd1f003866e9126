"""Wagtail's database search backend, taught Swedish (and English on English pages): on
PostgreSQL a text search configuration per language, on SQLite (FTS5, no Swedish stemmer)
each word matched as a prefix as typed and as its Snowball stem. How and why: docs/search.md."""

from collections import defaultdict

import snowballstemmer
from django.conf import settings
from django.db import connection
from django.utils import translation
from wagtail.models import Locale
from wagtail.search.query import And, Or, PlainText

# PostgreSQL's text search configuration and Snowball's stemmer (same names) per language.
LANGUAGES = {"sv": "swedish", "en": "english"}


def active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def stem(word: str, language: str) -> str:
    if language not in LANGUAGES:
        return word
    return snowballstemmer.stemmer(LANGUAGES[language]).stemWord(word)


class IndexInOwnLanguage:
    """Mixin for an index: each object is indexed under its own locale's language (the indexer
    reads the backend's `config`, which follows the active language)."""

    def add_items(self, model, objs):
        languages, groups = {}, defaultdict(list)
        for obj in objs:
            locale_id = getattr(obj, "locale_id", None)
            if locale_id is not None and not languages:
                languages = dict(Locale.objects.values_list("pk", "language_code"))
            groups[languages.get(locale_id, settings.LANGUAGE_CODE).split("-")[0]].append(obj)
        for language, group in groups.items():
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
            return LANGUAGES.get(active_language(), "simple")

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
