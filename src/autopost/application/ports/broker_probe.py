"""Asking the message broker whether it answers, and how many messages wait in it."""

from __future__ import annotations

from typing import Protocol

from attrs import frozen


@frozen
class BrokerState:
    """``kind``: ``embedded``, ``redis`` or ``rabbitmq``. ``waiting``: messages in the broker
    not yet taken by a worker, delayed ones included; None when the broker cannot say (the
    embedded broker of another process). ``error`` never holds a password."""

    kind: str
    reachable: bool
    waiting: int | None = None
    error: str | None = None


class BrokerProbe(Protocol):
    async def state(self) -> BrokerState:
        """Never raises for what the broker does or fails to do: that is the state. Answers
        within a few seconds, also when the broker does not."""
        ...
