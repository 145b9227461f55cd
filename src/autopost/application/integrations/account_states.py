"""Every connected account with its state in words (``domain.account_health``)."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.account_health import AccountHealth, account_health
from autopost.domain.credential import Credential


@frozen
class ConnectedAccount:
    credential: Credential
    health: AccountHealth


class ListAccountStates:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor) -> Sequence[ConnectedAccount]:
        authorize(actor, Action.VIEW, Resource.CREDENTIAL)
        now = self._clock.now()
        async with self._uow as uow:
            accounts = await uow.credentials.list()
        return [ConnectedAccount(c, account_health(c, now)) for c in accounts]
