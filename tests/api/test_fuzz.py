"""Property-based fuzzing (issue #23, "Done when"): every public GET and POST, the JSON API as
its own OpenAPI document describes it and the HTML forms (/feedback/, /feedback/kommentar/,
/kommentarer/, /sok/), with values drawn from the documented schemas mixed with hostile ones
(NUL bytes, lone surrogates, huge and non-finite numbers, wrong JSON types, long text).

For every request:
- never a 5xx;
- every answer's status is declared for its operation, and its JSON body (an error's
  `application/problem+json` too, with its own status in the body) validates against the
  schema declared for that status and content type.

Bounded and reproducible for CI: `derandomize=True`, FUZZ_EXAMPLES examples per operation
(about 20 s in all on PostgreSQL or SQLite)."""

import json
import math
import os
from urllib.parse import quote

import jsonschema
import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

pytestmark = pytest.mark.search_index

API = "/api/v3"
PROBLEM_JSON = "application/problem+json"
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the content is read, never changed by a request
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


# --- the document ---------------------------------------------------------------------------


def inline_refs(schema, components, seen=()):
    """The schema with every local `$ref` written out."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if ref and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            if name in seen:  # a recursive shape: anything from here down
                return {}
            return inline_refs(components[name], components, (*seen, name))
        return {key: inline_refs(value, components, seen) for key, value in schema.items()}
    if isinstance(schema, list):
        return [inline_refs(item, components, seen) for item in schema]
    return schema


def public_operations(document):
    """(operation id, method, path, operation) for every GET and POST an anonymous client may
    call: no security, or one that includes the empty requirement."""
    for path, item in document["paths"].items():
        for method in ("get", "post"):
            operation = item.get(method)
            if operation is None:
                continue
            security = operation.get("security")
            if security is None or {} in security:
                yield operation["operationId"], method, path, operation


@pytest.fixture(scope="module")
def fuzzed_site(module_pages):
    """A small site with something behind every endpoint, built once for the module: the
    shared pages (tests/conftest.py), the episode with a revision, the release a comment."""
    episode, release = module_pages["episode"], module_pages["release"]
    episode.save_revision().publish()
    factories.CommentFactory(page=release, body="Godkänd kommentar")
    return [episode.pk, release.pk, module_pages["series"].pk]


@pytest.fixture
def site(fuzzed_site, db, settings, client):
    """The site, rate limits out of the way, and the document the API serves for it."""
    settings.RATE_LIMIT_SCALE = 10_000
    return {"document": client.get(f"{API}/openapi.json").json(), "page_ids": fuzzed_site}


# --- values ---------------------------------------------------------------------------------

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "a\x00b",
        "\x00",
        "a\ud800b",
        "\udfff",
        "%00",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "=cmd|' /C calc'!A0",
        "ä" * 300,
        " ".join(["ord"] * 500),
        "(" * 200,
        "-1",
        "0",
        "1e400",
        "NaN",
        "Infinity",
        str(2**64),
        "9" * 40,
        "9" * 5000,
        "²",
        "٣",
        "1.5",
        "root",
        "true",
        "null",
        "[]",
        "{}",
        "sv",
        "en",
        "xx",
        "\u202e\u0301",
        "\ufeff",
    ]
)
ANY_TEXT = st.one_of(HOSTILE_TEXT, st.text(max_size=60))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    ANY_TEXT,
)
ANY_JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(ANY_TEXT, children, max_size=3)
    ),
    max_leaves=8,
)


def from_schema(schema):
    """Values a JSON schema (as the document's parameters and bodies use it) allows: types,
    enums and consts, anyOf/oneOf, bounds, lengths, required properties."""
    if not schema:
        return SCALARS
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([from_schema(option) for option in schema[key]])
    if "allOf" in schema:
        return from_schema(schema["allOf"][0])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": one}) for one in kind])
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates().map(str)
        if schema.get("format") == "date-time":
            return st.datetimes().map(lambda moment: moment.isoformat())
        return st.text(
            min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 40), 40)
        )
    if kind == "integer":
        low = schema.get("minimum", schema.get("exclusiveMinimum", -(2**40) - 1) + 1)
        high = schema.get("maximum", schema.get("exclusiveMaximum", 2**40 + 1) - 1)
        return st.integers(min_value=low, max_value=high)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {})), max_size=3)
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {name: from_schema(sub) for name, sub in properties.items() if name in required},
            optional={
                name: from_schema(sub) for name, sub in properties.items() if name not in required
            },
        )
    return SCALARS


def param_value(schema):
    """What the document allows for a parameter, or anything a client may send instead."""
    documented = from_schema(schema) if schema else st.nothing()
    return st.one_of(documented, documented, SCALARS, st.lists(SCALARS, max_size=3))


def as_query_text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def encode(text):
    """Percent-encoded as a (possibly broken) client would: surrogates pass through."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def query_string(pairs):
    parts = []
    for name, value in pairs:
        values = value if isinstance(value, list) else [value]
        for item in values:
            text = as_query_text(item)
            if text is not None:
                parts.append(f"{encode(name)}={encode(text)}")
    return "&".join(parts)


@st.composite
def api_request(draw, operation, method, path, page_ids, components):
    params = operation.get("parameters", [])
    url = path
    pairs = []
    for param in params:
        schema = inline_refs(param.get("schema", {}), components)
        if param["in"] == "path":
            value = draw(
                st.one_of(
                    st.sampled_from(page_ids),
                    st.integers(min_value=-1, max_value=2**70),
                    ANY_TEXT.filter(lambda text: "/" not in text and text not in ("", ".", "..")),
                )
            )
            url = url.replace("{" + param["name"] + "}", encode(str(value)))
        elif param["in"] == "query" and (param.get("required") or draw(st.booleans())):
            pairs.append((param["name"], draw(param_value(schema))))
    if draw(st.integers(min_value=0, max_value=4)) == 0:  # a parameter no one documented
        pairs.append((draw(ANY_TEXT), draw(ANY_TEXT)))
    if any(p["name"] in ("page",) and p["in"] == "query" for p in params) and draw(st.booleans()):
        pairs = [(name, v) for name, v in pairs if name != "page"]
        pairs.append(("page", draw(st.sampled_from(page_ids))))
    body = None
    if method == "post":
        body = draw(request_body(operation, page_ids, components))
    return url, query_string(pairs), body


def request_body(operation, page_ids, components):
    """Raw JSON text: from the documented body (ids that exist mixed in), anything JSON, or
    JSON that Python's parser reads but a database cannot store."""
    content = operation.get("requestBody", {}).get("content", {})
    schema = inline_refs(content.get("application/json", {}).get("schema", {}), components)
    documented = from_schema(schema).map(
        lambda data: with_known_page(data, page_ids) if isinstance(data, dict) else data
    )
    raw_documented = documented.map(lambda data: json.dumps(data, ensure_ascii=False))
    raw_any = ANY_JSON.map(json.dumps)
    raw_broken = st.sampled_from(
        [
            "",
            "{",
            "null",
            "[]",
            '{"page": Infinity, "helpful": true}',
            '{"page": 1e400, "helpful": true}',
            '{"page": NaN, "helpful": true}',
            '{"page": 1, "helpful": true, "website": [1]}',
            '{"page": 1, "helpful": true, "comment": "a\\u0000b"}',
            '{"page": 1, "helpful": true, "comment": "a\\ud800b"}',
            '{"page": 1, "body": "\\udfff", "name": "a\\u0000"}',
            '{"token": "\\ud800", "comment": "x"}',
            "[" * 5000 + "]" * 5000,
            '{"page": ' + "9" * 5000 + "}",
        ]
    )
    return st.one_of(raw_documented, raw_documented, raw_any, raw_broken)


def with_known_page(data, page_ids):
    if "page" in data and isinstance(data["page"], int):
        data = {**data, "page": page_ids[data["page"] % len(page_ids)]}
    return data


# --- checks ---------------------------------------------------------------------------------


def check_answer(response, operation, components, request_text):
    status = response.status_code
    assert status < 500, (request_text, status, response.content[:500])
    declared = operation["responses"].get(str(status))
    assert declared is not None, (request_text, f"{status} is not documented")
    content_type = response.get("Content-Type", "").split(";")[0]
    if status >= 400:
        assert content_type == PROBLEM_JSON, (request_text, status, content_type)
        problem = json.loads(response.content)
        assert problem["status"] == status, (request_text, problem)
        assert problem.get("detail") or problem.get("errors"), (request_text, problem)
    if not response.content or not content_type.endswith("json"):
        return
    media = declared.get("content", {}).get(content_type)
    assert media is not None, (request_text, f"{status} {content_type} is not documented")
    schema = {**media["schema"], "components": {"schemas": components}}
    try:
        jsonschema.validate(json.loads(response.content), schema, jsonschema.Draft202012Validator)
    except jsonschema.ValidationError as error:
        pytest.fail(f"{request_text}: {status} contradicts the schema: {error.message}")


# One test per operation, so a failure names the endpoint. The operations are read from the
# document at collection time (the project's own, as cms/api.py builds it).


def _collected_operations():
    from cms.openapi import openapi_document_json

    document = json.loads(openapi_document_json("sv"))
    return sorted(
        (operation_id, method, path)
        for operation_id, method, path, _operation in public_operations(document)
    )


OPERATIONS = _collected_operations()


def test_every_public_operation_is_fuzzed():
    """Nothing public is skipped: the anonymous GETs and POSTs the document lists."""
    ids = {operation_id for operation_id, _method, _path in OPERATIONS}
    for expected in (
        "pages_list",
        "pages_detail",
        "pages_find",
        "webinars_episodes_list",
        "feedback_answer",
        "feedback_comment",
        "comments_create",
        "comments_list",
        "search",
        "base_api_preview",
    ):
        assert expected in ids, expected


@pytest.mark.parametrize(("operation_id", "method", "path"), OPERATIONS)
def test_api_operation_never_fails_and_answers_as_documented(
    client, site, operation_id, method, path
):
    document = site["document"]
    components = document["components"]["schemas"]
    operation = document["paths"][path][method]

    @FUZZ
    @given(request=api_request(operation, method, path, site["page_ids"], components))
    def fuzz(request):
        url, query, body = request
        cache.clear()  # no example is refused for the ones before it
        if method == "get":
            response = client.get(url, QUERY_STRING=query)
        else:
            response = client.post(url, body, content_type="application/json", QUERY_STRING=query)
        check_answer(response, operation, components, f"{method.upper()} {url}?{query} {body!r}")

    fuzz()


# --- the HTML forms -------------------------------------------------------------------------

FORM_FIELDS = {
    "/feedback/": ["page", "helpful", "comment", "website"],
    "/feedback/kommentar/": ["token", "comment", "website"],
    "/kommentarer/": ["page", "name", "body", "website"],
}
SEARCH_FIELDS = ["q", "typ", "amne", "serie", "organisation", "ar", "sida"]


def form_value(page_ids):
    return st.one_of(
        st.sampled_from(page_ids).map(str),
        st.sampled_from(["ja", "nej", "yes", "on", "0"]),
        ANY_TEXT,
    )


@st.composite
def form_post(draw, url, page_ids):
    fields = FORM_FIELDS[url]
    chosen = draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)))
    data = {name: draw(form_value(page_ids)) for name in chosen}
    as_json = draw(st.booleans())
    if as_json:
        mixed = {
            name: draw(st.one_of(st.just(value), ANY_JSON, st.sampled_from(page_ids)))
            for name, value in data.items()
        }
        return "application/json", json.dumps(mixed)
    body = "&".join(f"{encode(name)}={encode(value)}" for name, value in data.items())
    return "application/x-www-form-urlencoded", body


