"""Asking the database whether it answers, and at which schema revision."""

from __future__ import annotations

from typing import Protocol

from attrs import frozen


@frozen
class DatabaseState:
    """``revision``: the schema revision the database is at (None when it has none yet);
    ``newest``: the one this code needs. ``error`` says why it did not answer, without any
    password of its address."""

    reachable: bool
    revision: str | None = None
    newest: str | None = None
    error: str | None = None
    kind: str = ""

    @property
    def migrated(self) -> bool:
        return self.reachable and self.revision == self.newest


class DatabaseProbe(Protocol):
    async def state(self) -> DatabaseState:
        """Never raises for what the database does or fails to do: that is the state."""
        ...
