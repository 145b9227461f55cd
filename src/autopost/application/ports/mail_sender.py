"""Where e-mail goes out."""

from __future__ import annotations

from typing import Protocol


class MailSender(Protocol):
    async def send(self, to: str, subject: str, text: str) -> None:
        """Send a plain-text message. Raises ``ChannelUnavailable`` when the server could not
        take it now, ``ChannelRefused`` when it refused the address for good."""
        ...
