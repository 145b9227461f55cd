"""Sending one signed delivery to a receiver."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Protocol

from attrs import frozen


@frozen
class ReceiverAnswer:
    status_code: int
    latency_ms: int
    retry_after: timedelta | None = None


class ReceiverUnreachable(Exception):
    """No answer: refused address, connection error, timeout. The message says which, in
    words, and never holds the secret."""

    def __init__(self, message: str, latency_ms: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.latency_ms = latency_ms


class WebhookSender(Protocol):
    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> ReceiverAnswer:
        """POST ``body`` to ``url``, without following redirects. The host is resolved and
        every address it resolves to checked (``webhook_addresses``) before the request,
        which is then made to an address that was checked; raises ``ReceiverUnreachable``."""
        ...
