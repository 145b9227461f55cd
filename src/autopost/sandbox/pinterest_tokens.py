"""Pinterest's OAuth grants: authorization codes, access tokens and refresh tokens.

Access tokens look like Pinterest's (``pina_…``), refresh tokens too (``pinr_…``). A token
remembers the environment it was issued in: a sandbox token is refused by production and the
other way round. An authorization code is good once, for ten minutes, for the client and the
redirect URI it was issued to.

Refreshing rotates both tokens: the contract's ``OauthAccessTokenResponseRefresh`` (the answer
to ``grant_type=refresh_token``) requires ``refresh_token``, ``refresh_token_expires_in`` and
``refresh_token_expires_at``, and ``oauth/token`` describes Pinterest's "continuous refresh
token (60-day expiration, refreshable indefinitely)". The contract does not say what becomes of
the old refresh token; the sandbox retires it, so a client that keeps using it finds out here
rather than in production.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from autopost.sandbox.pinterest_errors import invalid_request, wrong_environment
from autopost.sandbox.pinterest_settings import Environment

CODE_LIFETIME = timedelta(minutes=10)


@dataclass
class AccessGrant:
    username: str
    environment: Environment
    scope: str
    expires_at: datetime | None  # None: never expires
    revoked: bool = False

    def usable(self, now: datetime) -> bool:
        return not self.revoked and (self.expires_at is None or now < self.expires_at)


@dataclass
class RefreshGrant:
    username: str
    environment: Environment
    scope: str
    expires_at: datetime | None
    revoked: bool = False  # also once it has been used: refresh tokens rotate


@dataclass(frozen=True)
class AuthorizationCode:
    username: str
    client_id: str
    redirect_uri: str
    scope: str
    environment: Environment
    expires_at: datetime


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    access: AccessGrant
    refresh: RefreshGrant


class TokenBook:
    def __init__(self) -> None:
        self.access: dict[str, AccessGrant] = {}
        self.refresh: dict[str, RefreshGrant] = {}
        self.codes: dict[str, AuthorizationCode] = {}

    def issue(
        self,
        username: str,
        environment: Environment,
        scope: str,
        access_expires_at: datetime | None,
        refresh_expires_at: datetime | None,
        *,
        access_token: str | None = None,
        refresh_token: str | None = None,
    ) -> IssuedTokens:
        access_token = access_token or "pina_" + secrets.token_urlsafe(32)
        refresh_token = refresh_token or "pinr_" + secrets.token_urlsafe(32)
        access = AccessGrant(username, environment, scope, access_expires_at)
        refresh = RefreshGrant(username, environment, scope, refresh_expires_at)
        self.access[access_token] = access
        self.refresh[refresh_token] = refresh
        return IssuedTokens(access_token, refresh_token, access, refresh)

    def new_code(self, code: AuthorizationCode) -> str:
        value = secrets.token_urlsafe(24)
        self.codes[value] = code
        return value

    def redeem_code(
        self, value: str, client_id: str, redirect_uri: str, now: datetime
    ) -> AuthorizationCode:
        code = self.codes.get(value)
        if code is None or code.client_id != client_id or now >= code.expires_at:
            raise invalid_request("Invalid authorization code: unknown, used or expired.")
        if code.redirect_uri != redirect_uri:
            raise invalid_request(
                "Invalid redirect_uri: it must be the one the authorization code was issued for."
            )
        del self.codes[value]
        return code

    def live_refresh(self, value: str, now: datetime, environment: Environment) -> RefreshGrant:
        """The grant behind a refresh token that may still be used in this environment."""
        grant = self.refresh.get(value)
        if grant is None or grant.revoked:
            raise invalid_request("Invalid refresh token: unknown, revoked or already used.")
        if grant.expires_at is not None and now >= grant.expires_at:
            raise invalid_request("Invalid refresh token: it has expired.")
        check_environment(grant, environment)
        return grant

    def revoke_all_of(self, username: str) -> int:
        grants: list[AccessGrant | RefreshGrant] = [
            *(g for g in self.access.values() if g.username == username),
            *(g for g in self.refresh.values() if g.username == username),
        ]
        for grant in grants:
            grant.revoked = True
        return len(grants)

    def expire_access_of(self, username: str, now: datetime) -> int:
        grants = [g for g in self.access.values() if g.username == username and g.usable(now)]
        for grant in grants:
            grant.expires_at = now
        return len(grants)


def check_environment(grant: AccessGrant | RefreshGrant, environment: Environment) -> None:
    if grant.environment != environment:
        raise wrong_environment(grant.environment)
