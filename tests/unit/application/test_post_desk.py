"""What the compose and post pages read: the accounts a post can go to with their cached
boards (for those who may write or change it), a post's timeline from the audit log and its
publications' recorded moments, what a problem asks a person to do, and a post copied as a
new draft on the same accounts with each account's own content."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.access import Actor
from autopost.application.posting.desk import (
    DEFAULT_ADVICE,
    WAITING_ADVICE,
    GetComposeChoices,
    GetPostHistory,
    advice_for,
    duplicate_as_draft,
)
from autopost.application.posting.posts import RetryPostUseCase, SchedulePost
from autopost.domain.access import Role
from autopost.domain.attempt import Answer, Asked
from autopost.domain.errors import NotFound, PermissionDenied
from autopost.domain.post import InstagramContent, PinContent
from autopost.domain.publication import PublicationStatus
from tests.harness import NOON, Harness

SHARED = {"url": "https://cdn.example.com/a.jpg", "caption": "Spring is here"}


@pytest.fixture
async def world() -> Harness:
    world = Harness()
    world.pinterest.boards = []
    return world


async def two_accounts(world: Harness) -> tuple[int, int]:
    instagram = await world.connect_instagram("17841400000000002", "EAAG-second")
    pins = await world.connect_pinterest()
    assert instagram.id is not None and pins.id is not None
    return instagram.id, pins.id


async def test_the_choices_are_every_account_with_a_pins_cached_boards(world: Harness) -> None:
    instagram, pins = await two_accounts(world)
    choices = await GetComposeChoices(world.uow(), world.clock).execute(world.actor)
    assert {a.id for a in choices.accounts} == {instagram, pins}
    assert set(choices.boards) == {pins}
    assert choices.post is None


async def test_only_who_may_write_or_change_the_post_gets_the_choices(world: Harness) -> None:
    await two_accounts(world)
    view = await world.schedule(at=NOON)
    assert view.post.id is not None
    observer = Actor.of(7, [Role.OBSERVERS], False)
    contributor = Actor.of(8, [Role.CONTRIBUTORS], False)
    choices = GetComposeChoices(world.uow(), world.clock)
    with pytest.raises(PermissionDenied):
        await choices.execute(observer)
    assert (await choices.execute(contributor)).post is None
    with pytest.raises(PermissionDenied):
        await choices.execute(contributor, view.post.id)
    editing = await choices.execute(world.actor, view.post.id)
    assert editing.post is not None and editing.post.post.id == view.post.id
    with pytest.raises(NotFound):
        await choices.execute(world.actor, 999)


async def test_the_timeline_tells_what_happened_in_order(world: Harness) -> None:
    instagram, pins = await two_accounts(world)
    command = SchedulePost(
        content=InstagramContent(**SHARED),
        date_pub=NOON,
        credential_ids=(instagram, pins),
        shared=SHARED,
        board_id="900",
    )
    view = await world.schedule_command(command)
    post_id = view.post.id
    assert post_id is not None
    async with world.uow() as uow:
        publication = await uow.publications.get(view.publications[0].id or 0)
        assert publication is not None
        publication.status = PublicationStatus.PROCESSING
        publication.fail("The image could not be fetched.", now=world.clock.now())
        await uow.publications.save(publication)
        await uow.commit()
    history = await GetPostHistory(world.uow(), world.clock).execute(world.actor, post_id)
    whats = [(m.what, m.credential_id) for m in history.moments]
    assert whats[0][0] == "scheduled" and whats[0][1] is None, "the audit log's entry"
    assert ("planned", instagram) in whats and ("planned", pins) in whats
    assert ("failed", instagram) in whats
    assert [m.at for m in history.moments] == sorted(m.at for m in history.moments)
    await RetryPostUseCase(world.uow(), world.clock, world.dispatcher).execute(world.actor, post_id)
    again = await GetPostHistory(world.uow(), world.clock).execute(world.actor, post_id)
    assert "retried" in [m.what for m in again.moments]


async def test_a_duplicate_is_a_draft_with_each_accounts_own_content(world: Harness) -> None:
    instagram, pins = await two_accounts(world)
    command = SchedulePost(
        content=InstagramContent(**SHARED),
        date_pub=NOON,
        credential_ids=(instagram, pins),
        shared=SHARED,
        overrides={pins: {"title": "Spring", "board_id": "900"}},
    )
    original = await world.schedule_command(command)
    copy = await world.schedule_command(duplicate_as_draft(original))
    assert copy.post.id != original.post.id
    assert [p.credential_id for p in copy.publications] == [instagram, pins]
    assert {p.status for p in copy.publications} == {PublicationStatus.DRAFT}
    assert {p.publish_at for p in copy.publications} == {None}
    assert copy.post.content == original.post.content
    pin = copy.publications[1]
    content = pin.what_is_published(copy.post).content
    assert isinstance(content, PinContent) and content.title == "Spring"
    assert pin.board_id == "900"


async def test_a_problem_comes_with_what_to_do(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    publication = view.publication
    assert advice_for(publication, None) is None
    assert advice_for(publication, "Instagram is down") == WAITING_ADVICE, "still trying"
    publication.status = PublicationStatus.FAILED
    assert "Reconnect" in (advice_for(publication, "The access token has expired") or "")
    assert "https" in (advice_for(publication, "The media could not be fetched") or "")
    assert advice_for(publication, "Something else") == DEFAULT_ADVICE


async def test_the_timeline_has_every_step_of_work_in_place_of_what_the_publication_records(
    world: Harness,
) -> None:
    world.clock.set(NOON - timedelta(minutes=10))
    view = await world.schedule(at=NOON)
    post_id = view.post.id
    assert post_id is not None
    await world.run_until(NOON + timedelta(minutes=1))
    history = await GetPostHistory(world.uow(), world.clock).execute(world.actor, post_id)
    steps = [(m.what, m.asked, m.answer) for m in history.moments if m.what != "scheduled"]
    assert steps == [
        ("planned", None, None),
        ("attempt", Asked.PREPARE, Answer.READY),
        ("attempt", Asked.PUBLISH, Answer.PUBLISHED),
    ], "no line of the publication's own is shown twice"
    assert {m.credential_id for m in history.moments if m.what == "attempt"} == {
        view.publication.credential_id
    }
