"""Instagram's and Pinterest's insights, as a test sets them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.instagram_insights_gateway import AccountNumbers
from autopost.domain.insights import MediaMetric, PinDay
from tests.fakes import Scripted


@dataclass
class FakeInstagramInsightsGateway(Scripted):
    """Instagram's numbers as a test sets them: ``numbers`` by media id (a media without any
    answers with none, as Instagram's empty data set); the metrics asked of each media are
    recorded in ``asked``. ``script`` keys: "media_insights", "account_numbers"."""

    numbers: dict[str, dict[MediaMetric, int]] = field(default_factory=dict)
    followers_count: int | None = 1200
    online: dict[int, int] = field(default_factory=dict)
    asked: list[tuple[str, tuple[MediaMetric, ...]]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    script: dict[str, list[Any]] = field(default_factory=dict)
    before_call: Callable[[str], None] | None = None

    def _scripted(self, name: str) -> Any:
        if self.before_call is not None:
            self.before_call(name)
        return super()._scripted(name)

    async def media_insights(
        self, account: InstagramAccount, media_id: str, metrics: Sequence[MediaMetric]
    ) -> Mapping[MediaMetric, int]:
        self.asked.append((media_id, tuple(metrics)))
        self._scripted("media_insights")
        kept = self.numbers.get(media_id, {})
        return {metric: kept[metric] for metric in metrics if metric in kept}

    async def account_numbers(self, account: InstagramAccount) -> AccountNumbers:
        self._scripted("account_numbers")
        return AccountNumbers(self.followers_count, dict(self.online))


@dataclass
class FakePinterestAnalytics(Scripted):
    """Each pin's days as a test sets them; ``asked`` records (pin id, start, end)."""

    days: dict[str, list[PinDay]] = field(default_factory=dict)
    asked: list[tuple[str, date, date]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    script: dict[str, list[Any]] = field(default_factory=dict)

    async def pin_analytics(
        self, access_token: str, pin_id: str, start: date, end: date
    ) -> Sequence[PinDay]:
        self.asked.append((pin_id, start, end))
        self._scripted("pin_analytics")
        return [d for d in self.days.get(pin_id, []) if start <= d.day <= end]
