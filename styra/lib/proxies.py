"""The client's address behind the municipality's reverse proxies (STYRA_TRUSTED_PROXY_COUNT).

One resolution for everything that records or counts by address: login throttling
(django-axes, through AXES_CLIENT_IP_CALLABLE and throttle_address), the audit trail and
the security log.

Each trusted proxy appends the address it received the request from to X-Forwarded-For,
so with n proxies the client is the n-th entry from the right; entries further left were
written by the client and are never read. With 0 (the default) the header is ignored and
REMOTE_ADDR is the client: anyone can send an X-Forwarded-For header.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, or REMOTE_ADDR when the proxies' header is missing or not an address.

    Fewer entries than proxies means the request passed fewer proxies than configured; the
    left-most entry was then still written by a trusted proxy.
    """
    if request is None:
        return None
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    count = settings.STYRA_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",")]
    hops = [hop for hop in hops if hop]
    if not hops:
        return remote
    return _address(hops[-min(count, len(hops))]) or remote


def _address(text: str) -> str | None:
    """A valid IPv4 or IPv6 address in its normal form, else None (the logs store addresses)."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


# An IPv6 client gets a whole /64 from its provider and picks any address in it.
IPV6_CLIENT_PREFIX = 64


def throttle_address(request: HttpRequest | None) -> str | None:
    """The address sign-in failures are counted by: the client's, with IPv6 as its /64.

    Counted by the full IPv6 address, a password sprayer would take a fresh address of
    its /64 for every few attempts and never reach the per-address limit. An IPv4 address
    written as IPv6 (::ffff:a.b.c.d) counts as that IPv4 address.
    """
    address = client_ip(request)
    if address is None:
        return None
    ip = ipaddress.ip_address(address)
    if ip.version == 4:
        return address
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    network = ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False)
    return str(network.network_address)
