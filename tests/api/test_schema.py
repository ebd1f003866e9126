"""Issue #24, "A schema you can trust": the OpenAPI document says what the API answers.

Every answer of every public endpoint on the seeded site (every page type, both languages),
its errors included, is declared in /api/v3/openapi.json for its status and content type, and
its body validates against the declared schema (JSON Schema 2020-12, jsonschema)."""

import json
import re
import sys
import typing
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from ninja import NinjaAPI, Schema
from ninja.testing import TestClient
from pydantic import BaseModel
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models
from wagtailmedia.models import get_media_model

from base.api_types import BodyBlock, GuidanceBodyBlock
from base.blocks import BaseStreamBlock, GuidanceStreamBlock
from base.models import OrganisationKind, PagePreview
from comments.models import Comment
from core.api_http import register_error_handlers
from core.visibility import visible_pages
from feedback.models import Feedback

from .conftest import API

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


@pytest.fixture
def document(client, seed_content):
    return client.get(f"{API}/openapi.json").json()


def operation_for(document, method, url):
    path = url.split("?", 1)[0]
    for template, item in document["paths"].items():
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path) and method in item:
            return item[method]
    raise AssertionError(f"{method.upper()} {path} is not in the document")


def problems(document, response, method, url):
    """What is wrong with `response` by the document: [] when it is as declared."""
    operation = operation_for(document, method, url)
    declared = operation["responses"].get(str(response.status_code))
    where = f"{method.upper()} {url} → {response.status_code}"
    if declared is None:
        return [f"{where}: status not declared ({sorted(operation['responses'])})"]
    if not response.content:
        return []
    content_type = response["Content-Type"].split(";")[0]
    media = declared.get("content", {}).get(content_type)
    if media is None:
        return [f"{where}: {content_type} not declared ({sorted(declared.get('content', {}))})"]
    schema = {**media["schema"], "components": document["components"]}
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{where}: at /{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}"
        for error in validator.iter_errors(json.loads(response.content))
    ][:5]


def answers(client, requests):
    cache.clear()  # the rate limits
    for method, url, *body in requests:
        if method == "get":
            yield method, url, client.get(url)
        else:
            yield method, url, client.post(url, body[0], content_type="application/json")


def check(document, client, requests, ok=True):
    """The answers to `requests` (successful ones when `ok`), each as the document declares."""
    responses = list(answers(client, requests))
    found = [p for m, u, r in responses for p in problems(document, r, m, u)]
    if ok:
        found += [f"{m} {u}: {r.status_code}" for m, u, r in responses if r.status_code >= 400]
    assert not found, "\n".join(found)
    return [response for _method, _url, response in responses]


def pages():
    return list(visible_pages(Page.objects.filter(depth__gt=1)).specific().order_by("path"))


# --- the document -------------------------------------------------------------------------


def subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def test_schema_names_are_unique(client, home):
    """The document names a schema after its class: two classes of one name share one entry,
    the last one's shape documenting both (as `CommentIn` of feedback/ and comments/ did)."""
    document = client.get(f"{API}/openapi.json").json()
    by_name = defaultdict(set)
    for model in subclasses(BaseModel):
        by_name[model.__name__].add(model)
    project = Path(django_settings.BASE_DIR)
    ours = {
        name
        for name, models in by_name.items()
        for model in models
        if Path(getattr(sys.modules[model.__module__], "__file__", "/")).is_relative_to(project)
        and ".venv" not in sys.modules[model.__module__].__file__
    }
    clashes = {name: by_name[name] for name in ours & set(document["components"]["schemas"])}
    assert not {name: models for name, models in clashes.items() if len(models) > 1}


@pytest.mark.parametrize(
    ("stream_block", "union"),
    [(BaseStreamBlock, BodyBlock), (GuidanceStreamBlock, GuidanceBodyBlock)],
)
def test_every_block_of_a_body_is_typed(stream_block, union):
    members = typing.get_args(union.model_fields["root"].annotation)
    types = {typing.get_args(member.model_fields["type"].annotation)[0] for member in members}
    assert types == set(stream_block().child_blocks)


# Every public operation has requests in the tests below: a new endpoint must be added here.
COVERED = {
    *("pages_list", "pages_find", "pages_detail", "pages_changes"),
    *("redirects_list", "redirects_find", "redirects_detail"),
    *("documents_list", "documents_detail", "images_list", "images_detail"),
    *("site_find", "site_navigation", "site_breadcrumbs", "site_cards", "base_api_preview"),
    *("webinars_episodes_list", "webinars_episodes_detail", "webinars_series_list"),
    *("webinars_filters", "webinars_media_api_list_media", "webinars_media_api_get_media"),
    *("feedback_answer", "feedback_comment", "comments_list", "comments_create"),
    *("search", "search_suggestions"),
}


