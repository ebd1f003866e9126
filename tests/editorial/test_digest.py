"""The weekly digest (issue #25): each editor who asked for it gets one Swedish e-mail
listing the "Behöver åtgärdas" items that are theirs: about the pages they own, the images
without alt text they uploaded (nobody's: every Redaktör's) and, for moderators, the comments
waiting; no one else gets anything."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail_factories import ImageFactory

from editorial import roles
from editorial.models import DigestSubscription
from feedback.models import Feedback
from tests import factories

pytestmark = pytest.mark.django_db


def editor(django_user_model, name, *, weekly=True, email=True, role=roles.EDITORS):
    user = django_user_model.objects.create_user(
        name, email=f"{name}@example.invalid" if email else "", password="lösen"
    )
    user.groups.add(Group.objects.get(name=role))
    DigestSubscription.objects.create(user=user, weekly=weekly)
    return user


def episode(series, **kwargs):
    """An episode whose thumbnail has alt text: nobody's image without it would go to every
    Redaktör (the last test)."""
    return factories.WebinarEpisodePageFactory(
        parent=series, thumbnail__description="Bild", **kwargs
    )


def episode_without_captions(series, owner, title):
    page = episode(series, title=title)
    # Saved without the captions rule, as test_attention.py does: one item under "captions".
    type(page).objects.filter(pk=page.pk).update(captions=None)
    Page.objects.filter(pk=page.pk).update(owner=owner)
    return page


def send():
    # The command's language comes from the settings, not the caller's: run it in English.
    with translation.override("en"):
        call_command("send_editor_digest", stdout=StringIO())


def test_an_owner_gets_one_mail_with_exactly_their_pages_items(django_user_model, series):
    anna = editor(django_user_model, "anna")
    bo = editor(django_user_model, "bo", weekly=False)
    own = episode_without_captions(series, anna, "Annas avsnitt")
    episode_without_captions(series, bo, "Bos avsnitt")
    episode(series, title="Annas fina avsnitt", owner=anna)

    send()

    [message] = mail.outbox
    assert message.to == ["anna@example.invalid"]
    body = message.body
    assert "Annas avsnitt" in body
    assert f"http://testserver/admin/pages/{own.pk}/edit/" in body
    assert "Bos avsnitt" not in body
    assert "Annas fina avsnitt" not in body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'<a href="http://testserver/admin/pages/{own.pk}/edit/">Annas avsnitt</a>' in html


def test_the_mail_is_swedish(django_user_model, series):
    anna = editor(django_user_model, "anna")
    episode_without_captions(series, anna, "Annas avsnitt")

    send()

    [message] = mail.outbox
    assert "behöver åtgärdas" in message.subject
    assert "Inspelningar utan textning" in message.body
    assert "Ladda upp textningen (WebVTT) under Inspelning." in message.body
    assert 'lang="sv"' in message.alternatives[0][0]


def test_no_mail_without_opt_in_without_address_or_with_nothing_to_do(django_user_model, series):
    bo = editor(django_user_model, "bo", weekly=False)
    cecilia = editor(django_user_model, "cecilia", email=False)
    david = editor(django_user_model, "david")
    unsubscribed = django_user_model.objects.create_user("eva", email="eva@example.invalid")
    episode_without_captions(series, bo, "Bos avsnitt")
    episode_without_captions(series, cecilia, "Cecilias avsnitt")
    episode_without_captions(series, unsubscribed, "Evas avsnitt")
    episode(series, title="Davids avsnitt", owner=david)

    send()

    assert mail.outbox == []


def test_only_the_kinds_the_owner_may_act_on(django_user_model, series):
    """Unhandled feedback needs the feedback report (Redaktörer have it); a user without it
    owning the page gets nothing about it."""
    anna = editor(django_user_model, "anna")
    outsider = django_user_model.objects.create_user("olle", email="olle@example.invalid")
    DigestSubscription.objects.create(user=outsider, weekly=True)
    for owner, title in ((anna, "Annas sida"), (outsider, "Olles sida")):
        page = episode(series, title=title, owner=owner)
        Feedback.objects.create(page=page, page_title=title, helpful=False, comment="Fel")

    send()

    [message] = mail.outbox
    assert message.to == ["anna@example.invalid"]
    assert "Ohanterad återkoppling" in message.body
    assert "Annas sida" in message.body
    assert "Olles sida" not in message.body


def test_an_editor_turns_the_digest_on_in_the_account_settings(django_user_model):
    user = editor(django_user_model, "anna", weekly=False)
    client = Client()
    client.force_login(user)

    page = client.get("/admin/account/")
    assert "Veckobrev om dina sidor" in page.content.decode()

    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Anna",
            "name_email-last_name": "Ek",
            "name_email-email": "anna@example.invalid",
            "editor_digest-weekly": "on",
            "locale-preferred_language": "sv",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )

    assert response.status_code == 302
    assert DigestSubscription.objects.get(user=user).weekly


def test_moderators_who_asked_get_the_comments_waiting(django_user_model, series):
    editor(django_user_model, "anna")  # a Redaktör: does not moderate
    editor(django_user_model, "petra", role=roles.PUBLISHERS)
    editor(django_user_model, "pelle", role=roles.PUBLISHERS, weekly=False)
    page = episode(series)
    factories.CommentFactory(page=page, status="pending")
    factories.CommentFactory(page=page, status="pending")

    send()

    [message] = mail.outbox
    assert message.to == ["petra@example.invalid"]
    assert "Kommentarer att granska" in message.body
    assert "2 väntar på granskning." in message.body
    assert "http://testserver/admin/kommentarer/" in message.body


def test_an_image_without_alt_text_goes_to_its_uploader_and_nobodys_to_the_editors(
    django_user_model, series
):
    anna = editor(django_user_model, "anna")
    editor(django_user_model, "bo")
    editor(django_user_model, "petra", role=roles.PUBLISHERS)
    root = Collection.get_first_root_node()
    annas = ImageFactory(title="annas-bild", description="", uploaded_by_user=anna, collection=root)
    nobodys = ImageFactory(title="ingens-bild", description="", collection=root)
    for image in (annas, nobodys):
        page = factories.WebinarEpisodePageFactory(parent=series, thumbnail=image)
        ReferenceIndex.create_or_update_for_object(page)

    send()

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert set(bodies) == {"anna@example.invalid", "bo@example.invalid"}
    assert "Bilder utan alternativtext" in bodies["anna@example.invalid"]
    assert "annas-bild" in bodies["anna@example.invalid"]
    assert f"/admin/images/{annas.pk}/" in bodies["anna@example.invalid"]
    assert "ingens-bild" in bodies["anna@example.invalid"]
    assert "annas-bild" not in bodies["bo@example.invalid"]
    assert "ingens-bild" in bodies["bo@example.invalid"]
