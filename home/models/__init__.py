from .pages import BasePage, FeedbackMixin, HomePage, HomePageFeaturedSeries, SocialImageMixin
from .preview import PagePreview
from .snippets import Organisation, OrganisationKind, Person, Topic

__all__ = [
    "BasePage",
    "FeedbackMixin",
    "HomePage",
    "HomePageFeaturedSeries",
    "Organisation",
    "PagePreview",
    "OrganisationKind",
    "Person",
    "SocialImageMixin",
    "Topic",
]
