import json

import pytest
from django.core.cache import cache

from tests.conftest import copies_of

SUBMIT_URL = "/kommentarer/"
API = "/api/v3/comments/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


# Every database test here comments on the same few pages, built once per module
# (module_pages, tests/conftest.py); each test gets its own copies.
home = copies_of("home")
press_index = copies_of("press_index")
release = copies_of("release")


@pytest.fixture
def moderator(django_user_model):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Kommentarsgranskare")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="moderate_comment"),
    )
    user = django_user_model.objects.create_user("granskare", "g@example.invalid", "lösen")
    user.groups.add(group)
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    """An editor with admin access but without the moderation permission."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Redaktörer utan granskning")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("redaktor2", "x@example.invalid", "lösen")
    user.groups.add(group)
    client.force_login(user)
    return client


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)
