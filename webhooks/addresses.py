"""Where webhooks may go. HTTPS only, and never to the server's own network: an endpoint that
resolves to a private, loopback, link-local or reserved address is refused (an editor could
otherwise make the server call internal services). Plain http to 127.0.0.1/localhost is allowed
with DEBUG or the WEBHOOKS_ALLOW_LOCAL setting (tests, a front end on the developer's machine).
Checked when an endpoint is saved and again before every request."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_endpoint_url(url: str) -> None:
    """Raises ValidationError (a Swedish message) unless `url` may receive webhooks."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as error:
        raise ValidationError(_("Adressen går inte att läsa.")) from error
    if parts.scheme not in {"http", "https"} or not host:
        raise ValidationError(_("Ange en fullständig adress som börjar med https://."))
    if parts.username or parts.password:
        raise ValidationError(_("Adressen får inte innehålla användarnamn eller lösenord."))
    if host in LOCAL_HOSTS and getattr(settings, "WEBHOOKS_ALLOW_LOCAL", settings.DEBUG):
        return
    if parts.scheme != "https":
        raise ValidationError(_("Adressen måste börja med https://."))
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port or 443)}
    except (OSError, UnicodeError) as error:
        raise ValidationError(
            _("Namnet %(host)s går inte att slå upp.") % {"host": host}
        ) from error
    if not all(is_public_address(address.split("%")[0]) for address in addresses):
        raise ValidationError(
            _("%(host)s pekar på en intern adress; bara adresser på internet tas emot.")
            % {"host": host}
        )
