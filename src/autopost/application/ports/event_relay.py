"""How the events a transaction recorded reach the worker once it commits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class EventRelay(Protocol):
    def relay(self, event_ids: Sequence[str]) -> None:
        """Ask the worker to hand these committed events on. A message lost here costs only
        time: the worker's sweep hands on every event not yet handed on."""
        ...


class NoEventRelay:
    """For processes that leave every event to the sweep."""

    def relay(self, event_ids: Sequence[str]) -> None:
        return None
