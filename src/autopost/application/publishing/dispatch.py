"""Handing due work to the broker: at once when near, by the sweep otherwise."""

from __future__ import annotations

import logging
from datetime import timedelta

from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.publication_scheduler import PublicationScheduler
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.publication import ScheduledPublication

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(
        self, scheduler: PublicationScheduler, clock: Clock, policy: PublishingPolicy
    ) -> None:
        self._scheduler = scheduler
        self._clock = clock
        self._policy = policy

    def lead(self, platform: str) -> timedelta:
        """How far ahead of its due time work on a publication starts (``PublishingPolicy``)."""
        return self._policy.lead(platform)

    async def dispatch(self, uow: UnitOfWork, publication: ScheduledPublication) -> bool:
        """Send a message for the publication's current version if it is due within the
        horizon. Call after the publication was committed; a failure to reach the broker is
        logged and left to the sweep."""
        if publication.id is None or not publication.is_active:
            return False
        if publication.next_run_at > self._clock.now() + self._policy.horizon:
            return False
        try:
            self._scheduler.enqueue(publication.id, publication.version, publication.next_run_at)
        except Exception:
            log.warning(
                "could not hand publication %s to the broker; the sweep will",
                publication.id,
                exc_info=True,
            )
            return False
        await uow.publications.mark_dispatched(publication.id, publication.version)
        await uow.commit()
        return True


class DispatchDue:
    """The safety net: finds work the broker does not know of (far-future posts now near,
    messages lost with a broker) and sends it. Run periodically by every worker."""

    def __init__(
        self,
        uow: UnitOfWork,
        scheduler: PublicationScheduler,
        clock: Clock,
        policy: PublishingPolicy,
    ) -> None:
        self._uow = uow
        self._scheduler = scheduler
        self._clock = clock
        self._policy = policy

    async def execute(self, resend_all: bool = False) -> int:
        """``resend_all`` when the broker may have forgotten everything it held (a worker
        starting on the in-process broker): everything due within the horizon is sent again."""
        now = self._clock.now()
        horizon = now + self._policy.horizon
        sent = 0
        async with self._uow as uow:
            tickets = await uow.publications.needing_dispatch(
                now,
                horizon,
                horizon if resend_all else now - self._policy.overdue_grace,
                self._policy.sweep_batch,
            )
            for ticket in tickets:
                self._scheduler.enqueue(ticket.publication_id, ticket.version, ticket.next_run_at)
                await uow.publications.mark_dispatched(ticket.publication_id, ticket.version)
                sent += 1
            await uow.commit()
        if sent:
            log.info("sweep handed %d publication(s) to the broker", sent)
        return sent
