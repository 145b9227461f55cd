"""The queries the scheduler and the publishing quota depend on."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest
from persistence_builders import NOW, Seed, UowFactory
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.tables import publications
from autopost.application.ports.publication_repository import DispatchTicket, QuotaPlaces
from autopost.domain.credential import CredentialStatus
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.publication import (
    FirstCommentStatus,
    PublicationStatus,
    ScheduledPublication,
)

pytestmark = pytest.mark.integration

HORIZON = NOW + timedelta(minutes=10)
OVERDUE_BEFORE = NOW - timedelta(minutes=1)


async def needing_dispatch(uow_factory: UowFactory, limit: int = 100) -> list[DispatchTicket]:
    async with uow_factory() as uow:
        return list(await uow.publications.needing_dispatch(NOW, HORIZON, OVERDUE_BEFORE, limit))


async def mark_dispatched(uow_factory: UowFactory, publication_id: int, version: int) -> None:
    async with uow_factory() as uow:
        await uow.publications.mark_dispatched(publication_id, version)
        await uow.commit()


async def dispatched_version(engine: AsyncEngine, publication_id: int) -> int | None:
    """The broker's bookkeeping, a column the domain's publication does not have."""
    async with engine.connect() as connection:
        column = publications.c.dispatched_version
        result = await connection.execute(select(column).where(publications.c.id == publication_id))
        return result.scalar_one()  # type: ignore[no-any-return]


async def test_mark_dispatched_keeps_the_version(
    uow_factory: UowFactory, seed: Seed, engine: AsyncEngine
) -> None:
    publication_id = await seed.publication()
    async with uow_factory() as uow:
        loaded = await uow.publications.get(publication_id)
        assert loaded is not None
        await uow.publications.mark_dispatched(publication_id, 1)
        await uow.commit()
        assert loaded.version == 1
        # The loaded instance was not touched: editing it later is one ordinary update.
        loaded.reschedule(NOW + timedelta(hours=1), now=NOW)
        await uow.commit()
        assert loaded.version == 2

    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
    assert stored is not None and stored.version == 2
    assert await dispatched_version(engine, publication_id) == 1


async def test_mark_dispatched_for_a_stale_version_does_nothing(
    uow_factory: UowFactory, seed: Seed, engine: AsyncEngine
) -> None:
    publication_id = await seed.publication()
    await mark_dispatched(uow_factory, publication_id, 1)
    async with uow_factory() as uow:
        await uow.publications.mark_dispatched(publication_id, 7)
        await uow.publications.mark_dispatched(publication_id, 8)
        await uow.commit()

    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
    assert stored is not None and stored.version == 1
    assert await dispatched_version(engine, publication_id) == 1


async def test_a_message_noted_as_sent_and_refused_is_owed_again(
    uow_factory: UowFactory, seed: Seed, engine: AsyncEngine
) -> None:
    publication_id = await seed.publication(publish_at=NOW + timedelta(minutes=3))
    await mark_dispatched(uow_factory, publication_id, 1)
    assert [t.publication_id for t in await needing_dispatch(uow_factory)] == []
    async with uow_factory() as uow:
        await uow.publications.mark_owed(publication_id, 2)  # not the version noted
        await uow.commit()
    assert await dispatched_version(engine, publication_id) == 1
    async with uow_factory() as uow:
        await uow.publications.mark_owed(publication_id, 1)
        await uow.commit()
    assert await dispatched_version(engine, publication_id) is None
    assert [t.publication_id for t in await needing_dispatch(uow_factory)] == [publication_id]


async def test_an_overdue_publication_is_sent_again_only_once_its_pause_is_over(
    uow_factory: UowFactory, seed: Seed
) -> None:
    overdue = await seed.publication(publish_at=NOW - timedelta(minutes=5))
    async with uow_factory() as uow:
        await uow.publications.mark_dispatched(overdue, 1, NOW + timedelta(seconds=1))
        await uow.commit()
    assert await needing_dispatch(uow_factory) == []
    async with uow_factory() as uow:
        found = await uow.publications.needing_dispatch(NOW, HORIZON, HORIZON, 100, resend_all=True)
    assert [t.publication_id for t in found] == [overdue], "a restarted broker gets it all"
    async with uow_factory() as uow:
        await uow.publications.mark_dispatched(overdue, 1, NOW)
        await uow.commit()
    assert [t.publication_id for t in await needing_dispatch(uow_factory)] == [overdue]


def test_the_publication_has_no_broker_bookkeeping() -> None:
    """Whether a message was sent is the persistence adapter's to know, not the domain's."""
    assert "dispatched_version" not in attrs.fields_dict(ScheduledPublication)


async def test_needing_dispatch_finds_never_sent_changed_and_overdue_ones(
    uow_factory: UowFactory, seed: Seed
) -> None:
    never_sent = await seed.publication(publish_at=NOW + timedelta(minutes=3))
    sent = await seed.publication(publish_at=NOW + timedelta(minutes=2))
    changed = await seed.publication(publish_at=NOW + timedelta(minutes=4))
    overdue = await seed.publication(publish_at=NOW - timedelta(minutes=5))
    just_late = await seed.publication(publish_at=NOW - timedelta(seconds=30))
    beyond_horizon = await seed.publication(publish_at=HORIZON + timedelta(seconds=1))
    processing = await seed.publication(
        publish_at=NOW + timedelta(minutes=1), status=PublicationStatus.PROCESSING
    )
    for status in (
        PublicationStatus.PUBLISHED,
        PublicationStatus.FAILED,
        PublicationStatus.CANCELLED,
    ):
        await seed.publication(publish_at=NOW - timedelta(hours=1), status=status)
    for publication_id in (sent, changed, overdue, just_late):
        await mark_dispatched(uow_factory, publication_id, 1)
    async with uow_factory() as uow:
        edited = await uow.publications.get(changed)
        assert edited is not None
        edited.edited(now=NOW)
        edited.container_id = "void"
        await uow.commit()

    tickets = await needing_dispatch(uow_factory)

    assert tickets == [
        DispatchTicket(overdue, 1, NOW - timedelta(minutes=5), sent_before=True),
        DispatchTicket(processing, 1, NOW + timedelta(minutes=1)),
        DispatchTicket(never_sent, 1, NOW + timedelta(minutes=3)),
        DispatchTicket(changed, 2, NOW + timedelta(minutes=4)),
    ]
    assert sent not in {t.publication_id for t in tickets}
    assert just_late not in {t.publication_id for t in tickets}
    assert beyond_horizon not in {t.publication_id for t in tickets}
    assert all(t.next_run_at.utcoffset() == timedelta(0) for t in tickets)


async def test_needing_dispatch_respects_the_limit_earliest_first(
    uow_factory: UowFactory, seed: Seed
) -> None:
    late = await seed.publication(publish_at=NOW + timedelta(minutes=2))
    early = await seed.publication(publish_at=NOW + timedelta(minutes=1))

    tickets = await needing_dispatch(uow_factory, limit=1)

    assert [t.publication_id for t in tickets] == [early]
    assert late != early


async def test_published_since_lists_the_accounts_publish_times_oldest_first(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account, other = await seed.credential(), await seed.credential()
    for minutes in (30, -10, 5, -90):
        await seed.publication(
            credential_id=account,
            status=PublicationStatus.PUBLISHED,
            published_at=NOW + timedelta(minutes=minutes),
        )
    await seed.publication(
        credential_id=other, status=PublicationStatus.PUBLISHED, published_at=NOW
    )
    await seed.publication(credential_id=account)  # not published

    async with uow_factory() as uow:
        times = await uow.publications.published_since(account, NOW - timedelta(minutes=10))

    assert times == [NOW + timedelta(minutes=m) for m in (-10, 5, 30)]
    assert all(t.utcoffset() == timedelta(0) for t in times)


async def test_count_active_for_credential_counts_scheduled_and_processing(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account, other = await seed.credential(), await seed.credential()
    for status in PublicationStatus:
        await seed.publication(credential_id=account, status=status)
    await seed.publication(credential_id=other)

    async with uow_factory() as uow:
        assert await uow.publications.count_active_for_credential(account) == 2
        assert await uow.publications.count_active_for_credential(other) == 1
        assert await uow.publications.count_active_for_credential(999) == 0


async def test_lock_quota_counts_the_places_that_active_publications_hold(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account, other = await seed.credential(), await seed.credential()
    for status in PublicationStatus:
        await seed.publication(credential_id=account, status=status, quota_reserved=True)
    processing = PublicationStatus.PROCESSING
    await seed.publication(
        credential_id=account, status=processing, quota_reserved=True, publish_requested_at=NOW
    )
    await seed.publication(credential_id=account, container_id="c1")
    await seed.publication(credential_id=other, quota_reserved=True)

    async with uow_factory() as uow:
        assert await uow.publications.lock_quota(account) == QuotaPlaces(unsent=2, sent=1)
        assert await uow.publications.lock_quota(other) == QuotaPlaces(unsent=1, sent=0)


async def test_one_query_reads_a_publication_for_work_with_its_account(
    uow_factory: UowFactory, seed: Seed
) -> None:
    credential_id = await seed.credential()
    publication_id = await seed.publication(credential_id=credential_id)

    async with uow_factory() as uow:
        found = await uow.publications.for_work(publication_id)
        assert await uow.publications.for_work(publication_id + 1) is None
    assert found is not None
    publication, credential = found
    assert (publication.id, credential.id) == (publication_id, credential_id)
    assert publication.status is PublicationStatus.SCHEDULED and publication.version == 1


async def test_an_account_read_for_work_is_kept_as_any_entity_read(
    uow_factory: UowFactory, seed: Seed
) -> None:
    """A step that finds the account's token refused marks it to be reconnected, saved by
    the step's commit; an account the step leaves as it is, is not written."""
    credential_id = await seed.credential()
    publication_id = await seed.publication(credential_id=credential_id)
    async with uow_factory() as uow:
        assert await uow.publications.for_work(publication_id) is not None
        await uow.commit()
    async with uow_factory() as uow:
        unchanged = await uow.credentials.get(credential_id)
        assert unchanged is not None and unchanged.status is CredentialStatus.ACTIVE

    async with uow_factory() as uow:
        held = await uow.credentials.get(credential_id)  # read earlier in the same session
        found = await uow.publications.for_work(publication_id)
        assert found is not None and found[1] is held
        found[1].needs_reconnect("The token was revoked")
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.credentials.get(credential_id)
    assert stored is not None and stored.status is CredentialStatus.NEEDS_RECONNECT

    async with uow_factory() as uow:
        found = await uow.publications.for_work(publication_id)
        assert found is not None
        found[1].replace_tokens("sealed-new-token", None, None)
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.credentials.get(credential_id)
    assert stored is not None
    assert (stored.status, stored.access_token) == (CredentialStatus.ACTIVE, "sealed-new-token")


