"""Where publications are kept, and the queries the publishing core runs on them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from attrs import frozen

from autopost.domain.credential import Credential
from autopost.domain.platform import Platform
from autopost.domain.post_conflicts import NearbyPost
from autopost.domain.publication import CHANGEABLE, PublicationStatus, ScheduledPublication


@frozen
class DispatchTicket:
    publication_id: int
    version: int
    next_run_at: datetime
    # A message for this version was sent already (the sweep sends it again).
    sent_before: bool = False


@frozen
class QuotaPlaces:
    """The places in an account's publishing quota that its publications hold.

    ``unsent``: the call that publishes was not made yet, so the platform does not count
    them. ``sent``: it was made and its outcome is not recorded yet (in flight, or its answer
    was lost): the platform may already count them.
    """

    unsent: int
    sent: int

    @property
    def held(self) -> int:
        return self.unsent + self.sent


@frozen
class PublicationRow:
    """A publication as the calendar lists it: what it shows of the publication and its post,
    read without loading either whole (a month may hold thousands)."""

    publication_id: int
    post_id: int
    credential_id: int
    platform: Platform
    status: PublicationStatus
    # Every listed publication has a time (a draft without one is never listed).
    publish_at: datetime
    updated_at: datetime
    error: str | None
    # Who created the post.
    owner_id: int | None
    # What this account publishes, in words: an Instagram caption, a pin's title (or its
    # description when it has no title); empty when it has none.
    text: str
    # When the platform had it: published ones only.
    published_at: datetime | None = None

    @property
    def can_change(self) -> bool:
        """It may still be moved (``ScheduledPublication.can_change``)."""
        return self.status in CHANGEABLE


class PublicationRepository(Protocol):
    async def add(self, publication: ScheduledPublication) -> None: ...

    async def get(self, publication_id: int) -> ScheduledPublication | None: ...

    async def for_work(self, publication_id: int) -> tuple[ScheduledPublication, Credential] | None:
        """A publication and its account, read at once for a step of work on it; None when
        it is gone. The account is kept as any entity read; the publication is the step's
        own copy, whose changes only ``save`` keeps."""
        ...

    async def save(self, publication: ScheduledPublication) -> None:
        """Write what changed in a publication read by ``for_work`` since it was read or
        last saved, in the transaction under way, and give it its next version; raises
        ``ConcurrentUpdate`` when its stored version is no longer the one read."""
        ...

    async def record_addresses(self, addresses: Mapping[int, str], now: datetime) -> None:
        """Give published publications that have none their address, by publication id,
        in the transaction under way, each moved to its next version. One that is not
        published, or has an address already, is left as it is."""
        ...

    async def for_posts(self, post_ids: Sequence[int]) -> Sequence[ScheduledPublication]: ...

    async def needing_dispatch(
        self,
        now: datetime,
        horizon: datetime,
        overdue_before: datetime,
        limit: int,
        *,
        resend_all: bool = False,
    ) -> Sequence[DispatchTicket]:
        """Publications with work left (``ScheduledPublication.has_work``: active, or
        published with a first comment to write) due before ``horizon`` whose current version
        was never sent to
        the broker, or that are still waiting although due before ``overdue_before``, or
        that are ``processing`` and due by ``now``: at its time, a post already at work waits
        for no grace (its ``next_run_at`` is the end of its lease, or its next try). One
        overdue is sent again only once its ``resend_after`` has come, unless ``resend_all``.
        """
        ...

    async def mark_dispatched(
        self, publication_id: int, version: int, resend_after: datetime | None = None
    ) -> None:
        """Record that a message for this version is on its way, and when it may be sent
        again if the publication is still waiting then; does not change the version."""
        ...

    async def mark_owed(self, publication_id: int, version: int) -> None:
        """Record that the message noted for this version was not sent after all (the broker
        refused it): the sweep sends it at its next round. Does not change the version."""
        ...

    async def renew_leases(self, leases: Sequence[tuple[int, datetime]], until: datetime) -> None:
        """For each ``(publication id, lease end)``: move ``next_run_at`` to ``until`` where it
        is still that lease end (the claim is still the one given) and it still has work
        (``has_work``); does not change the version."""
        ...

    async def release_claims(self, leases: Sequence[tuple[int, datetime]], now: datetime) -> int:
        """For each ``(publication id, lease end)`` whose ``next_run_at`` is still that lease
        end and that still has work: move ``next_run_at`` to ``now`` (any worker may claim it
        at once), unless a call that cannot be repeated may have been sent for it (its
        ``publish_requested_at`` or ``first_comment_requested_at`` is set): that one keeps its
        lease, and whoever takes it after asks the platform first. How many were released;
        does not change the version."""
        ...

    async def published_since(self, credential_id: int, since: datetime) -> Sequence[datetime]:
        """When this account's publications were published, from ``since`` on, oldest first."""
        ...

    async def on_account_between(
        self, credential_id: int, start: datetime, end: datetime
    ) -> Sequence[NearbyPost]:
        """The posts whose publication on this account is due from ``start`` to ``end`` (both
        included) and is scheduled, at work or published, each with its content; oldest
        first. A cancelled or failed one is left out."""
        ...

    async def count_active_for_credential(self, credential_id: int) -> int: ...

    async def posts_in_status(
        self, statuses: Sequence[PublicationStatus], owner_id: int | None, limit: int
    ) -> Sequence[int]:
        """The ids of the posts (only ``owner_id``'s, unless None) with a publication in one
        of ``statuses``, the earliest due first, at most ``limit``."""
        ...

    async def lock_quota(self, credential_id: int) -> QuotaPlaces:
        """Lock the account's publishing quota until this transaction ends (another
        transaction locking it waits until then), and count the places that its active
        publications hold. Counting and taking a place in one such transaction is what keeps
        two workers from both taking the last place."""
        ...

    async def rows_between(
        self,
        start: datetime,
        end: datetime,
        *,
        credential_ids: Sequence[int] = (),
        platforms: Sequence[Platform] = (),
        statuses: Sequence[PublicationStatus] = (),
    ) -> Sequence[PublicationRow]:
        """The publications due from ``start`` (included) to ``end`` (excluded), each with what
        the calendar shows of its post, in one query; by time, then id. Only those on the
        accounts, of the platforms and in the statuses given, where given. A draft without a
        time has none and is never among them."""
        ...

    async def latest_failed(self, limit: int) -> Sequence[PublicationRow]:
        """The failed publications, the last to change first, at most ``limit``."""
        ...
