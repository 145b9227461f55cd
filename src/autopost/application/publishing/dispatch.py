"""Handing a publication's next step to the broker, once the commit that plans it is done.

The publications table is its own outbox: a version never sent (``dispatched_version``, kept
by the persistence adapter) is a message owed. Right after the commit that makes a version
current, its message is sent at once when it is due within the horizon, and the sending is
recorded in a short transaction of its own. A message that could not be sent, or whose
worker died between the commit and the sending, is owed still: the sweep (``DispatchDue``)
sends it. One sent but not recorded is sent again by the sweep, which does no harm: a
duplicate finds the publication taken or changed, and does nothing.
"""

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

    def send_after_commit(self, uow: UnitOfWork, publication: ScheduledPublication) -> None:
        """Once ``uow``'s transaction under way commits, send a message for the version of the
        publication it saved, if it is still to be worked on and due within the horizon."""

        async def send() -> None:
            await self._send(uow, publication)

        uow.after_commit(send)

    async def _send(self, uow: UnitOfWork, publication: ScheduledPublication) -> None:
        if publication.id is None or not publication.is_active:
            return
        if publication.next_run_at > self._clock.now() + self._policy.horizon:
            return
        try:
            self._scheduler.enqueue(publication.id, publication.version, publication.next_run_at)
        except Exception:
            log.warning(
                "could not hand publication %s to the broker; the sweep will",
                publication.id,
                exc_info=True,
            )
            return
        await uow.publications.mark_dispatched(publication.id, publication.version)
        await uow.commit()
