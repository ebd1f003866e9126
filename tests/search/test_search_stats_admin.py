"""The admin report "Sökstatistik" and its permission."""

import pytest
from django.contrib.auth.models import Group, Permission

from search.models import SearchTermDay

pytestmark = pytest.mark.search_index


def test_editor_sees_popular_and_unanswered_searches(admin_client, corpus):
    SearchTermDay.record("tjänstedesign", "sv", found=True)
    SearchTermDay.record("tjänstedesign", "sv", found=True)
    SearchTermDay.record("parkeringstillstånd", "sv", found=False)
    response = admin_client.get("/admin/sokstatistik/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "tjänstedesign" in html and "parkeringstillstånd" in html
    assert [row["terms"] for row in response.context["without_results"]] == ["parkeringstillstånd"]
    assert response.context["popular"][0] == {
        "terms": "tjänstedesign",
        "total": 2,
        "without_results": 0,
    }
    # Bad period values fall back to the default.
    assert admin_client.get("/admin/sokstatistik/", {"period": "x"}).status_code == 200


def test_report_needs_its_permission(client, django_user_model, corpus):
    user = django_user_model.objects.create_user("redaktor2", password="lösen")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    denied = client.get("/admin/sokstatistik/")
    assert denied.status_code == 302 and denied.url == "/admin/"  # Wagtail's "no permission"
    group = Group.objects.create(name="Analys")
    group.permissions.add(Permission.objects.get(codename="view_searchtermday"))
    user.groups.add(group)
    assert client.get("/admin/sokstatistik/").status_code == 200
