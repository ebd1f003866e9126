"""Issue #25, item 9, in a real browser: a Publicist reads a long comment in full in the list,
approves it from its row after reading it again on the confirmation page, and it appears
under the press release."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import PressReleasePage
from comments.models import Comment
from editorial import roles
from tests import factories

from .test_editorial_roles import PASSWORD, log_in

pytestmark = pytest.mark.browser

RELEASE = "kommuner-och-landsting-far-stod-for-att-fornya-sina-verksamheter"
BODY = "Vi undrar hur stödet fungerar för mindre kommuner. " * 3 + "Sista meningen syns också."


def test_a_publisher_reads_the_whole_comment_and_approves_it_from_its_row(
    browser, seeded_site, shoot
):
    user = get_user_model().objects.create_user("publicist", password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.PUBLISHERS))
    release = PressReleasePage.objects.get(slug=RELEASE)
    comment = factories.CommentFactory(page=release, status="pending", name="Karin", body=BODY)

    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    log_in(page, seeded_site, "publicist")
    page.goto(seeded_site + "/admin/kommentarer/?status=pending")
    row = page.locator("tr", has_text="Sista meningen syns också.")
    assert row.is_visible()
    shoot("pending-list", target=page)
    row.get_by_role("link", name="Godkänn").click()
    page.wait_for_url("**/approve/**")
    page.get_by_text("Sista meningen syns också.").wait_for()  # visible, or a timeout
    shoot("confirm", target=page)
    page.get_by_role("button", name="Ja").click()
    page.wait_for_url("**/admin/kommentarer/**")
    context.close()

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    public = browser.new_page()
    public.goto(seeded_site + release.url)
    assert public.get_by_text("Sista meningen syns också.").is_visible()
    public.close()
