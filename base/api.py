"""Site-wide endpoints of the JSON API: /api/v3/site/… (docs/api.md). `find/` exists because
Wagtail's `pages/find/?html_path=` only routes from the default language's home page."""

from typing import Literal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from wagtail.api.v3.routers.pages import PageDetailSchema
from wagtail.models import Locale, Page, Site

from base.api_cards import CardSchema, card_type, cards, prepared_cards
from base.api_page import PageExtrasSchema, page_extras, preview_or_404
from base.api_serializers import PageRefSchema, page_ref
from core.api_params import (
    NotFound,
    PaginationParams,
    QueryId,
    check_params,
    get_locale,
    object_id,
    paginate_queryset,
)
from core.visibility import is_visible, visible_pages

router = Router(tags=["site"])


def site_for(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise NotFound(_("Ingen webbplats är inställd för den här adressen."))
    return site


def home_for(request: HttpRequest, locale: Locale) -> Page:
    home = site_for(request).root_page.get_translation_or_none(locale)
    if not is_visible(home):
        raise NotFound(
            _("Webbplatsen har ingen publicerad startsida på “%(language)s”.")
            % {"language": locale.language_code}
        )
    return home


class FindParams(Schema):
    path: str = Field(..., max_length=2048, description="URL path, e.g. /en/webinars/")
    answer: Literal["page", "redirect"] = Field(
        "page",
        description="`page` (default): the page and its head data in one answer; "
        "`redirect`: a 302 to `/api/v3/pages/{id}/`",
    )


class FoundPageSchema(PageExtrasSchema):
    page: PageDetailSchema = Field(description="The page, as `/api/v3/pages/{id}/` answers it")


class NavigationParams(Schema):
    locale: str = Field(settings.LANGUAGE_CODE, description="Language code, e.g. sv or en")


class MenuItemSchema(PageRefSchema):
    children: list[PageRefSchema]


class NavigationSchema(Schema):
    locale: str
    home: PageRefSchema
    items: list[MenuItemSchema]


class BreadcrumbsSchema(Schema):
    items: list[PageRefSchema]


@router.get(
    "/find/",
    response={200: FoundPageSchema, 302: None},
    summary="Find a page by its URL path (with or without a language prefix)",
    description="The page as `pages/{id}/` answers it, with what its HTML head and frame "
    "show (meta description, OpenGraph, JSON-LD, sharing image, feeds, publication dates, "
    "feedback and comments switches); with `answer=redirect`, a 302 to `pages/{id}/`.",
    operation_id="site_find",
)
def find_by_path(request: HttpRequest, params: FindParams = Query(...)):  # noqa: B008
    check_params(request, FindParams)
    components = [part for part in params.path.split("/") if part]
    languages = {code for code, _name in settings.LANGUAGES}
    language = settings.LANGUAGE_CODE
    if components and components[0] in languages and components[0] != language:
        language = components.pop(0)
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise NotFound(_("Det finns inga sidor på “%(language)s”.") % {"language": language})
    try:
        page = home_for(request, locale).specific.route(request, components)[0]
    except Http404:
        page = None  # the same answer as for a page that is not visible
    if not is_visible(page):
        raise NotFound(_("Ingen publicerad sida finns på “%(path)s”.") % {"path": params.path})
    if params.answer == "redirect":
        return redirect(reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk}))
    return {"page": page, **page_extras(page)}


@router.get(
    "/navigation/",
    response=NavigationSchema,
    summary="Main navigation: pages shown in menus, two levels",
    operation_id="site_navigation",
)
def navigation(request: HttpRequest, params: NavigationParams = Query(...)):  # noqa: B008
    check_params(request, NavigationParams)
    locale = get_locale(params.locale)
    home = home_for(request, locale)
    pages = list(
        visible_pages(Page.objects.descendant_of(home))
        .filter(show_in_menus=True, depth__lte=home.depth + 2)
        .order_by("path")
    )
    items, by_path = [], {}
    for page in pages:
        if page.depth == home.depth + 1:
            item = {**page_ref(page, request), "children": []}
            by_path[page.path] = item
            items.append(item)
        elif (parent := by_path.get(page.path[: -Page.steplen])) is not None:
            parent["children"].append(page_ref(page, request))
    return {"locale": locale.language_code, "home": page_ref(home, request), "items": items}


@router.get(
    "/breadcrumbs/{page_id}/",
    response=BreadcrumbsSchema,
    summary="Breadcrumbs: from the home page to the page",
    operation_id="site_breadcrumbs",
)
def breadcrumbs(request: HttpRequest, page_id: int = object_id("page")):
    check_params(request, Schema)
    page = visible_pages().filter(pk=page_id).first()
    if page is None:
        raise NotFound(_("Ingen publicerad sida har id %(id)d.") % {"id": page_id})
    home_depth = site_for(request).root_page.depth
    # An unpublished or expired ancestor is left out, as the HTML breadcrumbs leave it out.
    ancestors = visible_pages(Page.objects.ancestor_of(page, inclusive=True))
    ancestors = ancestors.filter(depth__gte=home_depth)
    return {"items": [page_ref(item, request) for item in ancestors.order_by("depth")]}


class CardsParams(PaginationParams):
    child_of: QueryId = Field(..., description="Id of the page whose children to list")


class CardListSchema(Schema):
    count: int
    items: list[CardSchema]


@router.get(
    "/cards/",
    response=CardListSchema,
    summary="The children of a page as their cards, in the order its HTML lists them",
    description="E.g. a case list's cases (newest first) or a press room's releases: each "
    "child as its type's card, as listings and references show it everywhere in the API.",
    operation_id="site_cards",
)
def child_cards(request: HttpRequest, params: CardsParams = Query(...)):  # noqa: B008
    check_params(request, CardsParams)
    parent = visible_pages().filter(pk=params.child_of).first()
    if parent is None:
        raise NotFound(_("Ingen publicerad sida har id %(id)d.") % {"id": params.child_of})
    children = visible_pages(Page.objects.child_of(parent))
    # No ordering: Page's default (path) would join the DISTINCT and count children, not types.
    types = set(children.order_by().values_list("content_type", flat=True).distinct()[:2])
    if len(types) == 1:  # one type (a list page's): in its list's order, read in batch
        model = ContentType.objects.get_for_id(types.pop()).model_class()
        queryset = visible_pages(model.objects.child_of(parent)).order_by(*card_type(model).order)
        count, rows = paginate_queryset(queryset, params.limit, params.offset)
        return {"count": count, "items": prepared_cards(rows, request)}
    count, rows = paginate_queryset(children.order_by("path"), params.limit, params.offset)
    return {"count": count, "items": cards(rows, request)}


class PreviewParams(Schema):
    token: str = Field(..., min_length=20, max_length=64, description="From the admin's preview")


@router.get(
    "/preview/",
    response=PageDetailSchema,
    summary="A draft as the editor sees it (headless preview)",
    description="Only with the short-lived token the admin's preview puts in the front end's URL "
    "(HEADLESS_PREVIEW_URL); valid for 10 minutes. A page never saved has the id 0.",
)
def preview(
    request: HttpRequest,
    response: HttpResponse,
    params: PreviewParams = Query(...),  # noqa: B008
):
    check_params(request, PreviewParams)
    add_never_cache_headers(response)
    return preview_or_404(params.token)
