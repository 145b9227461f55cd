"""A connected account's state in words a person acts on: healthy, its token expiring on a
date (reconnect before then), or needing to be reconnected (and why)."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import frozen

from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.platform import Platform

# How long before its token expires an account is shown as expiring.
EXPIRY_WARNING = timedelta(days=14)
RECONNECT = "Reconnect the account."


class Health(enum.StrEnum):
    HEALTHY = "healthy"
    EXPIRING = "expiring"
    NEEDS_RECONNECT = "needs_reconnect"


@frozen
class AccountHealth:
    """``expires_at``: when its access token expires, if known; ``reason``: why it needs to
    be reconnected."""

    health: Health
    expires_at: datetime | None = None
    reason: str | None = None


def account_health(
    credential: Credential, now: datetime, warning: timedelta = EXPIRY_WARNING
) -> AccountHealth:
    """A Pinterest account with a refresh token has its access token renewed by Autopost: its
    expiry is no concern of the person's until Pinterest refuses the renewal (then it needs
    reconnecting)."""
    expires_at = credential.expires_at
    if credential.status is CredentialStatus.NEEDS_RECONNECT:
        return AccountHealth(
            Health.NEEDS_RECONNECT, expires_at, credential.status_reason or RECONNECT
        )
    renewed = credential.platform is Platform.PINTEREST and bool(credential.refresh_token)
    if expires_at is None or renewed:
        return AccountHealth(Health.HEALTHY, expires_at)
    if expires_at <= now:
        return AccountHealth(
            Health.NEEDS_RECONNECT,
            expires_at,
            f"The access token expired on {expires_at:%Y-%m-%d}.",
        )
    if expires_at <= now + warning:
        return AccountHealth(Health.EXPIRING, expires_at)
    return AccountHealth(Health.HEALTHY, expires_at)
