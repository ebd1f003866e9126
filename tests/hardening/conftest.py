"""Hostile input, outages and error formats (issue #23). Every database test here aims at
the same few pages: each module builds them once (module_pages, tests/conftest.py), and each
test gets its own copies."""

import copy

import pytest


@pytest.fixture
def home(module_pages, db):
    return copy.deepcopy(module_pages["home"])


@pytest.fixture
def episode(module_pages, db):
    return copy.deepcopy(module_pages["episode"])


@pytest.fixture
def article(module_pages, db):
    return copy.deepcopy(module_pages["article"])


@pytest.fixture
def release(module_pages, db):
    return copy.deepcopy(module_pages["release"])
