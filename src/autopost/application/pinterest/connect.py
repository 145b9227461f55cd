"""Connecting a Pinterest account with OAuth 2.0: a single-use, expiring ``state`` out, the
code exchanged for tokens on the way back."""

from __future__ import annotations

import contextlib

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.oauth.errors import ConnectRefused
from autopost.application.oauth.states import issue_state, spend_state
from autopost.application.people.accounts import actor_by_id
from autopost.application.pinterest.boards import BoardCatalog
from autopost.application.pinterest.tokens import PinterestTokens
from autopost.application.policy import PinterestPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.pinterest_gateway import PinterestGateway
from autopost.application.ports.platform_errors import PlatformError
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.credential import Credential
from autopost.domain.errors import NotSetUp
from autopost.domain.platform import Platform

PROVIDER = "pinterest"


class StartPinterestConnect:
    def __init__(
        self, uow: UnitOfWork, gateway: PinterestGateway, clock: Clock, policy: PinterestPolicy
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._clock = clock
        self._policy = policy

    async def execute(self, actor: Actor) -> str:
        """The address of Pinterest's consent page for this user; ``NotSetUp`` when the
        Pinterest app is not configured."""
        authorize(actor, Action.ADD, Resource.CREDENTIAL)
        if not self._gateway.is_set_up():
            raise NotSetUp(PROVIDER)
        now = self._clock.now()
        lifetime = self._policy.state_lifetime
        async with self._uow as uow:
            state = await issue_state(uow, PROVIDER, now, lifetime, user_id=actor.user_id)
            await uow.commit()
        return self._gateway.authorize_url(state, self._policy.scopes)


class FinishPinterestConnect:
    def __init__(
        self,
        uow: UnitOfWork,
        gateway: PinterestGateway,
        tokens: PinterestTokens,
        catalog: BoardCatalog,
        box: SecretBox,
        clock: Clock,
        policy: PinterestPolicy,
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._tokens = tokens
        self._catalog = catalog
        self._box = box
        self._clock = clock
        self._policy = policy

    async def execute(self, state: str | None, code: str | None, error: str | None) -> Credential:
        async with self._uow as uow:
            used = await spend_state(uow, state, {PROVIDER}, self._clock.now())
            await uow.commit()  # the state is spent whatever happens next
            if error or not code:
                raise ConnectRefused(f"Pinterest did not grant access ({error or 'no code'}).")
            grant = await self._gateway.exchange_code(code)
            account = await self._gateway.user_account(grant.access_token)
            new = Credential(
                platform=Platform.PINTEREST,
                account_id=account.username,
                username=account.username,
                access_token=self._box.seal(grant.access_token),
                owner_id=used.user_id,
                environment=self._policy.environment,
                created_at=self._clock.now(),
            )
            # One step, so that a connect racing this one for the same account cannot fail it.
            credential = await uow.credentials.add_or_find(new)
            action = "connected" if credential is new else "reconnected"
            credential.environment = self._policy.environment
            self._tokens.store(credential, grant)
            actor = await actor_by_id(uow, used.user_id)
            now = self._clock.now()
            summary = "with Pinterest's consent"
            await record(uow, actor, action, Resource.CREDENTIAL, credential.id, now, summary)
            await uow.commit()
        # After the commit, in the catalog's own transaction: boards can come later, and the
        # account is connected whatever Pinterest says now.
        with contextlib.suppress(PlatformError):
            await self._catalog.refresh(credential)
        return credential
