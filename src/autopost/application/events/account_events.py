"""Events about connected accounts: each told once per occasion, however many posts or
runs of a job come across it (the event's ``key``)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.events import Event, EventType, iso, new_event

# How long before its token expires an account that Autopost cannot renew is told about.
EXPIRY_NOTICE = timedelta(days=7)


def _about(credential: Credential) -> dict[str, object]:
    return {
        "credential_id": credential.id,
        "platform": credential.platform.value,
        "account_id": credential.account_id,
        "username": credential.username,
    }


def needs_reconnect(credential: Credential, now: datetime) -> Event:
    """Once per account and token: the same token refused again, by another post or job,
    is the same occasion (its key names a digest of the stored, sealed token, never the
    token)."""
    token = hashlib.sha256(credential.access_token.encode()).hexdigest()[:16]
    return new_event(
        EventType.ACCOUNT_NEEDS_RECONNECT,
        now,
        _about(credential) | {"reason": credential.status_reason},
        owner_id=credential.owner_id,
        subject=f"account:{credential.id}",
        key=f"{EventType.ACCOUNT_NEEDS_RECONNECT}:{credential.id}:{token}",
    )


def token_expiring(credential: Credential, now: datetime) -> Event | None:
    """Told once per account and expiry, from a week before it; None when it is not yet
    time, or the account already needs reconnecting."""
    expires_at = credential.expires_at
    if (
        expires_at is None
        or credential.status is not CredentialStatus.ACTIVE
        or expires_at - now > EXPIRY_NOTICE
    ):
        return None
    return new_event(
        EventType.ACCOUNT_TOKEN_EXPIRING,
        now,
        _about(credential) | {"expires_at": iso(expires_at)},
        owner_id=credential.owner_id,
        subject=f"account:{credential.id}",
        key=f"{EventType.ACCOUNT_TOKEN_EXPIRING}:{credential.id}:{iso(expires_at)}",
    )
