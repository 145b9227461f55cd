"""A connected platform account and its (encrypted) tokens."""

from __future__ import annotations

import enum
from datetime import datetime

from attrs import define


class CredentialStatus(enum.StrEnum):
    ACTIVE = "active"
    NEEDS_RECONNECT = "needs_reconnect"


@define(slots=False, eq=False)
class Credential:
    """``access_token`` and ``refresh_token`` hold ciphertext; only a SecretBox reads them."""

    platform: str
    account_id: str
    access_token: str
    created_at: datetime
    owner_id: int | None = None
    username: str | None = None
    refresh_token: str | None = None
    expires_at: datetime | None = None
    scopes: str | None = None
    environment: str = "production"
    status: CredentialStatus = CredentialStatus.ACTIVE
    status_reason: str | None = None
    default_board_id: str | None = None
    id: int | None = None

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
