from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.visibility import visible_pages


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists the default language's tree only; this lists every language's
    visible pages (core.visibility) under the site's root page and its translations."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for root in roots:
            in_any_tree |= Q(path__startswith=root.path)
        return (
            visible_pages(Page.objects.filter(in_any_tree))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