def check_page_answer(response, request_text):
    status = response.status_code
    assert status < 500, (request_text, status, response.content[:500])
    if status >= 400:
        assert response.content.strip(), (request_text, status)  # a message, not nothing
        if response.get("Content-Type", "").startswith("application/json"):
            answer = json.loads(response.content)
            assert answer.get("error") or answer.get("detail"), request_text


@pytest.mark.parametrize("url", sorted(FORM_FIELDS))
def test_public_form_never_fails(client, site, url):
    @FUZZ
    @given(request=form_post(url, site["page_ids"]))
    def fuzz(request):
        content_type, body = request
        cache.clear()
        response = client.post(url, body, content_type=content_type)
        check_page_answer(response, f"POST {url} {content_type} {body!r}")

    fuzz()


def test_search_page_never_fails(client, site):
    @FUZZ
    @given(
        pairs=st.lists(
            st.tuples(st.sampled_from(SEARCH_FIELDS), ANY_TEXT), max_size=len(SEARCH_FIELDS)
        ),
        english=st.booleans(),
    )
    def fuzz(pairs, english):
        path = ("/en" if english else "") + "/sok/"
        query = query_string(pairs)
        response = client.get(path, QUERY_STRING=query)
        check_page_answer(response, f"GET {path}?{query}")

    fuzz()
