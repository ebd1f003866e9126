"""Content-Security-Policy, scoped by path.

Django 5.2 has no CSP of its own. The public site gets a strict policy: scripts, styles, fonts
and connections only from the site itself, images also as `data:` URLs, videos framed only from
the privacy-enhanced players (youtube-nocookie.com, player.vimeo.com). The project's templates
have no inline scripts or `style` attributes (JSON-LD is data, which CSP does not block). The
Wagtail admin uses inline scripts and styles, so `/admin/` gets its own, looser policy.

Settings: `CSP_ENABLED`, `CSP_REPORT_ONLY` (send `Content-Security-Policy-Report-Only` while
trying a change), `CONTENT_SECURITY_POLICY` and `CONTENT_SECURITY_POLICY_ADMIN` (dicts of
directive → list of sources), `CSP_ADMIN_PATH_PREFIXES`."""

from django.conf import settings


def serialize(policy: dict) -> str:
    return "; ".join(
        " ".join([directive, *sources]) if sources else directive
        for directive, sources in policy.items()
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = getattr(settings, "CSP_ENABLED", True)
        self.header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "CSP_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )
        self.public = serialize(settings.CONTENT_SECURITY_POLICY)
        self.admin = serialize(settings.CONTENT_SECURITY_POLICY_ADMIN)
        self.admin_prefixes = tuple(getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ("/admin/",)))

    def __call__(self, request):
        response = self.get_response(request)
        if self.enabled and self.header not in response:
            is_admin = request.path.startswith(self.admin_prefixes)
            response[self.header] = self.admin if is_admin else self.public
        return response
