"""Collecting the analytics of the pins Autopost published: each day's impressions, saves,
pin clicks and outbound clicks, for the last week of each pin younger than Pinterest's 90
days. Pinterest fails in passing like Instagram: each call is tried again after a pause."""

from __future__ import annotations

import logging
from functools import partial

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.pinterest.boards import pinterest_credential
from autopost.application.pinterest.tokens import PinterestTokens
from autopost.application.ports.clock import Clock
from autopost.application.ports.pinterest_analytics_gateway import PinterestAnalyticsGateway
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.retrying import Patience
from autopost.domain.access import Action, Resource
from autopost.domain.insights import PIN_ANALYTICS_FOR, PinInsights, pin_days

log = logging.getLogger(__name__)


@frozen
class PinInsightsReport:
    credential_id: int
    pins: int
    days_kept: int
    skipped: int
    retries: int = 0
    stopped: str | None = None


class CollectPinInsights:
    def __init__(
        self,
        uow: UnitOfWork,
        gateway: PinterestAnalyticsGateway,
        tokens: PinterestTokens,
        clock: Clock,
        patience: Patience,
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._tokens = tokens
        self._clock = clock
        self._patience = patience

    async def execute(self, actor: Actor, credential_id: int | None = None) -> PinInsightsReport:
        authorize(actor, Action.CHANGE, Resource.MEDIA)
        now = self._clock.now()
        today = now.date()
        reads = self._patience.reads()
        async with self._uow as uow:
            credential = await pinterest_credential(uow, credential_id)
            assert credential.id is not None
            pins = await uow.insights.published_pins(credential.id, now - PIN_ANALYTICS_FOR)
            await uow.commit()
        self._tokens.check_environment(credential)
        token = await self._tokens.access_token(credential)
        kept = skipped = asked = 0
        stopped: str | None = None
        for pin in pins:
            days = pin_days(pin.published_at, today)
            if days is None:
                continue
            asked += 1
            try:
                ask = partial(self._gateway.pin_analytics, token, pin.pin_id, *days)
                found = await reads.read("a pin's analytics", ask)
            except CredentialRejected:
                raise
            except PermanentPlatformError as refused:
                log.info("no analytics for pin %s: %s", pin.pin_id, refused.message)
                skipped += 1
                continue
            except TransientPlatformError as failed:
                stopped = failed.message
                break
            rows = [
                PinInsights(pin.publication_id, day.day, self._clock.now(), dict(day.values))
                for day in found
            ]
            if rows:
                async with self._uow as uow:
                    await uow.insights.save_pins(rows)
                    await uow.commit()
                kept += len(rows)
        return PinInsightsReport(credential.id, asked, kept, skipped, reads.retried, stopped)
