"""No one guessing passwords (core/brute_force.py): the admin login and page passwords lock
after too many wrong guesses, say so in Swedish, and leave the attempts in the audit log."""

import pytest
from wagtail.models import ModelLogEntry, PageLogEntry

from tests.api.conftest import restrict

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("redaktor", "r@example.invalid", "rätt-lösen")


def login(client, username, password, address="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_right_password_logs_in(client, editor):
    editor.is_superuser = True
    editor.save()
    assert login(client, "redaktor", "rätt-lösen").status_code == 302


def test_an_account_locks_after_too_many_wrong_passwords(client, settings, editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert (
            login(client, "redaktor", f"fel-{attempt}", f"198.51.100.{attempt}").status_code == 200
        )
    # The last wrong guess allowed locks the account.
    assert login(client, "redaktor", "fel", "198.51.100.99").status_code == 429
    # Now even the right password, from yet another address, is refused for a while.
    response = login(client, "redaktor", "rätt-lösen", "192.0.2.1")
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    failures = ModelLogEntry.objects.filter(action="skl.login_failed", object_id=str(editor.pk))
    # Every attempt is there, the refused one with the right password too.
    assert failures.count() == settings.AXES_FAILURE_LIMIT + 1


def test_an_address_locks_after_guessing_many_accounts(client, settings, editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"gissning{attempt}", "fel")
    assert login(client, "redaktor", "rätt-lösen").status_code == 429
    # Another address is unaffected.
    editor.is_superuser = True
    editor.save()
    assert login(client, "redaktor", "rätt-lösen", "192.0.2.77").status_code == 302


def test_page_passwords_lock_after_too_many_wrong_guesses(client, settings, episode):
    restriction = restrict(episode, "password")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{episode.pk}/"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"password": "fel", "return_url": episode.url})
        assert response.status_code == 200  # the form again
    response = client.post(url, {"password": "hemligt", "return_url": episode.url})
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert response["Retry-After"]
    history = PageLogEntry.objects.filter(page=episode, action="skl.page_password_failed")
    assert history.count() == settings.AXES_FAILURE_LIMIT


def test_the_right_page_password_opens_the_page(client, episode):
    restriction = restrict(episode, "password")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{episode.pk}/"
    response = client.post(url, {"password": "hemligt", "return_url": episode.url})
    assert (response.status_code, response["Location"]) == (302, episode.url)


def test_an_unsafe_return_address_lands_on_the_home_page_not_a_404(client, episode):
    restriction = restrict(episode, "password")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{episode.pk}/"
    response = client.post(url, {"password": "hemligt", "return_url": "https://evil.example/"})
    assert response["Location"] == "/"
