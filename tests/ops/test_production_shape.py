"""The production shape on 127.0.0.1, started from what deploy/ holds: the systemd units'
commands with deploy/skl.env, real nginx (deploy/nginx/skl.conf) in front of the web server,
the worker, the periodic jobs, PostgreSQL and Redis. Pages, media through nginx, the English
interface, and a scheduled publish that happens (and reaches a webhook receiver through the
worker) with nobody running a command."""

import os
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests import factories
from tests.conftest import require_redis
from tests.home.test_i18n import translate
from tests.webhooks.conftest import Receiver
from webhooks.models import WebhookDelivery, WebhookEndpoint

from .conftest import closed_port, nginx_in_front_of, require_nginx, wait_for_port
from .test_bounded_time import database_url
from .test_production import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
HOST = "innovation.example.se"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the production shape runs on PostgreSQL",
    ),
]


def unit_command(unit: str) -> list[str]:
    """A unit's ExecStart, run from this checkout with this test's Python."""
    text = (DEPLOY / "systemd" / unit).read_text()
    assert "WorkingDirectory=/srv/skl/app\n" in text and "EnvironmentFile=/etc/skl/skl.env" in text
    command = shlex.split(re.search(r"^ExecStart=(.+)$", text, re.MULTILINE)[1])
    assert command[0] == "/srv/skl/app/.venv/bin/python", command
    return [sys.executable, *command[1:]]


def template_env() -> dict[str, str]:
    """The KEY=value lines of deploy/skl.env."""
    lines = (DEPLOY / "skl.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def production_env(tmp_path, port: int) -> dict[str, str]:
    """The template filled in as an operator does, for this machine's test services."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    env.update(template_env())
    env.update(
        SECRET_KEY=PRODUCTION_ENV["SECRET_KEY"],
        ALLOWED_HOSTS=HOST,
        WAGTAILADMIN_BASE_URL=f"https://{HOST}",
        DATABASE_URL=database_url(),
        REDIS_URL=require_redis(),
        CACHE_KEY_PREFIX=f"shape-{port}",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        STATIC_ROOT=str(tmp_path / "static"),
        PORT=str(port),
        WEB_CONCURRENCY="1",
    )
    return env


def manage(env, *commands):
    """Runs the management commands side by side and waits for all of them."""
    running = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *command.split()],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for command in commands
    ]
    for command, process in zip(commands, running, strict=True):
        output = process.communicate(timeout=300)[0]
        assert process.returncode == 0, f"{command}: {output}"


@contextmanager
def service(name, command, env, log_dir):
    log = (log_dir / f"{name}.log").open("w+")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.seek(0)
        print(f"--- {name}\n{log.read()[-3000:]}")  # shown when the test fails


@pytest.fixture
def production_shape(tmp_path):
    require_nginx()
    port = closed_port()
    env = production_env(tmp_path, port)
    # README, "Deploying": the release steps after migrate (pytest-django migrated this database).
    manage(env, "compile_translations", "collectstatic --noinput")
    # The only difference from deploy/skl.env: the worker may post webhooks to this machine,
    # where the test's receiver listens (production refuses internal addresses).
    (tmp_path / "shape_settings.py").write_text(
        "from cms.settings.production import *  # noqa\nWEBHOOKS_ALLOW_LOCAL = True\n"
    )
    worker_env = dict(env, DJANGO_SETTINGS_MODULE="shape_settings", PYTHONPATH=str(tmp_path))
    periodic = [*unit_command("skl-periodic.service"), "--every", "1"]  # the timer, faster
    with ExitStack() as stack:
        web = stack.enter_context(service("web", unit_command("skl-web.service"), env, tmp_path))
        worker_command = unit_command("skl-worker.service")
        stack.enter_context(service("worker", worker_command, worker_env, tmp_path))
        stack.enter_context(service("periodic", periodic, env, tmp_path))
        wait_for_port(port, web, "the web server", seconds=120)
        nginx_port = stack.enter_context(
            nginx_in_front_of(f"http://127.0.0.1:{port}", tmp_path, settings.MEDIA_ROOT)
        )
        yield f"http://127.0.0.1:{nginx_port}"


def get(url):
    """(status, content type, body) as a visitor behind the load balancer (HTTPS) sees it."""
    request = urllib.request.Request(  # noqa: S310 - a local test server
        url, headers={"Host": HOST, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.5)


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


def test_the_deployed_shape_serves_pages_media_english_and_publishes_on_schedule(
    home, locales, case_index, receiver, production_shape
):
    site = production_shape
    story = factories.CaseStoryPageFactory(parent=case_index, slug="tjanstedesign")
    english_home = translate(home, locales["en"])
    english_home.save_revision().publish()
    guide = factories.GuidanceArticlePageFactory(parent=home, slug="schemalagd", live=False)
    WebhookEndpoint.objects.create(url=receiver.url, event_types=["page.published"])
    guide.go_live_at = timezone.now() + timedelta(seconds=3)
    guide.save_revision().publish()  # scheduled: not live yet
    guide.refresh_from_db()
    assert not guide.live

    # A page through nginx, and its image (a rendition the web server made) from MEDIA_ROOT.
    status, _type, body = get(f"{site}/exempel/tjanstedesign/")
    assert status == 200, body[-2000:]
    html = body.decode()
    assert story.title in html
    image = re.search(r'<img[^>]+src="(/media/images/[^"]+)"', html)[1]
    status, content_type, body = get(f"{site}{image}")
    assert status == 200 and content_type.startswith("image/")
    assert body == (Path(settings.MEDIA_ROOT) / image.removeprefix("/media/")).read_bytes()

    # The English interface from the compiled translations.
    status, _type, body = get(f"{site}/en/")
    assert status == 200
    assert '<html lang="en">' in body.decode() and "Skip to main content" in body.decode()

    # The scheduled page goes live with nobody running a command (the timer's job), and the
    # worker delivers its webhook.
    assert get(f"{site}/schemalagd/")[0] == 404
    wait_until(lambda: get(f"{site}/schemalagd/")[0] == 200, 30, "not published on schedule")
    wait_until(lambda: receiver.requests, 30, "no webhook delivered")
    event = receiver.events()[0]
    assert (event["type"], event["data"]["id"]) == ("page.published", guide.pk)
    wait_until(
        lambda: WebhookDelivery.objects.filter(status="delivered").exists(),
        10,
        "the delivery was not recorded",
    )


def test_the_units_are_valid_systemd_units(tmp_path):
    analyze = "/usr/bin/systemd-analyze"
    if not Path(analyze).exists():
        pytest.skip("systemd-analyze saknas")
    paths = []
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        text = unit.read_text().replace("/srv/skl/app/.venv/bin/python", sys.executable)
        (tmp_path / unit.name).write_text(text.replace("/srv/skl/app", str(ROOT)))
        paths.append(str(tmp_path / unit.name))
    result = subprocess.run(  # noqa: S603
        [analyze, "verify", "--man=no", *paths], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_the_env_template_names_every_setting_the_code_reads():
    read = set()
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {"tests", "scripts", "node_modules"} or any(
            part.startswith(".") for part in path.parts
        ):
            continue
        text = path.read_text()
        read |= set(re.findall(r'os\.environ(?:\.get\(|\.setdefault\(|\[)"([A-Z0-9_]+)"', text))
        read |= set(re.findall(r'env_(?:bool|list|int)\("([A-Z0-9_]+)"', text))
    template = set(re.findall(r"^#? ?([A-Z0-9_]+)=", (DEPLOY / "skl.env").read_text(), re.M))
    assert read - template == set(), "missing from deploy/skl.env"
