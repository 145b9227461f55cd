"""Pinterest access tokens: renewed before they expire, and once more when refused."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import NoReturn

from autopost.application.events import account_events
from autopost.application.policy import PinterestPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.pinterest_gateway import PinterestGateway, TokenGrant
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.credential import Credential, CredentialStatus, PinterestEnvironment
from autopost.domain.platform import Platform

log = logging.getLogger(__name__)

RECONNECT = "reconnect the Pinterest account"
RENEWAL_LEASE = timedelta(minutes=1)


class PinterestTokens:
    def __init__(
        self,
        gateway: PinterestGateway,
        box: SecretBox,
        clock: Clock,
        policy: PinterestPolicy,
        uow: UnitOfWork,
    ) -> None:
        """``uow``: the renewals' own, for their transactions."""
        self._gateway = gateway
        self._box = box
        self._clock = clock
        self._policy = policy
        self._uow = uow

    def check_environment(self, credential: Credential) -> None:
        connected_in = credential.pinterest_environment
        if connected_in is not self._policy.environment:
            setting = "true" if connected_in is PinterestEnvironment.SANDBOX else "false"
            raise PermanentPlatformError(
                f"This Pinterest account was connected in Pinterest's {connected_in}, "
                f"but Autopost now talks to its {self._policy.environment}: set "
                f"AUTOPOST_PINTEREST_USE_SANDBOX={setting} (or AUTOPOST_PINTEREST_API_URL), or "
                f"{RECONNECT}."
            )

    async def access_token(self, credential: Credential) -> str:
        """A usable access token, renewed first when it expires within the margin (``renew``:
        call with no transaction open)."""
        if credential.status is CredentialStatus.NEEDS_RECONNECT:
            raise CredentialRejected(credential.status_reason or f"Please {RECONNECT}.")
        expires_at = credential.expires_at
        if expires_at is not None and expires_at <= self._clock.now() + self._policy.refresh_margin:
            return await self.renew(credential)
        return self._box.open(credential.access_token)

    async def renew(self, credential: Credential) -> str:
        """Trade the refresh token for a new pair, in transactions of the renewal's own: the
        right to renew is taken and saved first, so that two workers never spend one refresh
        token, and the new pair is saved as soon as Pinterest gives it, whatever the caller
        does next. A refusal marks the account as needing to be reconnected, saved likewise.
        ``credential`` is brought in step with what was saved; saving it again with the
        caller's work changes nothing. Call with no transaction open: on SQLite the renewal
        would wait for it, and Pinterest is called."""
        assert credential.id is not None
        async with self._uow as uow:
            now = self._clock.now()
            if not credential.refresh_token:
                await _reject(
                    uow,
                    credential,
                    "The Pinterest access token expired and cannot be renewed",
                    now,
                )
            if not await uow.credentials.claim_renewal(credential.id, now, now + RENEWAL_LEASE):
                raise TransientPlatformError(
                    "The Pinterest token is being renewed by another worker; trying again shortly.",
                    retry_after=timedelta(seconds=5),
                )
            await uow.commit()
            try:
                grant = await self._gateway.refresh(self._box.open(credential.refresh_token))
            except (CredentialRejected, PermanentPlatformError) as refused:
                await _reject(
                    uow,
                    credential,
                    f"Pinterest refused to renew the access token ({refused.message})",
                    now,
                )
            stored = await uow.credentials.get(credential.id)
            if stored is not None:
                self.store(stored, grant)
                await uow.commit()
                credential.replace_tokens(stored.access_token, stored.refresh_token, None)
                credential.expires_at, credential.scopes = stored.expires_at, stored.scopes
        log.info("renewed the Pinterest token of credential %s", credential.id)
        return grant.access_token

    def store(self, credential: Credential, grant: TokenGrant) -> None:
        expires_at = (
            self._clock.now() + timedelta(seconds=grant.expires_in) if grant.expires_in else None
        )
        credential.replace_tokens(
            self._box.seal(grant.access_token),
            self._box.seal(grant.refresh_token) if grant.refresh_token else None,
            expires_at,
        )
        if grant.scope:
            credential.scopes = grant.scope


async def _reject(uow: UnitOfWork, credential: Credential, why: str, now: datetime) -> NoReturn:
    """The account is to be reconnected: saved in ``uow``, and said to ``credential`` too."""
    reason = f"{why}: {RECONNECT}."
    credential.needs_reconnect(reason)
    assert credential.id is not None
    stored = await uow.credentials.get(credential.id)
    if stored is not None:
        stored.needs_reconnect(reason)
        await uow.events.add(account_events.needs_reconnect(stored, now))
        await uow.commit()
    raise CredentialRejected(reason)


class RenewExpiringTokens:
    """The periodic job: renews every Pinterest token that expires within the margin."""

    def __init__(
        self, uow: UnitOfWork, tokens: PinterestTokens, clock: Clock, policy: PinterestPolicy
    ) -> None:
        self._uow = uow
        self._tokens = tokens
        self._clock = clock
        self._policy = policy

    async def execute(self) -> int:
        now = self._clock.now()
        before = now + self._policy.refresh_margin
        async with self._uow as uow:
            expiring = await uow.credentials.expiring(Platform.PINTEREST, before)
            # A token without a refresh token is not renewed: its owner is told a week ahead.
            for credential in await uow.credentials.list():
                if credential.platform is Platform.PINTEREST and not credential.refresh_token:
                    notice = account_events.token_expiring(credential, now)
                    if notice is not None:
                        await uow.events.add(notice)
            await uow.commit()
        renewed = 0
        for credential in expiring:
            try:
                await self._tokens.renew(credential)
                renewed += 1
            except CredentialRejected:
                pass  # the renewal saved the account as needing to be reconnected
            except TransientPlatformError as error:
                log.warning("could not renew credential %s now: %s", credential.id, error)
        return renewed
