"""The reference front end (frontend/, Astro on the client generated from the OpenAPI document)
in Chromium against the live server: every page type in both languages (the API's content,
axe and the Nu checker clean), feedback and comments posted through it to the API, a publish
shown at once after the signed webhook, and an editor's draft from the preview token.

It is built once per test run (generate the client, `astro check`, `astro build`: workers
share the build) and served by Node for each process; `npm ci` in frontend/ is scripts/test.sh's."""

import base64
import fcntl
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.home.test_html_validity import run_vnu
from webhooks.signing import signed_headers

from .conftest import axe_violations

pytestmark = pytest.mark.browser

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
SECRET = "whsec_" + base64.b64encode(b"the reference front end's test!!").decode()
# One build per test run, shared by the pytest-xdist workers (the same TESTRUNUID).
RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex

SERIES_SV = "/webbinarier/politiskt-ledarskap-och-innovation/"
SERIES_EN = "/en/webinars/political-leadership-and-innovation/"
EPISODE_SV = SERIES_SV + "inledning/"
EPISODE_EN = SERIES_EN + "introduction/"
RELEASE = "/press/kommuner-och-landsting-far-stod-for-att-fornya-sina-verksamheter/"


def npx(*commands):
    """Runs tools from frontend/node_modules side by side; their output shows if one fails."""
    env = {**os.environ, "ASTRO_TELEMETRY_DISABLED": "1"}
    npx = shutil.which("npx") or "npx"
    running = [
        subprocess.Popen(  # noqa: S603 (fixed tools, our own files)
            [npx, "--no-install", *command],
            cwd=FRONTEND,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for command in commands
    ]
    for command, process in zip(commands, running, strict=True):
        output = process.communicate(timeout=300)[0]
        assert process.returncode == 0, f"{' '.join(command)}:\n{output}"


@pytest.fixture(scope="session")
def frontend_build(tmp_path_factory):
    """frontend/dist, built from this checkout's OpenAPI document."""
    if not (FRONTEND / "node_modules" / ".bin" / "astro").exists():
        pytest.fail("frontend/node_modules saknas: kör scripts/test.sh (npm ci i frontend/).")
    from cms.openapi import openapi_document_json

    stamp = FRONTEND / "dist" / ".test-run"
    with open(FRONTEND / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists() or stamp.read_text() != RUN:
            document = tmp_path_factory.mktemp("openapi") / "openapi.json"
            document.write_bytes(openapi_document_json("sv"))
            npx(["openapi-typescript", str(document), "-o", "src/api/schema.d.ts"])
            # Type-checks the templates and modules against the generated client, and builds.
            npx(["astro", "check"], ["astro", "build"])
            stamp.write_text(RUN)
    return FRONTEND / "dist"


@pytest.fixture(scope="session")
def frontend(frontend_build, site_server):
    """The built front end served by Node, asking this process's site server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "SKL_API": site_server.replace("localhost", "127.0.0.1"),
        "SKL_WEBHOOK_SECRET": SECRET,
        "SKL_CACHE_SECONDS": "600",  # only the webhook makes a change show
    }
    server = subprocess.Popen(  # noqa: S603
        [shutil.which("node") or "node", str(frontend_build / "server" / "entry.mjs")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, "the front end's Node server stopped"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def send_event(url, data):
    """A signed event as the CMS sends it; answers the front end's status."""
    body = json.dumps({"id": f"msg_{uuid.uuid4().hex}", "type": "page.published", "data": data})
    headers = signed_headers(SECRET, "msg_test", int(time.time()), body.encode())
    request = urllib.request.Request(  # noqa: S310 (our own front end on 127.0.0.1)
        url + "/api/revalidate",
        data=body.encode(),
        method="POST",
        headers={**headers, "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def site(seeded_site, frontend):
    """The front end, its cache emptied: each test's database starts from the seed again."""
    assert send_event(frontend, {"paths": []}) == 200
    return frontend


PAGES = [
    # (path, lang, the h1 from the API, a further text the page must show: its cards' too)
    ("/", "sv", "SKL – användardriven innovation", "Aktuella webbinarier"),
    ("/en/", "en", "SKL – user-driven innovation", "Current webinars"),
    ("/webbinarier/", "sv", "Webbinarier", "Filtrera webbinarier"),
    ("/en/webinars/", "en", "Webinars", "Filter webinars"),
    (SERIES_SV, "sv", "Politiskt ledarskap och innovation", "Inledning"),
    (SERIES_EN, "en", "Political leadership and innovation", "Introduction"),
    (EPISODE_SV, "sv", "Inledning", "Transkribering"),
    (EPISODE_EN, "en", "Introduction", "Transcript"),
    (RELEASE, "sv", "Kommuner och landsting får stöd för att förnya sina verksamheter", "Om SVID"),
    ("/press/", "sv", "Pressmeddelanden", "Kommuner och landsting får stöd"),
    ("/en/cases/", "en", "Cases", "Oxelösund's elderly care"),
]


def test_every_page_type_in_both_languages_shows_the_apis_content_accessibly(
    site, page, shoot, tmp_path
):
    for path, lang, title, text in PAGES:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == lang
        assert page.get_by_role("heading", level=1).inner_text() == title, path
        assert page.get_by_text(text).first.is_visible(), path
        assert axe_violations(page) == [], path
        name = path.strip("/").replace("/", "-") or "home"
        (tmp_path / f"{name}.html").write_text(page.content(), encoding="utf-8")
        shoot(name)
    errors = [m for m in run_vnu(sorted(tmp_path.glob("*.html"))) if m["type"] == "error"]
    assert errors == []

    # The episode: the player with its captions track, chapters, the feedback question.
    page.goto(site + EPISODE_SV)
    track = page.locator("video track[kind=captions]")
    assert track.get_attribute("src").endswith(".vtt")
    assert page.get_by_role("heading", name="Kapitel").is_visible()
    page.get_by_role("link", name="0:10 Inledning").click()  # a chapter starts the video there
    page.wait_for_url("**?t=10")
    assert page.locator("video source").get_attribute("src").endswith("#t=10")
    assert page.get_by_role("link", name="English").get_attribute("href") == EPISODE_EN
    assert page.get_by_role("heading", name="Hjälpte informationen på sidan dig?").is_visible()
    # Keyboard: the skip link comes first and leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till huvudinnehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.goto(site + "/finns-inte/").status == 404


def test_the_catalogue_filters_with_the_apis_options(site, page):
    page.goto(site + "/en/webinars/")
    assert page.get_by_role("heading", name="5 episodes").is_visible()
    page.get_by_label("Topic").select_option(label="Elderly care (1)")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**topic=elderly-care**")
    assert page.get_by_role("heading", name="1 episode", exact=True).is_visible()
    assert page.get_by_role("heading", level=3).all_inner_texts() == [
        "Oxelösund's elderly care – from the bottom to the top through service design"
    ]
    assert axe_violations(page) == []


def test_feedback_and_a_comment_go_through_the_front_end_to_the_api(site, page):
    from comments.models import Comment
    from feedback.models import Feedback

    page.goto(site + EPISODE_EN)
    page.get_by_role("button", name="Yes").click()
    page.get_by_role("status").filter(has_text="Thank you for helping us!").wait_for()
    feedback = Feedback.objects.get()
    assert (feedback.helpful, feedback.page.url_path.endswith("/introduction/")) == (True, True)
    # The follow-up question, tied to that answer by the API's token (kept in a cookie).
    page.get_by_label("What could we do better? (optional)").fill("More captions, please.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send comment").click()
    page.get_by_role("status").filter(has_text="Thank you for your comment!").wait_for()
    feedback.refresh_from_db()
    assert feedback.comment == "More captions, please."

    page.goto(site + RELEASE)
    assert page.get_by_role("heading", name="Kommentarer (0)").is_visible()
    page.get_by_label("Namn (frivilligt)").fill("Anna")
    page.get_by_label("Kommentar", exact=True).fill("Hur söker man stödet?")
    page.get_by_role("button", name="Kommentera").click()
    page.get_by_role("status").filter(has_text="Tack för din kommentar!").wait_for()
    comment = Comment.objects.get()
    assert (comment.name, comment.body, comment.status) == (
        "Anna",
        "Hur söker man stödet?",
        "pending",
    )
    assert axe_violations(page) == []


def test_a_publish_shows_at_once_after_the_signed_webhook(site, page, settings):
    from webhooks.models import WebhookDelivery, WebhookEndpoint
    from webinars.models import WebinarEpisodePage

    settings.WEBHOOKS_ALLOW_LOCAL = True
    WebhookEndpoint.objects.create(url=site + "/api/revalidate", secret=SECRET)
    episode = WebinarEpisodePage.objects.get(url_path__endswith="/inledning/")
    page.goto(site + SERIES_SV)
    page.goto(site + EPISODE_SV)
    assert page.get_by_role("heading", level=1).inner_text() == "Inledning"

    # The front end keeps its answers: a change that sends no event does not show...
    WebinarEpisodePage.objects.filter(pk=episode.pk).update(title="Ändrad utan händelse")
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == "Inledning"
    # ...nor does a forged event.
    headers = {
        "webhook-id": "x",
        "webhook-timestamp": str(int(time.time())),
        "webhook-signature": "v1,eA==",
        "Content-Type": "application/json",
    }
    forged = urllib.request.Request(  # noqa: S310
        site + "/api/revalidate", data=b"{}", method="POST", headers=headers
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=10)  # noqa: S310
    assert refused.value.code == 401

    # Publishing sends the signed event; the page and the series listing it are fresh at once.
    episode.refresh_from_db()
    episode.title = "Inledning, ny version"
    episode.save_revision().publish()
    delivery = WebhookDelivery.objects.get(event_type="page.published")
    assert (delivery.status, delivery.response_status) == ("delivered", 200)
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == "Inledning, ny version"
    page.goto(site + SERIES_SV)
    assert page.get_by_role("link", name="Inledning, ny version").is_visible()


def test_the_admins_preview_opens_the_draft_in_the_front_end(site, page, settings, rf):
    from webinars.models import WebinarEpisodePage

    settings.HEADLESS_PREVIEW_URL = site + "/preview"
    episode = WebinarEpisodePage.objects.get(url_path__endswith="/inledning/")
    episode.title = "Inledning (utkast)"  # the editor's unsaved form, as the admin hands it over
    preview = episode.serve_preview(rf.get("/admin/"), episode.default_preview_mode)
    assert preview["Location"].startswith(site + "/preview?token=")

    response = page.goto(preview["Location"])
    assert response.status == 200
    assert response.headers["cache-control"] == "no-store"
    assert page.get_by_role("heading", level=1).inner_text() == "Inledning (utkast)"
    assert page.get_by_role("status").inner_text().startswith("Förhandsgranskning")
    assert page.locator("video track[kind=captions]").count() == 1
    assert axe_violations(page) == []
    # The live page is untouched; an unknown token shows why there is nothing.
    page.goto(site + EPISODE_SV)
    assert page.get_by_role("heading", level=1).inner_text() == "Inledning"
    assert page.goto(f"{site}/preview?token={'x' * 43}").status == 404
