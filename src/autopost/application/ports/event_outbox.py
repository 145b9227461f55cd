"""Where events are recorded, with the change they report."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Protocol

from autopost.domain.events import Event


class EventOutbox(Protocol):
    async def add(self, event: Event) -> None:
        """Recorded by the commit of the transaction under way, and only by it: a rollback
        keeps nothing. Once it commits the event is handed on (the unit of work tells the
        worker after the commit; the sweep hands on what it missed). An event about a post
        (``data["post_id"]``) without an ``owner_id`` is recorded with the post's owner. An
        event whose ``key`` was recorded before is ignored."""
        ...

    async def to_relay(
        self, limit: int, ids: Collection[str] | None = None
    ) -> Sequence[tuple[int, Event]]:
        """Events not yet handed on, oldest first, with their place in the outbox (all of
        them, or those of ``ids``)."""
        ...

    async def mark_relayed(self, seq: int, now: datetime) -> bool:
        """Marks one event handed on; False when another transaction did so first."""
        ...

    async def get(self, event_id: str) -> tuple[int, Event] | None: ...

    async def since(self, after_seq: int, limit: int) -> Sequence[tuple[int, Event]]:
        """Events recorded after ``after_seq``, oldest first (for a reader of its own, such
        as a person's channels, that keeps its place)."""
        ...
