"""One post to several accounts, Instagram and Pinterest mixed: a publication per account, each
with its own content, status, attempts and retry; the post's changes act on every account that
can still change, and one account's publication can be moved, cancelled or retried alone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from autopost.application.ports.platform_errors import PermanentPlatformError
from autopost.application.posting.errors import (
    AccountsNamedTwice,
    OverrideForAnotherAccount,
    TokenForManyAccounts,
    UnknownAccounts,
)
from autopost.application.posting.posts import (
    CancelPostUseCase,
    EditPost,
    EditPostUseCase,
    RetryPostUseCase,
    SchedulePost,
)
from autopost.application.posting.views import PostView
from autopost.domain.errors import InvalidTransition, NotFound, ValidationFailed
from autopost.domain.post import InstagramContent, PinContent
from autopost.domain.publication import PublicationStatus
from tests.harness import NOON, Harness

SECOND = "17841400000000002"
SHARED = {"url": "https://cdn.example.com/a.jpg", "caption": "Spring is here", "link": None}


@pytest.fixture
async def world() -> Harness:
    world = Harness()
    world.pinterest.boards = []
    return world


async def accounts(world: Harness) -> tuple[int, int, int]:
    first = await world.connect_instagram("17841400000000001")
    second = await world.connect_instagram(SECOND, "EAAG-second-token")
    pins = await world.connect_pinterest()
    assert first.id and second.id and pins.id
    return first.id, second.id, pins.id


def to_many(
    ids: tuple[int, ...], shared: dict[str, Any] | None = None, **fields: Any
) -> SchedulePost:
    values = SHARED if shared is None else shared
    return SchedulePost(
        content=InstagramContent(url=values.get("url"), caption=values.get("caption")),
        date_pub=NOON,
        credential_ids=ids,
        shared=values,
        board_id="900",
        **fields,
    )


def status(view: PostView) -> list[PublicationStatus]:
    return [p.status for p in view.publications]


async def test_each_account_gets_its_own_publication(world: Harness) -> None:
    ids = await accounts(world)
    view = await world.schedule_command(to_many(ids))
    assert [p.credential_id for p in view.publications] == list(ids)
    assert len({p.id for p in view.publications}) == 3
    assert status(view) == [PublicationStatus.SCHEDULED] * 3
    assert view.publication is view.publications[0]


async def test_each_account_publishes_what_its_platform_has(world: Harness) -> None:
    ids = await accounts(world)
    await world.schedule_command(to_many(ids))
    await world.run_until(NOON + timedelta(minutes=1))
    assert len(world.gateway.published) == 2
    (pin,) = world.pinterest.created
    # A pin has no caption: it takes it as its description.
    assert pin.description == "Spring is here" and pin.board_id == "900"


async def test_an_account_publishes_its_own_override(world: Harness) -> None:
    first, second, pins = await accounts(world)
    command = to_many(
        (first, second, pins),
        overrides={second: {"caption": "Second account's words"}, pins: {"title": "Spring"}},
    )
    view = await world.schedule_command(command)
    assert view.publications[0].own_content is None
    await world.run_until(NOON + timedelta(minutes=1))
    assert sorted(c or "" for c in world.gateway.captions.values()) == [
        "Second account's words",
        "Spring is here",
    ]
    (pin,) = world.pinterest.created
    assert pin.title == "Spring"


async def test_one_account_failing_leaves_the_others_published(world: Harness) -> None:
    first, second, pins = await accounts(world)
    refused = PermanentPlatformError("Instagram refused the media")
    world.gateway.script["create_container"] = [refused]
    view = await world.schedule_command(to_many((first, second, pins)))
    await world.run_until(NOON + timedelta(minutes=1))
    after = await world.get(view.post.id or 0)
    assert sorted(status(after)) == sorted(
        [PublicationStatus.FAILED, PublicationStatus.PUBLISHED, PublicationStatus.PUBLISHED]
    )
    failed = next(p for p in after.publications if p.status is PublicationStatus.FAILED)
    assert failed.error


async def test_the_failed_account_is_retried_alone(world: Harness) -> None:
    ids = await accounts(world)
    world.gateway.script["create_container"] = [PermanentPlatformError("refused")]
    view = await world.schedule_command(to_many(ids))
    await world.run_until(NOON + timedelta(minutes=1))
    failed = next(
        p for p in (await world.get(view.post.id or 0)).publications if p.status == "failed"
    )
    retry = RetryPostUseCase(world.uow(), world.clock, world.dispatcher)
    await retry.execute(world.actor, view.post.id or 0, failed.id)
    await world.run_until(NOON + timedelta(minutes=2))
    after = await world.get(view.post.id or 0)
    assert status(after) == [PublicationStatus.PUBLISHED] * 3
    assert len(world.gateway.published) == 2 and len(world.pinterest.created) == 1


async def test_every_account_is_checked_against_its_platform(world: Harness) -> None:
    first, second, pins = await accounts(world)
    command = to_many(
        (first, second, pins),
        overrides={second: {"caption": "#a " * 31}, pins: {"link": "not a link"}},
    )
    with pytest.raises(ValidationFailed) as refused:
        await world.schedule_command(command)
    assert set(refused.value.errors) == {
        f"credentials.{second}.caption",
        f"credentials.{pins}.link",
    }
    assert world.store.rows["posts"] == {}


async def test_accounts_must_be_connected(world: Harness) -> None:
    first, _, _ = await accounts(world)
    with pytest.raises(UnknownAccounts) as refused:
        await world.schedule_command(to_many((first, 404)))
    assert refused.value.missing == [404]


async def test_an_override_names_one_of_the_posts_accounts(world: Harness) -> None:
    first, second, _ = await accounts(world)
    with pytest.raises(OverrideForAnotherAccount):
        await world.schedule_command(to_many((first,), overrides={second: {"caption": "x"}}))


async def test_accounts_are_named_one_way(world: Harness) -> None:
    first, second, _ = await accounts(world)
    with pytest.raises(AccountsNamedTwice):
        await world.schedule_command(to_many((first, second), credential_id=first))
    with pytest.raises(TokenForManyAccounts):
        await world.schedule_command(to_many((first, second), token="EAAG-other"))


async def test_cancelling_the_post_cancels_what_can_still_change(world: Harness) -> None:
    first, second, pins = await accounts(world)
    view = await world.schedule_command(to_many((first, second, pins)))
    await world.cancel(view.post.id or 0)
    assert status(await world.get(view.post.id or 0)) == [PublicationStatus.CANCELLED] * 3


async def test_a_published_account_stays_published_when_the_post_is_cancelled(
    world: Harness,
) -> None:
    first, second, _ = await accounts(world)
    view = await world.schedule_command(to_many((first, second)))
    one = view.publications[1].id
    tomorrow = NOON + timedelta(days=1)
    await edit(world, EditPost(view.post.id or 0, date_pub=tomorrow, publication_id=one))
    await world.run_until(NOON + timedelta(minutes=1))
    await world.cancel(view.post.id or 0)
    after = await world.get(view.post.id or 0)
    assert status(after) == [PublicationStatus.PUBLISHED, PublicationStatus.CANCELLED]


async def test_one_publication_is_moved_alone(world: Harness) -> None:
    ids = await accounts(world)
    view = await world.schedule_command(to_many(ids))
    later = NOON + timedelta(hours=3)
    pin = view.publications[2]
    moved = await edit(world, EditPost(view.post.id or 0, date_pub=later, publication_id=pin.id))
    assert [p.publish_at for p in moved.publications] == [NOON, NOON, later]


async def test_one_publication_is_cancelled_alone(world: Harness) -> None:
    ids = await accounts(world)
    view = await world.schedule_command(to_many(ids))
    cancel = CancelPostUseCase(world.uow(), world.clock)
    await cancel.execute(world.actor, view.post.id or 0, view.publications[1].id)
    after = await world.get(view.post.id or 0)
    assert status(after) == [
        PublicationStatus.SCHEDULED,
        PublicationStatus.CANCELLED,
        PublicationStatus.SCHEDULED,
    ]


async def test_a_publication_of_another_post_is_not_found(world: Harness) -> None:
    ids = await accounts(world)
    one = await world.schedule_command(to_many(ids))
    other = await world.schedule_command(to_many(ids))
    cancel = CancelPostUseCase(world.uow(), world.clock)
    with pytest.raises(NotFound):
        await cancel.execute(world.actor, one.post.id or 0, other.publications[0].id)


async def test_moving_the_post_moves_every_account_that_can_still_change(
    world: Harness,
) -> None:
    first, second, _ = await accounts(world)
    view = await world.schedule_command(to_many((first, second)))
    tomorrow = NOON + timedelta(days=1)
    await edit(world, EditPost(view.post.id or 0, date_pub=tomorrow, publication_id=None))
    after = await world.get(view.post.id or 0)
    assert [p.publish_at for p in after.publications] == [tomorrow, tomorrow]


async def test_an_edit_leaves_what_an_account_already_published(world: Harness) -> None:
    first, second, _ = await accounts(world)
    view = await world.schedule_command(to_many((first, second)))
    second_id = view.publications[1].id
    tomorrow = NOON + timedelta(days=1)
    await edit(world, EditPost(view.post.id or 0, date_pub=tomorrow, publication_id=second_id))
    await world.run_until(NOON + timedelta(minutes=1))  # the first account publishes
    edited = await world.edit(view.post.id or 0, caption="Summer is here")
    first_now, second_now = edited.publications
    assert first_now.what_is_published(edited.post).content.caption == "Spring is here"  # type: ignore[union-attr]
    assert second_now.what_is_published(edited.post).content.caption == "Summer is here"  # type: ignore[union-attr]


async def test_nothing_left_to_change_is_refused(world: Harness) -> None:
    first, second, _ = await accounts(world)
    view = await world.schedule_command(to_many((first, second)))
    await world.run_until(NOON + timedelta(minutes=1))
    with pytest.raises(InvalidTransition):
        await world.edit(view.post.id or 0, date_pub=NOON + timedelta(days=1))


async def test_a_pin_of_a_mixed_post_takes_a_photo_for_a_reel(world: Harness) -> None:
    first, _, pins = await accounts(world)
    shared = {"url": "https://cdn.example.com/a.mp4", "caption": "Watch", "content_type": "Reel"}
    view = await world.schedule_command(to_many((first, pins), shared=shared))
    pin = view.publications[1].what_is_published(view.post).content
    assert isinstance(pin, PinContent) and pin.content_type == "Photo"


async def edit(world: Harness, command: EditPost) -> PostView:
    return await EditPostUseCase(
        world.uow(),
        world.box,
        world.clock,
        world.dispatcher,
        world.catalog,
        world.pinterest_policy.template,
        world.posting_policy,
    ).execute(world.actor, command)


async def test_each_account_writes_its_own_first_comment(world: Harness) -> None:
    first, second, _ = await accounts(world)
    shared = SHARED | {"first_comment": "Link in bio"}
    command = to_many((first, second), shared=shared, overrides={second: {"first_comment": "Hi"}})
    view = await world.schedule_command(command)
    await world.run_until(NOON + timedelta(minutes=2))
    after = await world.get(view.post.id or 0)
    written = [
        [c.text for c in world.media_gateway.comments_of[p.remote_id or ""]]
        for p in after.publications
    ]
    assert written == [["Link in bio"], ["Hi"]]
