"""A post's first comment: written once, right after the post is recorded as published, and
never at the post's expense."""

from datetime import timedelta

import pytest

from autopost.application.ports.platform_errors import (
    OutcomeUnknown,
    PermanentPlatformError,
    RateLimited,
    TransientPlatformError,
)
from autopost.domain.publication import (
    FirstCommentStatus,
    PublicationStatus,
    ScheduledPublication,
)
from tests.fakes import AfterWork, WorkerDied
from tests.harness import NOON, Harness

COMMENT = "Link in bio #launch"


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=10))
    return world


async def _published(
    world: Harness, until: timedelta = timedelta(minutes=1)
) -> ScheduledPublication:
    """A reel with a first comment due at noon, and the world run until ``until`` past it."""
    view = await world.schedule(at=NOON, first_comment=COMMENT)
    await world.run_until(NOON - timedelta(seconds=30))
    world.gateway.finish_processing()
    await world.run_until(NOON + until)
    assert view.post.id is not None
    publication = (await world.get(view.post.id)).publication
    assert publication.status is PublicationStatus.PUBLISHED
    assert len(world.gateway.published) == 1, "the post is published once, whatever the comment"
    return publication


def _comments(world: Harness, publication: ScheduledPublication) -> list[str]:
    assert publication.remote_id is not None
    return [c.text for c in world.media_gateway.comments_of.get(publication.remote_id, [])]


async def test_first_comment_is_written_once_right_after_the_post_is_published(
    world: Harness,
) -> None:
    publication = await _published(world)
    assert _comments(world, publication) == [COMMENT]
    assert publication.first_comment_status is FirstCommentStatus.WRITTEN
    written = world.media_gateway.comments_of[publication.remote_id or ""][0]
    assert publication.first_comment_id == written.comment_id
    assert publication.first_comment_error is None
    assert world.media_gateway.calls == ["add_comment"]


async def test_the_post_is_recorded_published_before_its_comment_is_written(
    world: Harness,
) -> None:
    seen: list[PublicationStatus] = []

    def before(call: str) -> None:
        world.no_transaction_open(call)
        if call == "add_comment":
            seen.extend(p.status for p in world.store.rows["publications"].values())

    world.media_gateway.before_call = before
    await _published(world)
    assert seen == [PublicationStatus.PUBLISHED]


async def test_the_comment_is_written_in_the_same_worker_turn_as_the_publishing(
    world: Harness,
) -> None:
    """No wait for a message or a sweep: the comment follows the post at once."""
    view = await world.schedule(at=NOON, first_comment=COMMENT)
    await world.run_until(NOON - timedelta(seconds=1))
    world.clock.set(NOON)
    await world.deliver_due()
    assert view.post.id is not None
    publication = (await world.get(view.post.id)).publication
    assert publication.first_comment_status is FirstCommentStatus.WRITTEN


async def test_a_post_without_a_first_comment_gets_no_comment(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON + timedelta(minutes=1))
    assert view.post.id is not None
    publication = (await world.get(view.post.id)).publication
    assert publication.status is PublicationStatus.PUBLISHED
    assert publication.first_comment_status is None
    assert world.media_gateway.calls == []


async def test_a_lost_answer_to_the_comment_does_not_write_it_twice(world: Harness) -> None:
    world.media_gateway.script["add_comment"] = [AfterWork(OutcomeUnknown("No answer came."))]
    publication = await _published(world, until=timedelta(minutes=10))
    assert _comments(world, publication) == [COMMENT]
    # Asked for first, and found: it is the one the lost request wrote.
    assert world.media_gateway.calls == ["add_comment", "comments"]
    assert publication.first_comment_status is FirstCommentStatus.WRITTEN
    written = world.media_gateway.comments_of[publication.remote_id or ""][0]
    assert publication.first_comment_id == written.comment_id


async def test_a_worker_dying_while_it_writes_the_comment_does_not_write_it_twice(
    world: Harness,
) -> None:
    world.media_gateway.script["add_comment"] = [AfterWork(WorkerDied())]
    publication = await _published(world, until=timedelta(minutes=10))
    assert _comments(world, publication) == [COMMENT]
    assert publication.first_comment_status is FirstCommentStatus.WRITTEN


async def test_a_comment_that_failed_without_being_written_is_written_on_the_next_try(
    world: Harness,
) -> None:
    world.media_gateway.script["add_comment"] = [TransientPlatformError("Instagram is down.")]
    publication = await _published(world, until=timedelta(minutes=10))
    assert _comments(world, publication) == [COMMENT]
    assert world.media_gateway.calls == ["add_comment", "comments", "add_comment"]
    assert publication.first_comment_error is None


