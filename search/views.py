"""The search page (/sok/, /en/sok/); its box's suggestions come from the API
(/api/v3/search/suggestions/, search/api.py).

It works without JavaScript (a GET form, filters as links, ?sida= pages); bad input is
explained on the page with status 200, never a server error."""

from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from base.listing import paginate

from .filters import resolve_filters
from .models import SearchTermDay
from .query import MAX_QUERY_LENGTH, QueryProblem, clean_query, site_search
from .results import promotions_for, result_cards

RESULTS_PER_PAGE = 10
# Filter name in search.query → its URL parameter on the page (the API uses the names) and
# its heading; lazy, so that /en/sok/ has English headings.
FACETS = {
    "type": ("typ", gettext_lazy("Typ")),
    "topic": ("amne", gettext_lazy("Ämne")),
    "series": ("serie", gettext_lazy("Serie")),
    "organisation": ("organisation", gettext_lazy("Organisation")),
    "year": ("ar", gettext_lazy("År")),
}


def search(request):
    locale = Locale.get_active()
    raw_query = request.GET.get("q", "")
    context = {
        "search_query": raw_query.strip()[:MAX_QUERY_LENGTH],
        "max_query_length": MAX_QUERY_LENGTH,
        "problems": [],
        "notes": [],
    }
    if "q" not in request.GET:
        return TemplateResponse(request, "search/search.html", context)

    try:
        query, notes = clean_query(raw_query)
    except QueryProblem as problem:
        context["problems"].append(str(problem))
        return TemplateResponse(request, "search/search.html", context)
    context["notes"] = notes

    raw_filters = {name: request.GET.get(param, "").strip() for name, (param, _) in FACETS.items()}
    chosen, filter_problems = resolve_filters(locale, raw_filters)
    context["problems"].extend(str(message) for message in filter_problems.values())
    for name in filter_problems:
        raw_filters[name] = ""  # explained on the page, then ignored

    results, facets = site_search(query, locale, chosen)
    page_of_results = paginate(request, results, RESULTS_PER_PAGE)
    total = page_of_results.paginator.count
    if request.GET.get("sida", "1") == "1":  # a search is counted once, not once per page
        SearchTermDay.record(query, locale.language_code, found=bool(total))

    kept = {"q": query, **{FACETS[k][0]: v for k, v in raw_filters.items() if v}}
    context["facets"], context["active_filters"] = facet_links(facets, kept)
    context.update(
        {
            "search_query": query,
            "searched": True,
            "page_of_results": page_of_results,
            "cards": result_cards(page_of_results.object_list, query, request),
            "total": total,
            "promotions": promotions_for(query, locale, request),
            "query_prefix": urlencode(kept) + "&",
        }
    )
    return TemplateResponse(request, "search/search.html", context)


def facet_links(facets, kept):
    """Each facet value as a link that adds (or, when chosen, removes) that filter; and the
    chosen values alone, each with the link that removes it."""
    groups, chosen = [], []
    for name, values in facets.items():
        param, heading = FACETS[name]
        links = []
        for value in values:
            params = dict(kept)
            if value.selected:
                params.pop(param, None)
            else:
                params[param] = value.key
            url = "?" + urlencode(params)
            links.append({"value": value, "url": url})
            if value.selected:
                chosen.append({"heading": heading, "label": value.label, "url": url})
        if links:
            groups.append({"name": name, "heading": heading, "links": links})
    return groups, chosen
