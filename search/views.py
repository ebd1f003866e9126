from urllib.parse import urlencode

from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from home.listing import paginate

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """Site search over published, public pages in the active language."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = pages.search(query)
    page_of_results = paginate(request, results, RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_of_results": page_of_results,
            "query_prefix": urlencode({"q": query}) + "&",
        },
    )
