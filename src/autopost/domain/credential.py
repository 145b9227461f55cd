"""A connected platform account and its (encrypted) tokens."""

from __future__ import annotations

import enum
from datetime import datetime

from attrs import define, field

from autopost.domain.platform import Platform


class CredentialStatus(enum.StrEnum):
    ACTIVE = "active"
    NEEDS_RECONNECT = "needs_reconnect"


class InstagramLogin(enum.StrEnum):
    """Which login an Instagram account was connected with: Facebook Login (the Graph API
    through a Facebook Page) or Instagram Login (graph.instagram.com)."""

    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"


class PinterestEnvironment(enum.StrEnum):
    """Which of Pinterest's environments an account was connected in."""

    SANDBOX = "sandbox"
    PRODUCTION = "production"


@define(slots=False, eq=False)
class Credential:
    """``access_token`` and ``refresh_token`` hold ciphertext; only a SecretBox reads them.

    ``environment`` is kept as one word whose meaning is the platform's: read it as
    ``instagram_login`` for an Instagram account and as ``pinterest_environment`` for a
    Pinterest one.
    """

    platform: Platform = field(converter=Platform)
    account_id: str
    access_token: str
    created_at: datetime
    owner_id: int | None = None
    username: str | None = None
    refresh_token: str | None = None
    expires_at: datetime | None = None
    scopes: str | None = None
    environment: str = PinterestEnvironment.PRODUCTION.value
    status: CredentialStatus = CredentialStatus.ACTIVE
    status_reason: str | None = None
    default_board_id: str | None = None
    # Its posts by Contributors wait for a reviewer (``approval``), whatever the setting says.
    requires_approval: bool = False
    id: int | None = None

    @property
    def instagram_login(self) -> InstagramLogin:
        """An Instagram account's login. An account whose token was given by hand (kept as
        "production") holds a Facebook Login token: the Graph API's."""
        if self.environment == InstagramLogin.INSTAGRAM:
            return InstagramLogin.INSTAGRAM
        return InstagramLogin.FACEBOOK

    @property
    def pinterest_environment(self) -> PinterestEnvironment:
        """A Pinterest account's environment."""
        return PinterestEnvironment(self.environment)

    def replace_tokens(
        self, access_token: str, refresh_token: str | None, expires_at: datetime | None
    ) -> None:
        self.access_token = access_token
        if refresh_token is not None:
            self.refresh_token = refresh_token
        self.expires_at = expires_at
        self.status = CredentialStatus.ACTIVE
        self.status_reason = None

    def needs_reconnect(self, reason: str) -> None:
        self.status = CredentialStatus.NEEDS_RECONNECT
        self.status_reason = reason
