"""Claims held by this process, kept alive together while their work goes on.

A claim is a lease (``PublishingPolicy.lease``, seconds): a worker that dies stops renewing
it, and once it has run out the sweep hands the publication to another worker. A live worker
renews all of its claims in one statement every third of a lease, however long a platform
takes to answer, so a short lease costs nothing while it works and a dead worker's
publications come back within seconds.

A renewal moves a lease only from the end this process last gave it: once the work has moved
the publication on (a retry planned, a container to poll, published) or another worker took it
over, its ``next_run_at`` is something else and the renewal leaves it alone.
"""

from __future__ import annotations

import threading
from datetime import datetime

from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork


class HeldClaims:
    """Publication id -> the lease end this process last gave it. Shared by the publications
    in flight and the renewal; safe across threads."""

    def __init__(self) -> None:
        self._leases: dict[int, datetime] = {}
        self._lock = threading.Lock()

    def hold(self, publication_id: int, lease_end: datetime) -> None:
        with self._lock:
            self._leases[publication_id] = lease_end

    def release(self, publication_id: int) -> None:
        with self._lock:
            self._leases.pop(publication_id, None)

    def holds(self, publication_id: int) -> bool:
        with self._lock:
            return publication_id in self._leases

    def snapshot(self) -> dict[int, datetime]:
        with self._lock:
            return dict(self._leases)

    def renewed(self, before: dict[int, datetime], until: datetime) -> None:
        """The leases of ``before`` now end at ``until``, those the work did not move
        meanwhile (a renewal of its own, or a release)."""
        with self._lock:
            for publication_id, lease_end in before.items():
                if self._leases.get(publication_id) == lease_end:
                    self._leases[publication_id] = until


class RenewLeases:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, policy: PublishingPolicy, held: HeldClaims
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._held = held

    async def execute(self) -> int:
        """Renew every claim this process holds; how many it held."""
        held = self._held.snapshot()
        if not held:
            return 0
        until = self._clock.now() + self._policy.lease
        async with self._uow as uow:
            await uow.publications.renew_leases(list(held.items()), until)
            await uow.commit()
        self._held.renewed(held, until)
        return len(held)


class HandBackClaims:
    """At a stop, after the grace period: the claims this process still held (``held``, taken
    before their work was cancelled) are given back, so that another worker (or this one,
    restarted) takes them at once rather than when their leases run out. One whose call that
    cannot be repeated may have been sent (publishing, a first comment) keeps its lease: its
    outcome is unknown, and whoever takes it next asks the platform before sending again."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, held: dict[int, datetime]) -> int:
        """How many were given back."""
        if not held:
            return 0
        async with self._uow as uow:
            released = await uow.publications.release_claims(list(held.items()), self._clock.now())
            await uow.commit()
        return released
