"""Published posts whose public address is still to be asked, gathered by account.

Instagram's answer to a publish carries only the new media's id; its address (permalink) is
read afterwards, off the path of the post's second. Asked one by one, that is a platform call
and a transaction for every post. Instead, the first post of an account to need its address
waits while other publications of the same account are at work in this process (a burst of
posts due at the same second), at most ``PublishingPolicy.address_gather``; those that publish
meanwhile join it, and one read of the account's newest media and one transaction record all
of them. A post with nothing else of its account at work is asked for at once. What a worker
dies holding here is only addresses, never posts.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import timedelta


class PendingAddresses:
    """One per process, shared by every publication at work in it (all on one event loop)."""

    def __init__(self) -> None:
        # Account (credential id) -> publications of it at work in this process.
        self._at_work: Counter[int] = Counter()
        # Account -> set when the last of its publications at work is done.
        self._quiet: dict[int, asyncio.Event] = {}
        # Account -> remote id -> publication id, gathering.
        self._gathering: dict[int, dict[str, int]] = {}

    @contextlib.contextmanager
    def at_work(self, credential_id: int) -> Iterator[None]:
        """While a publication of the account is at work here: from its claim until its
        address, if it needs one, was handed over (``join``)."""
        self._at_work[credential_id] += 1
        try:
            yield
        finally:
            self._at_work[credential_id] -= 1
            if not self._at_work[credential_id]:
                del self._at_work[credential_id]
                quiet = self._quiet.pop(credential_id, None)
                if quiet is not None:
                    quiet.set()

    def join(self, credential_id: int, remote_id: str, publication_id: int) -> bool:
        """Adds a post. False when it is the first of its account: its caller then
        ``gather``s the others; True when another caller is gathering them already."""
        gathering = self._gathering.get(credential_id)
        if gathering is not None:
            gathering[remote_id] = publication_id
            return True
        self._gathering[credential_id] = {remote_id: publication_id}
        return False

    async def gather(self, credential_id: int, longest: timedelta) -> Mapping[str, int]:
        """Waits while other publications of the account are at work here, at most
        ``longest``; then what gathered, by remote id. A later ``join`` starts anew."""
        if self._at_work[credential_id]:
            quiet = self._quiet.setdefault(credential_id, asyncio.Event())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(quiet.wait(), longest.total_seconds())
        return self._gathering.pop(credential_id, {})
