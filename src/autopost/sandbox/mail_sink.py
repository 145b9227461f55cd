"""An SMTP sink (aiosmtpd): it accepts every message, delivers none, and keeps what it got for
``/_sandbox/mail/``. No TLS and no login: point Autopost at it with
``AUTOPOST_SMTP_STARTTLS=false`` and no username."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from autopost.sandbox.clock import Clock

HOSTNAME = "autopost-sandbox"


@dataclass
class MailSink:
    clock: Clock
    received: list[dict[str, Any]] = field(default_factory=list)
    _server: asyncio.Server | None = None

    def reset(self) -> None:
        self.received.clear()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        message = message_from_bytes(raw, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        self.received.append(
            {
                "id": len(self.received) + 1,
                "received_at": self.clock.now().isoformat(),
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "from": str(message.get("From", "")),
                "to": str(message.get("To", "")),
                "subject": str(message.get("Subject", "")),
                "text": body.get_content() if body is not None else "",
            }
        )
        return "250 Message accepted for delivery"

    async def start(self, host: str, port: int) -> int:
        """Listen on the running loop; the port it listens on (``port`` 0: a free one)."""
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: SMTP(self, hostname=HOSTNAME, auth_require_tls=False), host, port
        )
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