async def test_a_publication_read_for_work_keeps_only_what_save_writes(
    uow_factory: UowFactory, seed: Seed
) -> None:
    publication_id = await seed.publication(publish_at=NOW)
    async with uow_factory() as uow:
        found = await uow.publications.for_work(publication_id)
        assert found is not None
        publication, _ = found
        publication.claim(NOW, timedelta(seconds=6))
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
    assert stored is not None and (stored.version, stored.attempts) == (1, 0), "not tracked"

    async with uow_factory() as uow:
        found = await uow.publications.for_work(publication_id)
        assert found is not None
        publication, _ = found
        publication.claim(NOW, timedelta(seconds=6))
        await uow.publications.save(publication)
        assert publication.version == 2
        publication.mark_published("media-1", None, NOW)
        await uow.publications.save(publication)
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
    assert stored is not None
    assert (stored.version, stored.attempts, stored.status, stored.remote_id) == (
        3,
        1,
        PublicationStatus.PUBLISHED,
        "media-1",
    )


async def test_saving_a_publication_changed_meanwhile_is_refused(
    uow_factory: UowFactory, seed: Seed
) -> None:
    publication_id = await seed.publication(publish_at=NOW)
    async with uow_factory() as uow:
        found = await uow.publications.for_work(publication_id)
        assert found is not None
        mine, _ = found
        await uow.commit()
        async with uow_factory() as other:
            theirs = await other.publications.get(publication_id)
            assert theirs is not None
            theirs.cancel(now=NOW)
            await other.commit()
        mine.claim(NOW, timedelta(seconds=6))
        with pytest.raises(ConcurrentUpdate):
            await uow.publications.save(mine)
    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
    assert stored is not None and stored.status is PublicationStatus.CANCELLED


