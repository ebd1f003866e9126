"""The visitor's address behind a configured number of proxies (core/client_address.py)."""

import pytest
from django.test import RequestFactory

from core.client_address import client_address


def request_from(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_address(request_from("203.0.113.9", "10.0.0.1")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        # The load balancer appended the visitor: the right-most entry.
        (1, "198.51.100.7", "198.51.100.7"),
        # Load balancer, then Varnish: the visitor is second from the right.
        (2, "198.51.100.7, 10.0.0.2", "198.51.100.7"),
        # A client writing its own header only adds entries to the left: never believed.
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 5.5.5.5, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        # Fewer entries than proxies (a proxy that does not append): the left-most one.
        (3, "198.51.100.7, 10.0.0.2", "198.51.100.7"),
    ],
)
def test_the_visitor_is_counted_from_the_right(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_address(request_from("10.0.0.3", forwarded)) == expected


def test_a_spoofing_client_cannot_rotate_its_address(settings):
    settings.TRUSTED_PROXIES = 1
    addresses = {
        client_address(request_from("10.0.0.1", f"192.0.2.{n}, 198.51.100.7")) for n in range(50)
    }
    assert addresses == {"198.51.100.7"}
