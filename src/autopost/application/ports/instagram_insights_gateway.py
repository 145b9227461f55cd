"""The Graph API's insights edges, as collecting an account's numbers needs them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol

from attrs import frozen

from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.domain.insights import MediaMetric


@frozen
class AccountNumbers:
    """``online_followers``: followers online by hour (0-23) on ``online_day``; empty when
    Instagram gives none (an account under 100 followers)."""

    followers_count: int | None
    online_followers: Mapping[int, int]
    online_day: date | None = None


class InstagramInsightsGateway(Protocol):
    """Raises the errors of ``autopost.application.ports.platform_errors``."""

    async def media_insights(
        self, account: InstagramAccount, media_id: str, metrics: Sequence[MediaMetric]
    ) -> Mapping[MediaMetric, int]:
        """``GET /{ig-media-id}/insights`` for these metrics: the lifetime value of each one
        Instagram gave. A metric Instagram refuses for this media is left out and the others
        are still answered; a media Instagram has no insights for answers an empty mapping.
        Fails only when the call itself does (a 5xx, a rate limit, the token, a media gone)."""
        ...

    async def account_numbers(self, account: InstagramAccount) -> AccountNumbers:
        """The account's ``followers_count`` and its ``online_followers`` insight."""
        ...
