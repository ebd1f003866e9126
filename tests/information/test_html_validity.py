"""The information pages in both languages and the comment form given back after an error are
valid HTML, checked by the Nu Html Checker (the helper in tests/home/test_html_validity.py)."""

from wagtail.models import Page

from articles.models import PressReleasePage
from information.models import AccessibilityStatementPage, InformationPage
from tests.home.test_html_validity import run_vnu


def test_information_pages_and_the_comment_retry_page_are_valid_html(
    client, db, seed_content, tmp_path, settings
):
    pages = Page.objects.type(AccessibilityStatementPage, InformationPage).live()
    documents = {page.url: client.get(page.url) for page in pages}
    assert len(documents) == 8  # four pages, Swedish and English
    release = PressReleasePage.objects.get()
    settings.RATE_LIMIT_SCALE = 0
    documents["comment-retry"] = client.post(
        "/kommentarer/", {"page": release.pk, "name": "Karin", "body": "Hej <3"}
    )
    assert documents["comment-retry"].status_code == 429
    files = {}
    for number, (name, response) in enumerate(documents.items()):
        file = tmp_path / f"{number}.html"
        file.write_bytes(response.content)
        files[file.name] = name
    errors = [
        f"{files.get(message.get('url', '').rsplit('/', 1)[-1])}: {message['message']}"
        for message in run_vnu(sorted(tmp_path.glob("*.html")))
        if message["type"] in ("error", "non-document-error")
    ]
    assert errors == []
