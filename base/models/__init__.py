from .pages import BasePage, SocialImageMixin
from .preview import PagePreview
from .snippets import Organisation, OrganisationKind, Person, Topic

__all__ = [
    "BasePage",
    "Organisation",
    "OrganisationKind",
    "PagePreview",
    "Person",
    "SocialImageMixin",
    "Topic",
]
