"""Case stories as their cards show them (templates/includes/case_card.html, the API's
`base.api_cards.CaseCardSchema`): image with its renditions, organisation and topics in the
case's language, in a fixed number of queries for any number of cases."""

from django.db.models import Prefetch

from base.listing import card_images
from base.models import Organisation, Topic
from webinars.models import in_own_language


def case_cards(cases) -> list:
    cases = list(
        cases.select_related("locale", "organisation").prefetch_related(
            Prefetch("image", queryset=card_images()),
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
        )
    )
    in_own_language(cases, "card_topics", lambda case: case.topics.all(), Topic.objects)
    in_own_language(
        cases,
        "card_organisations",
        lambda case: [case.organisation] if case.organisation else [],
        Organisation.objects,
    )
    for case in cases:
        case.card_organisation = next(iter(case.card_organisations), None)
    return cases
