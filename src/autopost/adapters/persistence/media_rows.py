"""Media a sync fetched, as the plain rows its upsert writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from autopost.application.ports.instagram_media_gateway import RemoteMedia

# What Instagram may change about a media; the upsert writes them when the fingerprint changes.
SYNCED_FIELDS = (
    "media_type",
    "media_product_type",
    "caption",
    "media_url",
    "thumbnail_url",
    "permalink",
    "timestamp",
    "like_count",
    "comments_count",
    "children",
)


def fingerprint(media: RemoteMedia) -> str:
    """40 hex digits that change whenever one of ``SYNCED_FIELDS`` does."""
    values = [
        media.media_type,
        media.media_product_type,
        media.caption,
        media.media_url,
        media.thumbnail_url,
        media.permalink,
        media.timestamp.astimezone(UTC).isoformat(),
        media.like_count,
        media.comments_count,
        media.children,
    ]
    text = json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def media_rows(
    credential_id: int, items: Sequence[RemoteMedia], seen_at: datetime
) -> list[dict[str, Any]]:
    """One row per media id, the first given winning: one upsert may not touch a row twice."""
    rows: dict[str, dict[str, Any]] = {}
    for media in items:
        if media.media_id in rows:
            continue
        rows[media.media_id] = {
            "credential_id": credential_id,
            "media_id": media.media_id,
            "media_type": media.media_type,
            "media_product_type": media.media_product_type,
            "caption": media.caption,
            "media_url": media.media_url,
            "thumbnail_url": media.thumbnail_url,
            "permalink": media.permalink,
            "timestamp": media.timestamp,
            "like_count": media.like_count,
            "comments_count": media.comments_count,
            # A media without children stores NULL, as the domain's ``children`` has it.
            "children": [dict(child) for child in media.children] or None,
            "fingerprint": fingerprint(media),
            "last_seen_at": seen_at,
            "synced_at": seen_at,
        }
    return list(rows.values())