def test_every_public_operation_is_covered(client, home):
    document = client.get(f"{API}/openapi.json").json()
    public = {
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
        if {} in operation.get("security", [{}])
    }
    assert public == COVERED


def test_every_operation_declares_its_problems(client, home):
    document = client.get(f"{API}/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status in ("400", "404", "429", "503"):
                declared = operation["responses"][status]["content"]
                assert list(declared) == ["application/problem+json"], (method, path, status)
    problem = document["components"]["schemas"]["ProblemDetail"]
    assert {"type", "title", "status"} <= set(problem["required"])


def test_page_types_and_organisation_kinds_are_enums(client, home):
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]
    labels = {model._meta.label for model in get_page_models()}
    assert set(schemas["PageRefSchema"]["properties"]["type"]["enum"]) == labels
    kind = schemas["OrganisationSchema"]["properties"]["kind"]["$ref"].rsplit("/", 1)[1]
    assert schemas[kind]["enum"] == OrganisationKind.values


# --- what a front end reads -----------------------------------------------------------------


def test_every_page_of_every_type_as_documented(client, document):
    seeded = pages()
    assert len({type(page) for page in seeded}) >= 10
    requests = []
    for page in seeded:
        requests += [
            ("get", f"{API}/pages/{page.pk}/"),
            ("get", f"{API}/site/find/?path={page.url}"),
            ("get", f"{API}/site/breadcrumbs/{page.pk}/"),
        ]
    responses = check(document, client, requests)
    blocks = {block["type"] for r in responses[::3] for block in r.json().get("body", [])}
    assert {"heading", "paragraph", "quote", "key_facts", "featured"} <= blocks


def test_page_listings_as_documented(client, document):
    labels = sorted({page.specific_class._meta.label for page in pages()})
    requests = [
        ("get", f"{API}/pages/"),
        ("get", f"{API}/pages/?locale=en&limit=100"),
        ("get", f"{API}/pages/find/?html_path=/"),
        ("get", f"{API}/changes/"),
        ("get", f"{API}/changes/?locale=en&order=last_published_at"),
        ("get", f"{API}/site/navigation/"),
        ("get", f"{API}/site/navigation/?locale=en"),
    ]
    requests += [("get", f"{API}/pages/?type={label}") for label in labels]
    check(document, client, requests)


def test_webinar_endpoints_as_documented(client, document):
    from webinars.models import WebinarEpisodePage

    requests = []
    for language in ("sv", "en"):
        requests += [
            ("get", f"{API}/webinars/episodes/?locale={language}&limit=100"),
            ("get", f"{API}/webinars/episodes/?locale={language}&state=upcoming"),
            ("get", f"{API}/webinars/series/?locale={language}"),
            ("get", f"{API}/webinars/filters/?locale={language}"),
        ]
    for episode in WebinarEpisodePage.objects.visible():
        requests.append(("get", f"{API}/webinars/episodes/{episode.pk}/"))
    requests.append(("get", f"{API}/media/"))
    for media in get_media_model().objects.all()[:3]:
        requests.append(("get", f"{API}/media/{media.pk}/"))
    check(document, client, requests)


def test_search_documents_redirects_cards_and_previews_as_documented(client, document):
    seeded = pages()
    episode = next(page for page in seeded if type(page).__name__ == "WebinarEpisodePage")
    cases = next(page for page in seeded if type(page).__name__ == "CaseIndexPage")
    preview = PagePreview.snapshot(episode)
    file = get_document_model().objects.create(title="Bilaga", file=ContentFile(b"x", "a.txt"))
    redirect = Redirect.objects.create(old_path="/gammal-sida", redirect_page=seeded[0])
    requests = [
        ("get", f"{API}/webinars/episodes/{episode.pk}/?token={preview.token}"),
        ("get", f"{API}/site/cards/?child_of={cases.pk}"),
        ("get", f"{API}/site/cards/?child_of={seeded[0].pk}&limit=100"),
        ("get", f"{API}/documents/{file.pk}/"),
        ("get", f"{API}/redirects/"),
        ("get", f"{API}/redirects/{redirect.pk}/"),
        ("get", f"{API}/redirects/find/?html_path=/gammal-sida"),
        ("get", f"{API}/search/?q=innovation"),
        ("get", f"{API}/search/?q=innovation&locale=en"),
        ("get", f"{API}/search/?q=ledarskap&type=avsnitt"),
        ("get", f"{API}/search/suggestions/?q=inn"),
        ("get", f"{API}/documents/"),
        ("get", f"{API}/site/preview/?token={preview.token}"),
    ]
    check(document, client, requests)


