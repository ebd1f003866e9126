from .pages import BasePage, FeedbackMixin, HomePage, HomePageFeaturedSeries, SocialImageMixin
from .snippets import Organisation, OrganisationKind, Person, Topic

__all__ = [
    "BasePage",
    "FeedbackMixin",
    "HomePage",
    "HomePageFeaturedSeries",
    "Organisation",
    "OrganisationKind",
    "Person",
    "SocialImageMixin",
    "Topic",
]
