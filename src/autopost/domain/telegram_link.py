"""Linking a person's Telegram chat: a one-time code shown on their settings page, which they
send to the bot as ``/start CODE``. Only its digest is kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from attrs import define

# Long enough to open Telegram and send it; short enough that a code seen over a shoulder
# is soon worth nothing.
CODE_LIFETIME = timedelta(minutes=15)
# No 0/O or 1/I: a code is read off a page and typed.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))


def code_digest(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def code_in(text: str) -> str | None:
    """The code of a ``/start CODE`` message (``/start@bot CODE`` too), or None."""
    parts = text.strip().split()
    if len(parts) != 2 or parts[0].split("@", 1)[0] != "/start":
        return None
    return parts[1]


@define(slots=False, eq=False)
class TelegramLinkCode:
    user_id: int
    digest: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None

    @classmethod
    def issued(cls, user_id: int, code: str, now: datetime) -> TelegramLinkCode:
        return cls(user_id, code_digest(code), now, now + CODE_LIFETIME)

    def usable(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at


@define(slots=False, eq=False)
class TelegramChat:
    """The chat a person linked: where the bot writes to them."""

    user_id: int
    chat_id: int
    username: str
    linked_at: datetime


def telegram_name(value: str) -> str:
    """A Telegram username as Autopost keeps it: without its ``@``, compared without case."""
    return value.strip().removeprefix("@")


def same_telegram_name(a: str, b: str) -> bool:
    return telegram_name(a).lower() == telegram_name(b).lower()