async def test_for_posts_returns_the_publications_of_those_posts(
    uow_factory: UowFactory, seed: Seed
) -> None:
    first_post, second_post, third_post = await seed.post(), await seed.post(), await seed.post()
    a = await seed.publication(post_id=first_post)
    b = await seed.publication(post_id=second_post)
    c = await seed.publication(post_id=first_post)
    await seed.publication(post_id=third_post)

    async with uow_factory() as uow:
        found = await uow.publications.for_posts([first_post, second_post])
        none = await uow.publications.for_posts([])

    assert [p.id for p in found] == [a, b, c]
    assert none == []


async def test_renew_leases_moves_only_the_leases_still_given_and_keeps_the_versions(
    uow_factory: UowFactory, seed: Seed
) -> None:
    lease_end = NOW + timedelta(seconds=10)
    held = await seed.publication(status=PublicationStatus.PROCESSING, next_run_at=lease_end)
    moved_on = await seed.publication(
        status=PublicationStatus.PROCESSING, next_run_at=NOW + timedelta(minutes=3)
    )
    done = await seed.publication(status=PublicationStatus.PUBLISHED, next_run_at=lease_end)
    until = NOW + timedelta(seconds=13)
    async with uow_factory() as uow:
        await uow.publications.renew_leases(
            [(held, lease_end), (moved_on, lease_end), (done, lease_end)], until
        )
        await uow.commit()
    async with uow_factory() as uow:
        found = {i: await uow.publications.get(i) for i in (held, moved_on, done)}
    assert {i: (p.next_run_at, p.version) for i, p in found.items() if p} == {
        held: (until, 1),
        moved_on: (NOW + timedelta(minutes=3), 1),
        done: (lease_end, 1),
    }


