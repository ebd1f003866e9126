"""Every public page type and state is valid HTML, checked by the Nu Html Checker (vnu.jar).

The pages are rendered once with the seed content and checked in one vnu run (the JVM starts
slowly). vnu.jar comes from npm (package.json, `vnu-jar`; scripts/test.sh installs it) and runs on
the machine's Java. Errors fail the test; warnings are allowed and printed (`pytest -rP`)."""

import json
import shutil
import subprocess
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import GuidanceArticlePage, PressReleasePage
from cases.models import CaseStoryPage
from tests import factories
from webinars.models import WebinarEpisodePage, WebinarSeriesPage

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CONTROL_DOCUMENT = (
    '<!DOCTYPE html><html lang="sv"><head><title>Kontroll</title></head>'
    "<body><ul><p>Fel</p></ul></body></html>"
)


def run_vnu(files):
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        pytest.fail(
            "Nu Html Checker saknas: kör scripts/test.sh (npm ci installerar vnu-jar; "
            "Java 11 eller senare behövs, t.ex. apt-get install default-jre-headless)."
        )
    result = subprocess.run(  # noqa: S603 (fixed arguments, our own files)
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", "--stdout"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["messages"]


def seed_pages_and_states(client):
    """(name, path, expected status) for every public page type and state of the seeded site."""
    series = WebinarSeriesPage.objects.get(locale__language_code="sv")
    recorded = WebinarEpisodePage.objects.filter(locale__language_code="sv").first()
    upcoming = factories.WebinarEpisodePageFactory(
        parent=series,
        slug="kommande-webbinarium",
        title="Kommande webbinarium om tjänstedesign",
        upcoming=True,
        starts_at=timezone.now() + timedelta(days=10),
    )
    english_episode = WebinarEpisodePage.objects.filter(locale__language_code="en").first()
    case = CaseStoryPage.objects.filter(locale__language_code="sv").first()
    guidance = GuidanceArticlePage.objects.get(locale__language_code="sv")
    english_guidance = GuidanceArticlePage.objects.get(locale__language_code="en")
    release = PressReleasePage.objects.get()
    topic = recorded.topics.first()

    answer = client.post("/feedback/", {"page": guidance.pk, "helpful": "ja"})
    assert answer.status_code == 303
    thanks_url = answer["Location"].split("#")[0]

    catalogue = series.get_parent().url
    return [
        ("hem", "/", 200),
        ("katalog", catalogue, 200),
        ("katalog-filtrerad", f"{catalogue}?serie={series.slug}&amne={topic.slug}", 200),
        ("katalog-kommande", f"{catalogue}?visa=kommande", 200),
        ("katalog-filterfel", f"{catalogue}?ar=nittonhundra&talare=x", 200),
        ("katalog-sida-2", f"{catalogue}?sida=2", 200),
        ("serie", series.url, 200),
        ("avsnitt-inspelat", recorded.url, 200),
        ("avsnitt-kommande", upcoming.url, 200),
        ("exempelsamling", case.get_parent().url, 200),
        ("exempel", case.url, 200),
        ("vagledning", guidance.url, 200),
        ("vagledning-tack-for-svaret", thanks_url, 200),
        ("vagledning-klar", f"{guidance.url}?feedback=klar", 200),
        ("pressrum", release.get_parent().url, 200),
        ("pressmeddelande", release.url, 200),
        ("sok-tom", "/sok/", 200),
        ("sok-traffar", "/sok/?q=innovation", 200),
        ("sok-inga-traffar", "/sok/?q=xyzzyplugh", 200),
        ("404", "/finns-inte/", 404),
        ("en-hem", "/en/", 200),
        ("en-katalog", english_episode.get_parent().get_parent().url, 200),
        ("en-serie", english_episode.get_parent().url, 200),
        ("en-avsnitt", english_episode.url, 200),
        ("en-vagledning", english_guidance.url, 200),
        ("en-sok", "/en/sok/?q=innovation", 200),
        ("en-404", "/en/finns-inte/", 404),
    ]


def test_every_public_page_type_and_state_is_valid_html(client, db, seed_content, tmp_path):
    files = {}
    for name, path, status in seed_pages_and_states(client):
        response = client.get(path)
        assert response.status_code == status, (name, path, response.status_code)
        assert response["Content-Type"].startswith("text/html"), name
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[file.name] = f"{name} ({path})"

    # A control document with a known error proves the checker really read the files.
    (tmp_path / "kontroll.html").write_text(CONTROL_DOCUMENT)

    errors, warnings = defaultdict(list), defaultdict(list)
    control_errors = []
    for message in run_vnu(sorted(tmp_path.glob("*.html"))):
        url = message.get("url", "")
        if url.endswith("/kontroll.html"):
            control_errors.append(message["message"])
            continue
        page = files.get(url.rsplit("/", 1)[-1], url)
        text = (
            f"line {message.get('lastLine', '?')}: {message.get('message')} "
            f"[{(message.get('extract') or '').strip()[:120]}]"
        )
        if message["type"] == "error" or message["type"] == "non-document-error":
            errors[page].append(text)
        elif message.get("subType") == "warning":
            warnings[page].append(text)

    assert any("“p” not allowed as child of element “ul”" in text for text in control_errors), (
        control_errors
    )
    for page, texts in sorted(warnings.items()):
        print(f"vnu warnings for {page}:", *texts, sep="\n  ")
    assert not errors, "\n".join(
        f"{page}:\n  " + "\n  ".join(texts) for page, texts in sorted(errors.items())
    )
