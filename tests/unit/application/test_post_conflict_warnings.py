"""Scheduling or moving a post that crowds the account's other posts answers with warnings
and schedules it all the same."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.policy import PostingPolicy
from autopost.application.posting.views import PostView
from autopost.domain.post_conflicts import ConflictCode
from tests.harness import NOON, Harness

B = "https://cdn.example.com/b.jpg"


@pytest.fixture
def world() -> Harness:
    return Harness()


def codes(view: PostView) -> list[tuple[ConflictCode, int | None]]:
    return [(w.code, w.post_id) for w in view.warnings]


async def test_a_post_ten_minutes_after_another_warns_and_is_scheduled(world: Harness) -> None:
    first = await world.schedule(at=NOON)
    second = await world.schedule(at=NOON + timedelta(minutes=10), url=B, caption="Other")
    assert codes(second) == [(ConflictCode.NEAR_ANOTHER_POST, first.post.id)]
    assert len(world.store.rows["publications"]) == 2, "scheduled all the same"


async def test_a_post_far_from_others_with_its_own_media_and_caption_has_no_warning(
    world: Harness,
) -> None:
    await world.schedule(at=NOON)
    second = await world.schedule(at=NOON + timedelta(minutes=11), url=B, caption="Other")
    assert second.warnings == ()


async def test_the_same_media_and_caption_later_the_same_day_are_warned_about(
    world: Harness,
) -> None:
    first = await world.schedule(at=NOON)
    again = await world.schedule(at=NOON + timedelta(hours=5))
    assert codes(again) == [
        (ConflictCode.SAME_MEDIA, first.post.id),
        (ConflictCode.SAME_CAPTION, first.post.id),
    ]


async def test_a_cancelled_post_crowds_nothing(world: Harness) -> None:
    first = await world.schedule(at=NOON)
    assert first.post.id is not None
    await world.cancel(first.post.id)
    assert (await world.schedule(at=NOON)).warnings == ()


async def test_a_window_of_zero_turns_the_near_warning_off(world: Harness) -> None:
    world.posting_policy = PostingPolicy(conflict_window=timedelta(0))
    await world.schedule(at=NOON)
    second = await world.schedule(at=NOON + timedelta(minutes=1), url=B, caption="Other")
    assert second.warnings == ()


async def test_moving_a_post_next_to_another_warns_and_moves_it(world: Harness) -> None:
    first = await world.schedule(at=NOON)
    second = await world.schedule(at=NOON + timedelta(hours=2), url=B, caption="Other")
    assert second.post.id is not None and second.warnings == ()
    moved = await world.edit(second.post.id, date_pub=NOON + timedelta(minutes=5))
    assert codes(moved) == [(ConflictCode.NEAR_ANOTHER_POST, first.post.id)]
    assert moved.publication.publish_at == NOON + timedelta(minutes=5)


async def test_a_post_is_never_warned_about_itself(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    assert view.post.id is not None and view.warnings == ()
    edited = await world.edit(view.post.id, caption="Hello", date_pub=NOON)
    assert edited.warnings == ()


async def test_a_read_carries_no_warning(world: Harness) -> None:
    await world.schedule(at=NOON)
    second = await world.schedule(at=NOON)
    assert second.post.id is not None and second.warnings
    assert (await world.get(second.post.id)).warnings == ()
