"""GET /api/v3/openapi.json: Wagtail's generated OpenAPI document for the whole API (every
router cms/api.py registers), made valid."""

import functools
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import translation

from cms.api import api
from core.api_http import declare_responses


@functools.cache
def openapi_document_json(language) -> bytes:
    """Wagtail's generated OpenAPI 3.1 document in `language`, made valid. It depends only on
    the code and the language (field labels are translated), and building it takes half a
    second: built once per process and language.

    Wagtail declares anonymous access as an `http` security scheme without a `scheme`, which
    OpenAPI forbids; the standard way to say "no credentials needed" is an empty requirement."""
    with translation.override(language):
        document = json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))
        schemes = document.get("components", {}).get("securitySchemes", {})
        invalid = {name for name, scheme in schemes.items() if scheme == {"type": "http"}}
        for name in invalid:
            del schemes[name]
        for operation in (op for item in document["paths"].values() for op in item.values()):
            if "security" in operation:
                operation["security"] = [
                    {} if set(requirement) & invalid else requirement
                    for requirement in operation["security"]
                ]
        return json.dumps(declare_responses(document)).encode()


def openapi_json(request):
    document = openapi_document_json(translation.get_language())
    return HttpResponse(document, content_type="application/json")
