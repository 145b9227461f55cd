"""Connecting Instagram accounts with OAuth, and keeping Instagram Login tokens alive."""

from __future__ import annotations

import logging
from datetime import timedelta

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.events import account_events
from autopost.application.oauth.errors import ConnectRefused
from autopost.application.oauth.states import issue_state, spend_state
from autopost.application.people.accounts import actor_by_id
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_login_gateway import (
    ConnectedInstagram,
    InstagramLogin,
    InstagramLoginGateway,
)
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.errors import NotSetUp
from autopost.domain.platform import Platform

log = logging.getLogger(__name__)

# Instagram Login tokens live 60 days and can be refreshed once 24 hours old.
REFRESH_MARGIN = timedelta(days=7)
RECONNECT = "reconnect the Instagram account"


# What ``NotSetUp`` calls each login.
LOGIN_FEATURES = {
    InstagramLogin.FACEBOOK: "instagram-facebook-login",
    InstagramLogin.INSTAGRAM: "instagram-login",
}
# Each login's OAuth states carry its name as their provider.
_PROVIDERS = frozenset(login.value for login in InstagramLogin)


class StartInstagramConnect:
    def __init__(self, uow: UnitOfWork, gateway: InstagramLoginGateway, clock: Clock) -> None:
        self._uow = uow
        self._gateway = gateway
        self._clock = clock

    async def execute(self, actor: Actor, login: InstagramLogin) -> str:
        """Raises ``NotSetUp`` when the login's Meta app is not configured: sending the person
        to Meta with no app would only show them Meta's error."""
        authorize(actor, Action.ADD, Resource.CREDENTIAL)
        if not self._gateway.is_set_up(login):
            raise NotSetUp(LOGIN_FEATURES[login])
        now = self._clock.now()
        async with self._uow as uow:
            state = await issue_state(uow, login.value, now, user_id=actor.user_id)
            await uow.commit()
        return self._gateway.authorize_url(login, state)


class FinishInstagramConnect:
    def __init__(
        self, uow: UnitOfWork, gateway: InstagramLoginGateway, box: SecretBox, clock: Clock
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._box = box
        self._clock = clock

    async def execute(
        self, state: str | None, code: str | None, error: str | None
    ) -> list[Credential]:
        async with self._uow as uow:
            used = await spend_state(uow, state, _PROVIDERS, self._clock.now())
            await uow.commit()  # the state is spent whatever happens next
            if error or not code:
                raise ConnectRefused(f"Instagram did not grant access ({error or 'no code'}).")
            login = InstagramLogin(used.provider)
            accounts = await self._gateway.connect(login, code)
            if not accounts:
                raise ConnectRefused(
                    "No Instagram professional account is linked to the Pages you granted: "
                    "link one to a Facebook Page, then connect again."
                )
            owner = used.user_id
            actor = await actor_by_id(uow, owner)
            stored = [await self._store(uow, account, login, owner, actor) for account in accounts]
            await uow.commit()
            return stored

    async def _store(
        self,
        uow: UnitOfWork,
        account: ConnectedInstagram,
        login: InstagramLogin,
        owner: int | None,
        actor: Actor,
    ) -> Credential:
        """The account's credential, and the audit entry in the name of ``actor`` (who
        started the connect)."""
        now = self._clock.now()
        expires_at = now + timedelta(seconds=account.expires_in) if account.expires_in else None
        sealed = self._box.seal(account.access_token)
        new = Credential(
            platform=Platform.INSTAGRAM,
            account_id=account.ig_user_id,
            access_token=sealed,
            expires_at=expires_at,
            username=account.username,
            owner_id=owner,
            environment=login.value,
            created_at=now,
        )
        # One step, so that a connect racing this one for the same account cannot fail it.
        credential = await uow.credentials.add_or_find(new)
        action = "connected" if credential is new else "reconnected"
        if credential is not new:
            credential.replace_tokens(sealed, None, expires_at)
            credential.environment = login.value
            credential.username = account.username or credential.username
        summary = f"with {login.value.capitalize()} Login"
        await record(uow, actor, action, Resource.CREDENTIAL, credential.id, now, summary)
        return credential


class RefreshInstagramTokens:
    """The periodic job: refreshes Instagram Login tokens before their 60 days run out; a
    Facebook Login token cannot be refreshed, so an expired one asks for reconnecting."""

    def __init__(
        self, uow: UnitOfWork, gateway: InstagramLoginGateway, box: SecretBox, clock: Clock
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._box = box
        self._clock = clock

    async def execute(self) -> int:
        refreshed = 0
        now = self._clock.now()
        async with self._uow as uow:
            due = [
                c
                for c in await uow.credentials.list()
                if c.platform is Platform.INSTAGRAM
                and c.status is CredentialStatus.ACTIVE
                and c.expires_at is not None
                and c.expires_at <= now + REFRESH_MARGIN
            ]
            await uow.commit()
            for credential in due:
                assert credential.expires_at is not None
                if credential.instagram_login is not InstagramLogin.INSTAGRAM:
                    # Cannot be refreshed: told a week ahead (once), then to reconnect.
                    if credential.expires_at <= now:
                        credential.needs_reconnect(
                            f"The Instagram access token expired: {RECONNECT}."
                        )
                        await uow.events.add(account_events.needs_reconnect(credential, now))
                        await uow.commit()
                    else:
                        notice = account_events.token_expiring(credential, now)
                        if notice is not None:
                            await uow.events.add(notice)
                            await uow.commit()
                    continue
                try:
                    token = await self._gateway.refresh(self._box.open(credential.access_token))
                except (CredentialRejected, PermanentPlatformError) as refused:
                    credential.needs_reconnect(f"{refused.message} ({RECONNECT})")
                    await uow.events.add(account_events.needs_reconnect(credential, now))
                    await uow.commit()
                    continue
                except TransientPlatformError as error:
                    log.warning("could not refresh credential %s now: %s", credential.id, error)
                    continue
                expires_at = now + timedelta(seconds=token.expires_in) if token.expires_in else None
                credential.replace_tokens(self._box.seal(token.access_token), None, expires_at)
                await uow.commit()
                refreshed += 1
        return refreshed