def test_images_as_documented(client, document):
    requests = [("get", f"{API}/images/")]
    for image in get_image_model().objects.all()[:3]:
        requests.append(("get", f"{API}/images/{image.pk}/"))
    check(document, client, requests)


def test_public_forms_as_documented(client, document, settings):
    release = next(page for page in pages() if type(page).__name__ == "PressReleasePage")
    Comment.objects.create(page=release, body="Godkänd", status=Comment.Status.APPROVED)
    answer = json.dumps({"page": release.pk, "helpful": False})
    responses = list(answers(client, [("post", f"{API}/feedback/", answer)]))
    found = problems(document, responses[0][2], "post", f"{API}/feedback/")
    token = responses[0][2].json()["comment_token"]
    comment = json.dumps({"token": token, "comment": "Tack"})
    requests = [
        ("post", f"{API}/feedback/comment/", comment),
        ("post", f"{API}/feedback/comment/", comment),  # 409: the token is used
        ("get", f"{API}/comments/?page={release.pk}"),
        ("post", f"{API}/comments/", json.dumps({"page": release.pk, "body": "Bra!"})),
    ]
    found += [p for m, u, r in answers(client, requests) for p in problems(document, r, m, u)]
    assert not found, "\n".join(found)
    assert Feedback.objects.filter(comment="Tack").exists()


# --- errors ---------------------------------------------------------------------------------


def test_problems_as_documented(client, document, settings):
    """400, 401, 403, 404 and 413 answers of every kind of endpoint, as declared."""
    home = pages()[0]
    missing = 999_999
    requests = [
        ("get", f"{API}/pages/{missing}/"),
        ("get", f"{API}/pages/?limit=-1"),
        ("get", f"{API}/site/find/?path=/finns-inte/"),
        ("get", f"{API}/site/find/?path=/&answer=nej"),
        ("get", f"{API}/site/breadcrumbs/{missing}/"),
        ("get", f"{API}/site/navigation/?locale=xx"),
        ("get", f"{API}/site/preview/?token={'x' * 40}"),
        ("get", f"{API}/webinars/episodes/{missing}/"),
        ("get", f"{API}/webinars/episodes/?bogus=1"),
        ("get", f"{API}/webinars/series/?limit=1000"),
        ("get", f"{API}/webinars/filters/?locale=xx"),
        ("get", f"{API}/changes/?updated_since=igår"),
        ("get", f"{API}/media/{missing}/"),
        ("get", f"{API}/search/"),
        ("get", f"{API}/search/suggestions/?q={'x' * 500}"),
        ("get", f"{API}/comments/?page={missing}"),
        ("get", f"{API}/images/{missing}/"),
        ("get", f"{API}/schema/"),  # 401: for editors' tokens
        ("get", f"{API}/snippets/base.Topic/"),
        ("post", f"{API}/feedback/", json.dumps({"page": "ett", "helpful": True})),
        ("post", f"{API}/feedback/", json.dumps({"page": missing, "helpful": True})),
        ("post", f"{API}/feedback/comment/", json.dumps({"token": "x", "comment": "Hej"})),
        ("post", f"{API}/comments/", json.dumps({"page": home.pk, "body": "Hej"})),
        ("post", f"{API}/comments/", "{"),
        ("post", f"{API}/comments/", json.dumps({"page": home.pk, "body": "x" * 3_000_000})),
    ]
    check(document, client, requests, ok=False)


def test_an_answer_contradicting_its_schema_is_a_server_error():
    """Not Wagtail's "Validation failed" 422 (our 400): the client did nothing wrong."""
    api = NinjaAPI(urls_namespace="test_schema_contradiction")
    register_error_handlers(api)

    @api.get("/count", response=CountSchema)
    def count(request):
        return {"count": "many"}

    response = TestClient(api).get("/count")
    assert response.status_code == 500
    assert "many" not in response.content.decode()


class CountSchema(Schema):
    count: int


def test_too_many_requests_is_documented(client, document, settings):
    settings.RATE_LIMIT_SCALE = 0.001
    release = next(page for page in pages() if type(page).__name__ == "PressReleasePage")
    body = json.dumps({"page": release.pk, "body": "Igen"})
    responses = list(answers(client, [("post", f"{API}/comments/", body)] * 5))
    assert responses[-1][2].status_code == 429
    found = [p for m, u, r in responses for p in problems(document, r, m, u)]
    assert not found, "\n".join(found)
