"""Asking where the library's files are kept whether it can be reached."""

from __future__ import annotations

from typing import Protocol

from attrs import frozen


@frozen
class StorageState:
    """``kind``: ``disk`` or ``s3``; ``where``: the directory, or the bucket (and the service
    it is on). ``error`` names what went wrong, never a key."""

    kind: str
    where: str
    reachable: bool
    error: str | None = None


class MediaStorageProbe(Protocol):
    async def state(self) -> StorageState:
        """Never raises for what the storage does or fails to do: that is the state. Answers
        within a few seconds, also when the storage does not."""
        ...
