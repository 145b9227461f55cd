"""The periodic job: the insights of every connected Instagram and Pinterest account."""

from __future__ import annotations

import logging
from collections.abc import Callable

from autopost.application.access import SYSTEM
from autopost.application.insights.instagram import CollectInstagramInsights
from autopost.application.insights.pinterest import CollectPinInsights
from autopost.application.ports.platform_errors import PlatformError
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.credential import CredentialStatus
from autopost.domain.platform import Platform

log = logging.getLogger(__name__)


class CollectEveryAccountsInsights:
    """One account failing (its token refused, Pinterest down) does not keep the others from
    being collected; the failure is logged and the account is tried again next run."""

    def __init__(
        self,
        uow: UnitOfWork,
        instagram: Callable[[], CollectInstagramInsights],
        pinterest: Callable[[], CollectPinInsights],
    ) -> None:
        self._uow = uow
        self._instagram = instagram
        self._pinterest = pinterest

    async def execute(self) -> int:
        """How many accounts were collected to the end."""
        async with self._uow as uow:
            accounts = [
                (c.id, c.platform)
                for c in await uow.credentials.list()
                if c.status is CredentialStatus.ACTIVE and c.id is not None
            ]
        finished = 0
        for credential_id, platform in accounts:
            try:
                if platform is Platform.INSTAGRAM:
                    report = await self._instagram().execute(SYSTEM, credential_id)
                    finished += report.finished
                elif platform is Platform.PINTEREST:
                    pins = await self._pinterest().execute(SYSTEM, credential_id)
                    finished += pins.stopped is None
            except PlatformError as failed:
                log.warning(
                    "the insights of account %s were not collected: %s", credential_id, failed
                )
        return finished
