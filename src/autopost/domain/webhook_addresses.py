"""Which webhook addresses Autopost calls: none into the operator's own network.

A URL is checked when it is registered and again, on the addresses its name resolves to, each
time it is called (a name may resolve to a public address at registration and to a private one
later). Only https, unless private addresses are allowed (a receiver on the same machine or
network, as in tests).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from attrs import frozen

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@frozen
class WebhookTarget:
    """A URL taken apart: what is connected to, and what the request names."""

    scheme: str
    host: str
    port: int


class AddressRefused(ValueError):
    """The URL may not be called; the message says why, in a person's words."""


def target_of(url: str, *, allow_private: bool) -> WebhookTarget:
    """The URL's parts, or ``AddressRefused``. A literal address is checked here; a name once
    resolved (``check_resolved``)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as bad:
        raise AddressRefused(f"This is not a URL: {bad}.") from bad
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise AddressRefused("A webhook URL starts with https://.")
    if scheme == "http" and not allow_private:
        raise AddressRefused(
            "A webhook URL must use https (http is allowed only with "
            "AUTOPOST_WEBHOOKS_ALLOW_PRIVATE=true)."
        )
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise AddressRefused("A webhook URL names a host.")
    if parts.username or parts.password:
        raise AddressRefused("A webhook URL carries no user name or password.")
    if len(url) > 2000:
        raise AddressRefused("A webhook URL is at most 2000 characters long.")
    literal = _literal(host)
    if literal is not None:
        check_resolved([literal], allow_private=allow_private)
    elif not allow_private and (host == "localhost" or host.endswith(".localhost")):
        raise AddressRefused("A webhook URL may not point at this machine.")
    return WebhookTarget(scheme, host, port or (443 if scheme == "https" else 80))


def check_resolved(addresses: Iterable[IpAddress], *, allow_private: bool) -> None:
    """Refuses when any address the name resolves to is not a public one."""
    found = list(addresses)
    if not found:
        raise AddressRefused("The webhook's host name does not resolve to any address.")
    if allow_private:
        return
    for address in found:
        if not is_public(address):
            raise AddressRefused(
                f"The webhook's host resolves to {address}, a private, loopback or reserved "
                "address: Autopost calls only public addresses (unless "
                "AUTOPOST_WEBHOOKS_ALLOW_PRIVATE=true)."
            )


def is_public(address: IpAddress) -> bool:
    """Reachable on the public internet: not private, loopback, link-local (cloud metadata),
    multicast, reserved, unspecified, shared (carrier-grade NAT) or site-local."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return is_public(mapped)
        if address.teredo is not None:
            return False
        if address in ipaddress.IPv6Network("64:ff9b::/96"):  # NAT64 of an IPv4 address
            return is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return bool(address.is_global) and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _literal(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