async def test_release_claims_gives_back_only_claims_still_given_with_no_request_sent(
    uow_factory: UowFactory, seed: Seed
) -> None:
    """At a stop: a claim is given back (due now, same version) unless its work moved it on,
    or a request to publish or to write the first comment may have been sent for it."""
    lease_end = NOW + timedelta(seconds=10)
    at_work = {"status": PublicationStatus.PROCESSING, "next_run_at": lease_end}
    making_ready = await seed.publication(**at_work)
    publishing = await seed.publication(**at_work, publish_requested_at=NOW)
    commenting = await seed.publication(
        status=PublicationStatus.PUBLISHED,
        next_run_at=lease_end,
        first_comment_status=FirstCommentStatus.PENDING,
        first_comment_requested_at=NOW,
    )
    moved_on = await seed.publication(
        status=PublicationStatus.PROCESSING, next_run_at=NOW + timedelta(minutes=3)
    )
    done = await seed.publication(status=PublicationStatus.PUBLISHED, next_run_at=lease_end)
    ids = (making_ready, publishing, commenting, moved_on, done)
    async with uow_factory() as uow:
        released = await uow.publications.release_claims([(i, lease_end) for i in ids], NOW)
        await uow.commit()
    async with uow_factory() as uow:
        found = {i: await uow.publications.get(i) for i in ids}
    assert released == 1
    assert {i: (p.next_run_at, p.version) for i, p in found.items() if p} == {
        making_ready: (NOW, 1),
        publishing: (lease_end, 1),
        commenting: (lease_end, 1),
        moved_on: (NOW + timedelta(minutes=3), 1),
        done: (lease_end, 1),
    }


async def test_a_post_at_work_is_handed_out_again_at_its_time_without_the_grace(
    uow_factory: UowFactory, seed: Seed
) -> None:
    """A publication ``processing`` whose lease (or next try) has come is owed a message now;
    one merely scheduled waits for the grace, its message perhaps only queued."""
    at_work = await seed.publication(status=PublicationStatus.PROCESSING, next_run_at=NOW)
    waiting = await seed.publication(next_run_at=NOW)
    not_yet = await seed.publication(
        status=PublicationStatus.PROCESSING, next_run_at=NOW + timedelta(seconds=1)
    )
    for publication_id in (at_work, waiting, not_yet):
        await mark_dispatched(uow_factory, publication_id, 1)
    assert [t.publication_id for t in await needing_dispatch(uow_factory)] == [at_work]


async def test_addresses_are_recorded_only_on_published_publications_without_one(
    uow_factory: UowFactory, seed: Seed
) -> None:
    published = [
        await seed.publication(status=PublicationStatus.PUBLISHED, published_at=NOW)
        for _ in range(2)
    ]
    known = await seed.publication(
        status=PublicationStatus.PUBLISHED, published_at=NOW, permalink="https://known/"
    )
    waiting = await seed.publication()
    everything = [*published, known, waiting]

    async def seen() -> dict[int, tuple[str | None, int, object]]:
        async with uow_factory() as uow:
            stored = [await uow.publications.get(i) for i in everything]
        return {p.id: (p.permalink, p.version, p.updated_at) for p in stored if p and p.id}

    before = await seen()
    later = NOW + timedelta(seconds=3)
    async with uow_factory() as uow:
        await uow.publications.record_addresses(
            {published[0]: "https://a/", published[1]: "https://b/", known: "x", waiting: "y"},
            now=later,
        )
        await uow.commit()

    version = before[published[0]][1]
    assert await seen() == {
        published[0]: ("https://a/", version + 1, later),
        published[1]: ("https://b/", version + 1, later),
        known: before[known],
        waiting: before[waiting],
    }


