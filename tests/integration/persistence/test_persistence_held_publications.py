"""Drafts and posts waiting for a reviewer are stored as they are, and no query that finds
work (the sweep's, the leases', the quota's, an account's active posts, the posts that
crowd another) ever takes one, however overdue. Each check also runs on a scheduled
publication stored the same way, which every one of those queries does take."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.domain.publication import HELD, PublicationStatus

pytestmark = pytest.mark.integration

LONG_AGO = NOW - timedelta(days=2)
CASES = [*sorted(HELD), PublicationStatus.SCHEDULED]


async def overdue(seed: Seed, account: int, status: PublicationStatus) -> int:
    """A publication long overdue, never sent to the broker, holding a place in the quota."""
    return await seed.publication(
        credential_id=account,
        status=status,
        publish_at=LONG_AGO,
        next_run_at=LONG_AGO,
        quota_reserved=True,
    )


@pytest.mark.parametrize("status", CASES)
async def test_the_sweep_never_hands_out_a_held_publication(
    uow_factory: UowFactory, seed: Seed, status: PublicationStatus
) -> None:
    publication_id = await overdue(seed, await seed.credential(), status)
    async with uow_factory() as uow:
        for resend_all in (False, True):
            tickets = await uow.publications.needing_dispatch(
                NOW, NOW + timedelta(hours=1), NOW, 100, resend_all=resend_all
            )
            found = [t.publication_id for t in tickets]
            assert found == ([] if status in HELD else [publication_id])


@pytest.mark.parametrize("status", CASES)
async def test_a_held_publication_holds_no_lease_no_quota_and_is_not_active(
    uow_factory: UowFactory, seed: Seed, status: PublicationStatus
) -> None:
    account = await seed.credential()
    publication_id = await overdue(seed, account, status)
    until = NOW + timedelta(minutes=1)
    async with uow_factory() as uow:
        await uow.publications.renew_leases([(publication_id, LONG_AGO)], until)
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
        places = await uow.publications.lock_quota(account)
        active = await uow.publications.count_active_for_credential(account)
    assert stored is not None
    held = status in HELD
    assert stored.next_run_at == (LONG_AGO if held else until)
    assert places.held == (0 if held else 1)
    assert active == (0 if held else 1)


@pytest.mark.parametrize("status", CASES)
async def test_a_held_post_crowds_no_other(
    uow_factory: UowFactory, seed: Seed, status: PublicationStatus
) -> None:
    account = await seed.credential()
    await overdue(seed, account, status)
    async with uow_factory() as uow:
        nearby = await uow.publications.on_account_between(account, LONG_AGO, NOW)
    assert len(nearby) == (0 if status in HELD else 1)


async def test_a_draft_without_a_time_and_a_reviewers_comment_are_stored(
    uow_factory: UowFactory, seed: Seed
) -> None:
    draft = await seed.publication(status=PublicationStatus.DRAFT, publish_at=None, next_run_at=NOW)
    returned = await seed.publication(
        status=PublicationStatus.RETURNED, review_comment="Another photo, please."
    )
    async with uow_factory() as uow:
        stored_draft = await uow.publications.get(draft)
        stored_returned = await uow.publications.get(returned)
        tickets = await uow.publications.needing_dispatch(
            NOW + timedelta(days=9), NOW + timedelta(days=10), NOW + timedelta(days=9), 100
        )
    assert stored_draft is not None and stored_draft.publish_at is None
    assert stored_draft.status is PublicationStatus.DRAFT
    assert stored_returned is not None
    assert stored_returned.review_comment == "Another photo, please."
    assert tickets == []


async def test_an_account_keeps_whether_it_requires_approval(
    uow_factory: UowFactory, seed: Seed
) -> None:
    strict = await seed.credential(requires_approval=True)
    lenient = await seed.credential()
    async with uow_factory() as uow:
        found = [await uow.credentials.get(i) for i in (strict, lenient)]
    assert [c.requires_approval for c in found if c] == [True, False]
