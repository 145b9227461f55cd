"""Pinterest's pin analytics (``GET /pins/{pin_id}/analytics``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from autopost.domain.insights import PinDay


class PinterestAnalyticsGateway(Protocol):
    """Raises the errors of ``autopost.application.ports.platform_errors``."""

    async def pin_analytics(
        self, access_token: str, pin_id: str, start: date, end: date
    ) -> Sequence[PinDay]:
        """Impressions, saves, pin clicks and outbound clicks of each day from ``start`` to
        ``end`` (UTC, both included) that Pinterest has numbers for."""
        ...
