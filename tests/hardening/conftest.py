"""Hostile input, outages and error formats (issue #23). Every database test here aims at
the same few pages: each module builds them once (module_pages, tests/conftest.py), and each
test gets its own copies."""

from tests.conftest import copies_of

home = copies_of("home")
episode = copies_of("episode")
article = copies_of("article")
release = copies_of("release")
