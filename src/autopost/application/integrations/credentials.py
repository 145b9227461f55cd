"""Connected platform accounts: add or update one, list, remove."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from attrs import evolve, frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.integrations.errors import AccessTokenBlank
from autopost.application.policy import PinterestPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.credential import Credential
from autopost.domain.errors import Conflict, NotFound
from autopost.domain.platform import Platform


@frozen
class ConnectAccount:
    platform: Platform
    account_id: str
    access_token: str
    owner_id: int | None = None
    username: str | None = None
    refresh_token: str | None = None
    expires_at: datetime | None = None
    scopes: str | None = None
    default_board_id: str | None = None
    environment: str = "production"


async def store_credential(
    uow: UnitOfWork, box: SecretBox, actor: Actor, command: ConnectAccount, now: datetime
) -> tuple[Credential, bool]:
    """Create the account's Credential, or give the existing one the new tokens; the
    credential, and whether it was created.

    Creating one needs ADD on credentials, changing one CHANGE on it. Requests connecting
    the same new account at once all succeed, with one credential: those that lose the race
    to create it change it instead, and are judged as changing it.
    """
    credential = await uow.credentials.find(command.platform, command.account_id)
    if credential is None:
        authorize(actor, Action.ADD, Resource.CREDENTIAL)
    else:
        authorize(actor, Action.CHANGE, Resource.CREDENTIAL, credential.owner_id)
    if not command.access_token.strip():
        raise AccessTokenBlank()
    sealed_refresh = box.seal(command.refresh_token) if command.refresh_token else None
    if credential is None:
        new = Credential(
            platform=command.platform,
            account_id=command.account_id,
            access_token=box.seal(command.access_token),
            refresh_token=sealed_refresh,
            expires_at=command.expires_at,
            scopes=command.scopes,
            username=command.username,
            owner_id=command.owner_id,
            default_board_id=command.default_board_id,
            environment=command.environment,
            created_at=now,
        )
        credential = await uow.credentials.add_or_find(new)
        if credential is new:
            return credential, True
        authorize(actor, Action.CHANGE, Resource.CREDENTIAL, credential.owner_id)
    credential.replace_tokens(box.seal(command.access_token), sealed_refresh, command.expires_at)
    credential.environment = command.environment
    if command.username:
        credential.username = command.username
    if command.default_board_id:
        credential.default_board_id = command.default_board_id
    return credential, False


class SaveCredential:
    def __init__(
        self, uow: UnitOfWork, box: SecretBox, clock: Clock, policy: PinterestPolicy
    ) -> None:
        self._uow = uow
        self._box = box
        self._clock = clock
        self._policy = policy

    async def execute(self, actor: Actor, command: ConnectAccount) -> Credential:
        if command.platform is Platform.PINTEREST:
            command = evolve(command, environment=self._policy.environment)
        command = evolve(command, owner_id=actor.user_id)
        now = self._clock.now()
        async with self._uow as uow:
            credential, added = await store_credential(uow, self._box, actor, command, now)
            action = "connected" if added else "reconnected"
            await record(uow, actor, action, Resource.CREDENTIAL, credential.id, now)
            await uow.commit()
            return credential


class ListCredentials:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor) -> Sequence[Credential]:
        authorize(actor, Action.VIEW, Resource.CREDENTIAL)
        async with self._uow as uow:
            return await uow.credentials.list()


class GetCredential:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, credential_id: int) -> Credential:
        authorize(actor, Action.VIEW, Resource.CREDENTIAL)
        async with self._uow as uow:
            credential = await uow.credentials.get(credential_id)
            if credential is None:
                raise NotFound("credential", credential_id)
            return credential


class RemoveCredential:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, credential_id: int) -> None:
        async with self._uow as uow:
            credential = await uow.credentials.get(credential_id)
            if credential is None:
                raise NotFound("credential", credential_id)
            authorize(actor, Action.DELETE, Resource.CREDENTIAL, credential.owner_id)
            active = await uow.publications.count_active_for_credential(credential_id)
            if active:
                raise Conflict(
                    f"this account has {active} scheduled post(s): cancel them before removing it"
                )
            await uow.credentials.delete(credential)
            now = self._clock.now()
            await record(uow, actor, "removed", Resource.CREDENTIAL, credential_id, now)
            await uow.commit()
