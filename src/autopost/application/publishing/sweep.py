"""The safety net: work the broker does not know of is found in the database and sent."""

from __future__ import annotations

import logging

from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.publication_scheduler import PublicationScheduler
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.publishing.dispatch import resend_after

log = logging.getLogger(__name__)


class DispatchDue:
    """Finds work the broker does not know of (far-future posts now near, messages never
    sent or lost with a broker, claims whose worker died) and sends it. Run periodically by
    every worker."""

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
        async with self._uow as uow:
            grace = self._policy.overdue_grace
            tickets = await uow.publications.needing_dispatch(
                now,
                horizon,
                horizon if resend_all else now - grace,
                self._policy.sweep_batch,
                resend_all=resend_all,
            )
            for ticket in tickets:
                self._scheduler.enqueue(ticket.publication_id, ticket.version, ticket.next_run_at)
                await uow.publications.mark_dispatched(
                    ticket.publication_id,
                    ticket.version,
                    resend_after(now, ticket.next_run_at, grace, again=ticket.sent_before),
                )
            if tickets:
                await uow.commit()
        if tickets:
            log.info("sweep handed %d publication(s) to the broker", len(tickets))
        return len(tickets)