async def test_a_passing_failure_is_retried_with_backoff_without_publishing_again(
    world: Harness,
) -> None:
    world.media_gateway.script["add_comment"] = [TransientPlatformError("Instagram is down.")]
    publication = await _published(world, until=timedelta(seconds=1))
    assert publication.first_comment_status is FirstCommentStatus.PENDING
    assert publication.first_comment_error is not None
    assert publication.first_comment_error.startswith(
        "The first comment was not written: Instagram is down. Retrying at "
    )
    assert NOON < publication.next_run_at <= NOON + timedelta(seconds=30)
    assert publication.next_attempt(world.clock.now()) is None, "the post has no more work"
    await world.run_until(NOON + timedelta(minutes=10))
    assert len(world.gateway.published) == 1


async def test_a_first_comment_instagram_refuses_does_not_fail_the_post(world: Harness) -> None:
    world.media_gateway.script["add_comment"] = [
        PermanentPlatformError("Instagram refused the comment: spam")
    ]
    publication = await _published(world, until=timedelta(minutes=30))
    assert publication.status is PublicationStatus.PUBLISHED
    assert publication.error is None
    assert publication.first_comment_status is FirstCommentStatus.FAILED
    assert publication.first_comment_error == (
        "The first comment was not written: Instagram refused the comment: spam"
    )
    assert world.media_gateway.calls == ["add_comment"], "a refusal is not tried again"


async def test_a_rate_limited_comment_waits_as_instagram_asks(world: Harness) -> None:
    world.media_gateway.script["add_comment"] = [
        RateLimited("Too many calls.", retry_after=timedelta(minutes=3))
    ]
    publication = await _published(world, until=timedelta(seconds=1))
    assert publication.next_run_at == NOON + timedelta(minutes=3)
    publication = await _published_later(world, publication, timedelta(minutes=4))
    assert _comments(world, publication) == [COMMENT]


async def test_a_comment_failing_past_the_retry_window_is_given_up_but_the_post_stays(
    world: Harness,
) -> None:
    world.media_gateway.script["add_comment"] = [
        TransientPlatformError("Instagram is down.") for _ in range(200)
    ]
    window = world.policy.backoff.window
    publication = await _published(world, until=window + timedelta(minutes=10))
    assert publication.status is PublicationStatus.PUBLISHED
    assert publication.first_comment_status is FirstCommentStatus.FAILED
    assert publication.first_comment_error is not None
    assert "Instagram kept failing for an hour after the post was published" in (
        publication.first_comment_error
    )
    assert _comments(world, publication) == []


async def test_a_post_whose_media_is_not_known_records_why_its_comment_was_not_written(
    world: Harness,
) -> None:
    """Its publishing answer was lost and the media could not be found among the newest: the
    post is published, and no comment goes anywhere else."""
    world.gateway.script["publish_container"] = [AfterWork(OutcomeUnknown("No answer came."))]

    async def not_found(*_: object) -> None:
        return None

    world.gateway.find_recent_media = not_found  # type: ignore[method-assign,assignment]
    view = await world.schedule(at=NOON, first_comment=COMMENT)
    await world.run_until(NOON - timedelta(seconds=30))
    world.gateway.finish_processing()
    await world.run_until(NOON + timedelta(minutes=10))
    assert view.post.id is not None
    publication = (await world.get(view.post.id)).publication
    assert publication.status is PublicationStatus.PUBLISHED
    assert publication.first_comment_status is FirstCommentStatus.FAILED
    assert world.media_gateway.calls == []


async def _published_later(
    world: Harness, publication: ScheduledPublication, until: timedelta
) -> ScheduledPublication:
    await world.run_until(NOON + until)
    found = (await world.get(publication.post_id)).publication
    return found


async def test_a_message_that_comes_early_for_a_comment_retry_is_sent_again_for_its_time(
    world: Harness,
) -> None:
    world.media_gateway.script["add_comment"] = [TransientPlatformError("Instagram is down.")]
    publication = await _published(world, until=timedelta(seconds=1))
    retry_at = publication.next_run_at
    assert publication.id is not None and retry_at > world.clock.now()
    world.scheduler.take()
    world.pending.clear()

    await world.publisher().execute(publication.id, publication.version)

    assert world.scheduler.sent == [(publication.id, publication.version, retry_at)]
    assert world.media_gateway.calls == ["add_comment"], "nothing written before its time"
