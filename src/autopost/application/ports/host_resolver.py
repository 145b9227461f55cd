"""Which addresses a host name stands for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.webhook_addresses import IpAddress


class HostResolver(Protocol):
    async def resolve(self, host: str, port: int) -> Sequence[IpAddress]:
        """Every address ``host`` resolves to (none when it does not resolve)."""
        ...
