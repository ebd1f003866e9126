"""SKL's roles (editorial/roles.py), created by a data migration: each group can reach the
screens of its job, and only those actions its role has."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import GroupApprovalTask, Workflow

from editorial import roles

pytestmark = pytest.mark.django_db

EVERYONES_SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/aterkoppling/",
    "/admin/snippets/base/person/",
    "/admin/snippets/base/person/add/",
    "/admin/snippets/base/topic/add/",
    "/admin/snippets/base/organisation/add/",
    "/admin/redirects/",
    "/admin/redirects/add/",
    "/admin/searchpicks/",
    "/admin/searchpicks/add/",
    "/admin/sokstatistik/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/media/",
]


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(group_name.lower(), password="lösen")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


def test_the_migration_creates_skls_three_groups_in_swedish():
    names = set(Group.objects.values_list("name", flat=True))

    assert {"Redaktörer", "Publicister", "Administratörer"} <= names
    assert not names & {"Editors", "Moderators"}


def test_the_workflow_and_its_task_are_named_in_swedish_and_go_to_the_publishers():
    workflow = Workflow.objects.get(name="Granskning")
    task = GroupApprovalTask.objects.get(name="Granskning av publicist")

    assert list(workflow.tasks.values_list("name", flat=True)) == ["Granskning av publicist"]
    assert list(task.groups.values_list("name", flat=True)) == ["Publicister"]
    assert not Workflow.objects.filter(name__icontains="moderators").exists()


@pytest.mark.parametrize("group_name", [roles.EDITORS, roles.PUBLISHERS, roles.ADMINISTRATORS])
def test_every_role_reaches_the_screens_of_the_job(django_user_model, home, group_name):
    client = member_of(django_user_model, group_name)

    for url in [*EVERYONES_SCREENS, f"/admin/pages/{home.pk}/add_subpage/"]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_an_editor_cannot_publish_or_moderate_but_a_publisher_can(django_user_model, home):
    editor = django_user_model.objects.create_user("r", password="x")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    publisher = django_user_model.objects.create_user("p", password="x")
    publisher.groups.add(Group.objects.get(name=roles.PUBLISHERS))

    assert home.permissions_for_user(editor).can_add_subpage()
    assert home.permissions_for_user(editor).can_edit()
    assert not home.permissions_for_user(editor).can_publish()
    assert home.permissions_for_user(publisher).can_publish()
    assert not editor.has_perm("comments.moderate_comment")
    assert publisher.has_perm("comments.moderate_comment")
    assert editor.has_perm("feedback.view_feedback")
    assert not editor.has_perm("feedback.change_feedback")
    assert publisher.has_perm("feedback.change_feedback")


def test_comments_are_the_publishers_screen(django_user_model):
    assert (
        member_of(django_user_model, roles.PUBLISHERS).get("/admin/kommentarer/").status_code == 200
    )
    editor = member_of(django_user_model, roles.EDITORS).get("/admin/kommentarer/")
    assert editor.status_code in (302, 403)


def test_administrators_manage_users_and_groups(django_user_model):
    client = member_of(django_user_model, roles.ADMINISTRATORS)

    for url in ["/admin/users/", "/admin/groups/", "/admin/workflows/list/", "/admin/locales/"]:
        assert client.get(url).status_code == 200, url
