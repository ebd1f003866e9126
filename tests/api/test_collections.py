"""Documents in a restricted collection never appear through the API."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from .conftest import API


@pytest.fixture
def documents(db):
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Internt")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type="password", password="hemligt"
    )
    Document = get_document_model()
    public = Document.objects.create(title="Offentlig", file=ContentFile(b"x", "offentlig.txt"))
    hidden = Document.objects.create(
        title="Intern", file=ContentFile(b"x", "intern.txt"), collection=internal
    )
    return public, hidden


def test_documents_of_restricted_collections_are_neither_listed_nor_served(client, documents):
    public, hidden = documents
    listed = {
        item["id"] for item in client.get(f"{API}/documents/", {"limit": 100}).json()["items"]
    }
    assert public.pk in listed
    assert hidden.pk not in listed
    assert client.get(f"{API}/documents/{hidden.pk}/").status_code == 404
    searched = client.get(f"{API}/documents/", {"search": "Intern"})
    assert searched.status_code == 200
    assert hidden.pk not in {item["id"] for item in searched.json()["items"]}
