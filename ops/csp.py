"""Content-Security-Policy, scoped by path (Django 5.2 has none of its own): strict for the
public site, looser for the Wagtail admin's inline scripts and styles (settings: CSP_*)."""

from django.conf import settings


def serialize(policy: dict) -> str:
    return "; ".join(
        " ".join([directive, *sources]) if sources else directive
        for directive, sources in policy.items()
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.CSP_ENABLED
        report_only = "-Report-Only" if settings.CSP_REPORT_ONLY else ""
        self.header = f"Content-Security-Policy{report_only}"
        self.public = serialize(settings.CONTENT_SECURITY_POLICY)
        self.admin = serialize(settings.CONTENT_SECURITY_POLICY_ADMIN)

    def __call__(self, request):
        response = self.get_response(request)
        if not self.enabled:
            return response
        if request.path.startswith("/admin/"):
            # Always the admin's: Wagtail renders a preview through the whole middleware stack at
            # the page's public path, which gives it the public `frame-ancestors 'none'`, and
            # the editor's preview panel would then show a broken frame.
            response[self.header] = self.admin
        elif self.header not in response:
            response[self.header] = self.public
        return response
