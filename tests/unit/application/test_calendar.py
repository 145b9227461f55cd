"""What the calendar and its strip read: one entry per publication in the span, filtered; what
each person may do with an entry; posts due soon, failed ones, accounts to reconnect and the
Instagram quota used."""

from __future__ import annotations

from datetime import timedelta

from autopost.application.access import Actor
from autopost.application.posting.calendar import (
    CalendarFilter,
    ReadCalendar,
    ReadDeskStrip,
    excerpt,
)
from autopost.application.posting.posts import SchedulePost
from autopost.domain.access import Role
from autopost.domain.credential import CredentialStatus
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.publication import PublicationStatus
from tests.harness import NOON, Harness

DAY = timedelta(days=1)
OBSERVER = Actor(53, frozenset({Role.OBSERVERS}), False, "olga")
CONTRIBUTOR = Actor(51, frozenset({Role.CONTRIBUTORS}), False, "cora")


async def two_account_post(world: Harness) -> tuple[int, int, int]:
    """A post at noon to the first account, then one to two accounts a day later: the
    latter's id and the accounts'."""
    await world.schedule()  # connects the first account
    second = await world.connect_instagram("17841400000000002")
    first = next(iter(world.store.rows["credentials"]))
    assert second.id is not None
    view = await world.schedule_command(
        SchedulePost(
            content=InstagramContent(content_type=ContentType.PHOTO),
            date_pub=NOON + DAY,
            credential_ids=(first, second.id),
            shared={
                "url": "https://cdn.example.com/b.jpg",
                "caption": "one two three four five six seven eight nine ten",
            },
        )
    )
    assert view.post.id is not None
    return view.post.id, first, second.id


async def test_a_post_to_two_accounts_is_two_entries_and_drafts_without_time_none() -> None:
    world = Harness()
    post_id, first, second = await two_account_post(world)
    await world.schedule_command(
        SchedulePost(
            content=InstagramContent(content_type=ContentType.PHOTO, url="https://c.example/x.jpg"),
            credential_id=first,
            draft=True,
        )
    )
    read = await ReadCalendar(world.uow()).execute(world.actor, NOON, NOON + 2 * DAY)
    entries = [(e.post_id, e.credential_id) for e in read.entries]
    assert entries[1:] == [(post_id, first), (post_id, second)]
    assert len(entries) == 3, "the draft without a time is not on the calendar"
    assert read.entries[1].excerpt == "one two three four five six seven eight…"
    assert {a.id for a in read.accounts} == {first, second}


async def test_the_filter_keeps_the_accounts_and_platforms_named() -> None:
    world = Harness()
    post_id, _, second = await two_account_post(world)
    only = CalendarFilter(credential_ids=(second,))
    read = await ReadCalendar(world.uow()).execute(world.actor, NOON, NOON + 2 * DAY, only)
    assert [(e.post_id, e.credential_id) for e in read.entries] == [(post_id, second)]
    pins = CalendarFilter(platforms=(Platform.PINTEREST,))
    assert (
        await ReadCalendar(world.uow()).execute(world.actor, NOON, NOON + 2 * DAY, pins)
    ).entries == ()


async def test_only_those_who_may_change_a_post_may_move_or_retry_it() -> None:
    world = Harness()
    await world.schedule()
    by_system = await ReadCalendar(world.uow()).execute(world.actor, NOON, NOON + DAY)
    assert by_system.entries[0].movable
    for someone in (OBSERVER, CONTRIBUTOR):  # neither created it
        read = await ReadCalendar(world.uow()).execute(someone, NOON, NOON + DAY)
        assert not read.entries[0].movable and not read.entries[0].retryable


async def test_the_strip_lists_due_soon_failed_to_reconnect_and_the_quota_used() -> None:
    world = Harness()
    due = await world.schedule(at=NOON)
    later = await world.schedule(at=NOON + 2 * DAY)
    failed = await world.schedule(at=NOON - DAY)
    publications = world.store.rows["publications"]
    broken = publications[failed.publication.id]
    broken.status, broken.error = PublicationStatus.FAILED, "The media URL could not be fetched."
    published = publications[later.publication.id]
    published.status, published.published_at = PublicationStatus.PUBLISHED, world.clock.now()
    account = next(iter(world.store.rows["credentials"].values()))
    account.status = CredentialStatus.NEEDS_RECONNECT
    strip = await ReadDeskStrip(world.uow(), world.clock).execute(world.actor)
    assert [e.post_id for e in strip.due_soon] == [due.post.id]
    assert [(e.post_id, e.error, e.retryable) for e in strip.failed] == [
        (failed.post.id, "The media URL could not be fetched.", True)
    ]
    assert [a.id for a in strip.to_reconnect] == [account.id]
    assert [(q.account.id, q.used, q.limit) for q in strip.quotas] == [(account.id, 1, 100)]
    assert strip.may_reconnect
    seen = await ReadDeskStrip(world.uow(), world.clock).execute(OBSERVER)
    assert not seen.may_reconnect and not seen.failed[0].retryable


async def test_a_pin_shows_its_title() -> None:
    world = Harness()
    await world.connect_pinterest()
    view = await world.schedule_pin(board_id="board-1", title="Ten quiz questions", description="d")
    read = await ReadCalendar(world.uow()).execute(world.actor, NOON, NOON + DAY)
    assert [e.excerpt for e in read.entries] == ["Ten quiz questions"]
    assert excerpt(read.entries[0].row.text, words=1) == "Ten…"
    assert read.entries[0].post_id == view.post.id
