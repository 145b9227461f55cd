"""Handing a publication's next step to the broker, once the commit that plans it is done.

The publications table is its own outbox: a version never sent (``dispatched_version``, kept
by the persistence adapter) is a message owed. A change that makes a version current and due
within the horizon notes, in its own transaction, that the version's message is on its way,
and the message is sent right after the commit. Sending costs no transaction of its own:
only a message the broker refuses is noted as owed again, for the sweep (``DispatchDue``)
to send at its next round. A message lost with its process between the commit and the
sending is sent by the sweep once it is overdue (``PublishingPolicy.overdue_grace``), as one
lost by the broker or held by a worker that died. One sent twice does no harm: a duplicate
finds the publication taken or changed, and does nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.publication_scheduler import PublicationScheduler
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.platform import Platform
from autopost.domain.publication import ScheduledPublication

log = logging.getLogger(__name__)


def resend_after(sent_at: datetime, due: datetime, grace: timedelta, again: bool) -> datetime:
    """When a message sent at ``sent_at`` for work due at ``due`` is sent again if the work is
    still not taken then: ``grace`` after its time (or after the sending, if that is later),
    and once it was sent ``again``, when the work has waited as long again as it had then
    (2 s, 4 s, 8 s… late). A message the broker lost, or a dead worker held, is sent again
    soon; one that only waits its turn behind a busy worker is not sent again at every
    sweep, which would only make the queue longer."""
    if not again:
        return max(sent_at, due) + grace
    return sent_at + max(grace, sent_at - due)


class Dispatcher:
    def __init__(
        self, scheduler: PublicationScheduler, clock: Clock, policy: PublishingPolicy
    ) -> None:
        self._scheduler = scheduler
        self._clock = clock
        self._policy = policy

    def lead(self, platform: Platform) -> timedelta:
        """How far ahead of its due time work on a publication starts (``PublishingPolicy``)."""
        return self._policy.lead(platform)

    def send_after_commit(self, uow: UnitOfWork, publication: ScheduledPublication) -> None:
        """Once ``uow``'s transaction under way commits, send a message for the version of the
        publication it saved, if it is still to be worked on and due within the horizon."""
        noted: list[int] = []

        async def note() -> None:
            if publication.id is None or not self._due_soon(publication):
                return
            await uow.publications.mark_dispatched(
                publication.id,
                publication.version,
                resend_after(
                    self._clock.now(),
                    publication.next_run_at,
                    self._policy.overdue_grace,
                    again=False,
                ),
            )
            noted.append(publication.version)

        async def send() -> None:
            if noted:
                await self._send(uow, publication, noted[0])

        uow.before_commit(note)
        uow.after_commit(send)

    def _due_soon(self, publication: ScheduledPublication) -> bool:
        return (
            publication.has_work
            and publication.next_run_at <= self._clock.now() + self._policy.horizon
        )

    async def _send(self, uow: UnitOfWork, publication: ScheduledPublication, version: int) -> None:
        assert publication.id is not None
        try:
            self._scheduler.enqueue(publication.id, version, publication.next_run_at)
        except Exception:
            log.warning(
                "could not hand publication %s to the broker; the sweep will",
                publication.id,
                exc_info=True,
            )
            await uow.publications.mark_owed(publication.id, version)
            await uow.commit()
