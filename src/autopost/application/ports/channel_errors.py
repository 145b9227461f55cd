"""How a notification channel (Telegram, SMTP) says a message did not go."""

from __future__ import annotations


class ChannelUnavailable(Exception):
    """The channel could not take the message now (down, timed out, rate limited): try again
    later. The message must not name a secret."""


class ChannelRefused(Exception):
    """The channel refused the message for good (the bot was blocked, the address is wrong):
    trying again would not help."""
