"""Signed, expiring links to the library's files: how a platform (Instagram fetching a photo,
Pinterest an image) reaches a file without a session. A link names the item and the second
it expires at, signed with a key only this instance has; changing either breaks the
signature, and a link past its second opens nothing."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime

# Derived from the instance's secret key for this use alone: the secret itself never signs
# anything a stranger can see, and a link's key can sign nothing else.
_PURPOSE = b"autopost media links v1"


def link_key(secret_key: str) -> bytes:
    return hmac.new(secret_key.encode(), _PURPOSE, hashlib.sha256).digest()


def link_signature(key: bytes, item_id: int, expires: int) -> str:
    """``expires``: seconds since 1970 (UTC). URL-safe, without padding."""
    digest = hmac.new(key, f"{item_id}.{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def link_opens(key: bytes, item_id: int, expires: int, signature: str, now: datetime) -> bool:
    """Whether a link with these parts was made by this instance and has not expired."""
    if now.timestamp() >= expires:
        return False
    expected = link_signature(key, item_id, expires)
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))
