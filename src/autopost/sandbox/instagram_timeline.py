"""One account's media in listing order, kept sorted so a page is found by bisection.

A key is ``(microseconds since the epoch, numeric media id)``, oldest first; listings read the
keys backwards. Cursors carry a key rather than a position, so a page found from a cursor costs
the same at any depth and stays right when media around it come or go.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_LARGEST_ID = 2**63

MediaKey = tuple[int, int]


def micros(moment: datetime) -> int:
    return (moment - EPOCH) // _MICROSECOND


def media_key(timestamp: datetime, media_id: str) -> MediaKey:
    return (micros(timestamp), int(media_id))


class Timeline:
    def __init__(self) -> None:
        self.keys: list[MediaKey] = []

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: MediaKey) -> None:
        bisect.insort(self.keys, key)

    def add_many(self, keys: Iterable[MediaKey]) -> None:
        self.keys.extend(keys)
        self.keys.sort()  # Timsort: cheap when the new keys arrive as one sorted run

    def remove(self, key: MediaKey) -> None:
        index = bisect.bisect_left(self.keys, key)
        if index < len(self.keys) and self.keys[index] == key:
            del self.keys[index]

    def bounds(self, since: datetime | None, until: datetime | None) -> tuple[int, int]:
        """The index range of media timestamped from ``since`` to ``until``, both included."""
        low = 0 if since is None else bisect.bisect_left(self.keys, (micros(since), 0))
        high = (
            len(self.keys)
            if until is None
            else bisect.bisect_right(self.keys, (micros(until), _LARGEST_ID))
        )
        return low, max(low, high)
