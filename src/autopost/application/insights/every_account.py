"""The insights of every connected account (the periodic job, and the commands run without an
account): Instagram's media and followers, Pinterest's published pins."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from attrs import frozen

from autopost.application.access import SYSTEM
from autopost.application.insights.instagram import CollectInstagramInsights, InsightsReport
from autopost.application.insights.pinterest import CollectPinInsights, PinInsightsReport
from autopost.application.ports.platform_errors import PlatformError
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.credential import CredentialStatus
from autopost.domain.errors import DomainError
from autopost.domain.platform import Platform

log = logging.getLogger(__name__)


@frozen
class AccountCollected:
    """One account's run: its report, or why it was refused."""

    credential_id: int
    platform: Platform
    report: InsightsReport | PinInsightsReport | None = None
    refused: str | None = None

    @property
    def finished(self) -> bool:
        return self.report is not None and self.report.stopped is None


# Accounts collected at once. Meta's and Pinterest's limits are mostly per account: while one
# account waits for its usage to fall, the others go on instead of waiting behind it. At 200
# calls an hour, an account of 500 media takes about two hours, mostly waiting
# (benchmarks/insights_collection.py): 20 such accounts one slot each end together.
CONCURRENT_ACCOUNTS = 32


class CollectEveryAccountsInsights:
    """One account failing (its token refused, Pinterest down) does not keep the others from
    being collected; the failure is logged and the account is tried again next run. Accounts
    are collected ``concurrency`` at a time."""

    def __init__(
        self,
        uow: UnitOfWork,
        instagram: Callable[[], CollectInstagramInsights],
        pinterest: Callable[[], CollectPinInsights],
        concurrency: int = CONCURRENT_ACCOUNTS,
    ) -> None:
        self._uow = uow
        self._instagram = instagram
        self._pinterest = pinterest
        self._concurrency = concurrency

    async def execute(self, platform: Platform | None = None) -> list[AccountCollected]:
        """Every active account, or those of ``platform``."""
        async with self._uow as uow:
            accounts = [
                (c.id, c.platform)
                for c in await uow.credentials.list()
                if c.status is CredentialStatus.ACTIVE
                and c.id is not None
                and (platform is None or c.platform is platform)
            ]
        turns = asyncio.Semaphore(self._concurrency)

        async def one(credential_id: int, on: Platform) -> AccountCollected:
            async with turns:
                return await self._one(credential_id, on)

        return list(await asyncio.gather(*(one(pk, on) for pk, on in accounts)))

    async def _one(self, credential_id: int, on: Platform) -> AccountCollected:
        report: InsightsReport | PinInsightsReport
        try:
            if on is Platform.INSTAGRAM:
                report = await self._instagram().execute(SYSTEM, credential_id)
            else:
                report = await self._pinterest().execute(SYSTEM, credential_id)
        except (DomainError, PlatformError) as failed:
            log.warning("the insights of account %s were not collected: %s", credential_id, failed)
            return AccountCollected(credential_id, on, refused=str(failed))
        return AccountCollected(credential_id, on, report)
