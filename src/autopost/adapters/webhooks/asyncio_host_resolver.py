"""Host names resolved by the operating system's resolver, on the event loop."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence

from autopost.domain.webhook_addresses import IpAddress


class AsyncioHostResolver:
    async def resolve(self, host: str, port: int) -> Sequence[IpAddress]:
        try:
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            pass
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
        found: list[IpAddress] = []
        for _, _, _, _, sockaddr in infos:
            # An IPv6 address may carry a zone ("fe80::1%eth0"): the address is before it.
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if address not in found:
                found.append(address)
        return found
