"""Whether a platform's publishing quota (Instagram's: so many posts in 24 hours) has a place
for one more post, from the platform's count and the places Autopost's posts hold."""

from __future__ import annotations

import enum


class QuotaRoom(enum.Enum):
    FREE = "free"
    SPENT = "spent"
    # Free only if the platform already counts some of the posts sent to it a moment ago.
    UNCERTAIN = "uncertain"


def quota_room(used: int, total: int, unsent: int, maybe_counted: int) -> QuotaRoom:
    """``used``: the platform's count when it was asked. ``unsent``: places held by posts not
    sent to the platform yet, which it cannot have counted. ``maybe_counted``: posts sent to
    it whose outcome is not known yet, or published since it was asked: whether its count
    has them depends on the moment it counted.

    A place is free when it is free whichever way those go, and the quota is spent when it
    is spent whichever way they go; in between, only their outcomes can tell."""
    if used + unsent + maybe_counted < total:
        return QuotaRoom.FREE
    if used + unsent >= total:
        return QuotaRoom.SPENT
    return QuotaRoom.UNCERTAIN
