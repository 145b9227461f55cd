"""What the Graph emulator knows of an access token: whose it is, what kind, and until when."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class TokenKind(enum.StrEnum):
    SHORT_LIVED = "short_lived"
    LONG_LIVED = "long_lived"


@dataclass
class TokenGrant:
    ig_user_id: str
    kind: TokenKind = TokenKind.LONG_LIVED
    issued_at: datetime | None = None  # None: before the sandbox started
    expires_at: datetime | None = None  # None: never expires
    revoked: bool = False

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at
