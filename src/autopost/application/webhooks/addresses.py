"""Whether a webhook URL may be called, now: the URL's own rules, then the addresses its host
resolves to."""

from __future__ import annotations

from autopost.application.ports.host_resolver import HostResolver
from autopost.domain.webhook_addresses import AddressRefused, check_resolved, target_of


async def check_url(url: str, resolver: HostResolver, *, allow_private: bool) -> None:
    """Raises ``AddressRefused`` with the reason in words."""
    target = target_of(url, allow_private=allow_private)
    if allow_private:
        return
    try:
        found = await resolver.resolve(target.host, target.port)
    except OSError as failed:
        raise AddressRefused(f"The webhook's host name does not resolve ({failed}).") from failed
    check_resolved(found, allow_private=allow_private)