async def test_the_posts_near_a_time_on_an_account_come_with_their_content(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account, other_account = await seed.credential(), await seed.credential()
    first = await seed.post(caption="First")
    second = await seed.post(caption="Second", url="https://cdn.example.com/b.jpg")
    await seed.publication(post_id=first, credential_id=account, publish_at=NOW)
    await seed.publication(
        post_id=second,
        credential_id=account,
        publish_at=NOW + timedelta(minutes=30),
        status=PublicationStatus.PUBLISHED,
    )
    for status in (PublicationStatus.CANCELLED, PublicationStatus.FAILED):
        await seed.publication(credential_id=account, publish_at=NOW, status=status)
    await seed.publication(credential_id=other_account, publish_at=NOW)
    await seed.publication(credential_id=account, publish_at=NOW + timedelta(minutes=31))

    async with uow_factory() as uow:
        nearby = await uow.publications.on_account_between(
            account, NOW, NOW + timedelta(minutes=30)
        )

    assert [(n.post_id, n.publish_at) for n in nearby] == [
        (first, NOW),
        (second, NOW + timedelta(minutes=30)),
    ], "both ends included; cancelled, failed, other accounts' and later ones left out"
    assert [n.caption for n in nearby] == ["First", "Second"]
    assert nearby[1].media == {"https://cdn.example.com/b.jpg"}


async def test_a_published_post_whose_first_comment_is_still_to_write_is_handed_out(
    uow_factory: UowFactory, seed: Seed
) -> None:
    published = {"status": PublicationStatus.PUBLISHED, "publish_at": NOW - timedelta(minutes=1)}
    pending = await seed.publication(
        **published, first_comment_status=FirstCommentStatus.PENDING, remote_id="m1"
    )
    for status in (None, FirstCommentStatus.WRITTEN, FirstCommentStatus.FAILED):
        await seed.publication(**published, first_comment_status=status)

    tickets = await needing_dispatch(uow_factory)

    assert tickets == [DispatchTicket(pending, 1, NOW - timedelta(minutes=1))]


async def test_the_lease_on_writing_a_first_comment_is_renewed_until_it_is_written(
    uow_factory: UowFactory, seed: Seed
) -> None:
    lease_end = NOW + timedelta(seconds=10)
    writing = await seed.publication(
        status=PublicationStatus.PUBLISHED,
        next_run_at=lease_end,
        first_comment_status=FirstCommentStatus.PENDING,
        first_comment_requested_at=NOW,
    )
    written = await seed.publication(
        status=PublicationStatus.PUBLISHED,
        next_run_at=lease_end,
        first_comment_status=FirstCommentStatus.WRITTEN,
    )
    until = NOW + timedelta(seconds=13)
    async with uow_factory() as uow:
        await uow.publications.renew_leases([(writing, lease_end), (written, lease_end)], until)
        await uow.commit()
    async with uow_factory() as uow:
        found = {i: await uow.publications.get(i) for i in (writing, written)}
    assert {i: p.next_run_at for i, p in found.items() if p} == {
        writing: until,
        written: lease_end,
    }


async def test_a_publication_keeps_where_its_first_comment_is(
    uow_factory: UowFactory, seed: Seed
) -> None:
    publication_id = await seed.publication(
        status=PublicationStatus.PUBLISHED,
        first_comment_status=FirstCommentStatus.FAILED,
        first_comment_requested_at=NOW,
        first_comment_attempts=3,
        first_comment_error="Instagram refused the comment.",
    )
    async with uow_factory() as uow:
        found = await uow.publications.for_work(publication_id)
    assert found is not None
    publication, _ = found
    assert (
        publication.first_comment_status,
        publication.first_comment_requested_at,
        publication.first_comment_attempts,
        publication.first_comment_error,
    ) == (FirstCommentStatus.FAILED, NOW, 3, "Instagram refused the comment.")
