"""Events of an Instagram sync."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from autopost.domain.credential import Credential
from autopost.domain.events import Event, EventType, new_event


def sync_completed(credential: Credential, counts: Mapping[str, int], now: datetime) -> Event:
    return new_event(
        EventType.SYNC_COMPLETED,
        now,
        {"credential_id": credential.id, "platform": credential.platform.value, **counts},
        owner_id=credential.owner_id,
        subject=f"account:{credential.id}",
    )


def comments_received(
    credential: Credential, media_id: str, comment_ids: list[str], now: datetime
) -> Event:
    return new_event(
        EventType.COMMENT_RECEIVED,
        now,
        {
            "credential_id": credential.id,
            "platform": credential.platform.value,
            "media_id": media_id,
            "comment_ids": comment_ids,
            "count": len(comment_ids),
        },
        owner_id=credential.owner_id,
        subject=f"account:{credential.id}",
    )
