from wagtail.models import Locale, Page, Site


def site_frame(request):
    """The navigation in the site header: the home page's menu children in the active language.

    Two queries per request (site root + menu); pages need them, other views get them too."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    try:
        locale = Locale.get_active()
        root = root.get_translation(locale) if root.locale_id != locale.id else root
    except (Locale.DoesNotExist, Page.DoesNotExist):
        pass
    menu = root.get_children().live().public().in_menu().order_by("path")
    return {"site_root": root, "menu_pages": menu}
