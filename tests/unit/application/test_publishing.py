from datetime import timedelta

import pytest

from autopost.application.ports.instagram_gateway import (
    ContainerState,
    ContainerStatus,
    InstagramAccount,
    PublishingQuota,
)
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    PlatformBusy,
    PublishingLimitReached,
    TransientPlatformError,
)
from autopost.application.posting.views import PostView
from autopost.application.publishing.instagram.publisher import InstagramPublisher
from autopost.application.publishing.publish import PublishPublication
from autopost.domain.credential import CredentialStatus
from autopost.domain.post import ContentType
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from tests.fakes import AfterWork, InMemoryUnitOfWork
from tests.harness import NOON, TOKEN, Harness


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


async def status(world: Harness, post_id: int | None) -> PublicationStatus:
    assert post_id is not None
    return (await world.get(post_id)).publication.status


async def test_a_photo_is_published_at_its_second_with_its_permalink(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON - timedelta(milliseconds=1))
    assert world.gateway.published == []
    await world.run_until(NOON)
    after = await world.get(view.post.id)
    assert after.publication.status is PublicationStatus.PUBLISHED
    assert after.publication.published_at == NOON
    assert after.publication.permalink and after.publication.remote_id
    assert world.gateway.tokens_seen == [TOKEN]


async def test_a_video_is_polled_without_holding_a_worker(world: Harness) -> None:
    view = await world.schedule(
        at=NOON, content_type=ContentType.VIDEO, url="https://cdn.example.com/v.mp4"
    )
    await world.run_until(NOON)
    assert await status(world, view.post.id) is PublicationStatus.PROCESSING
    assert world.scheduler.sent or world.pending, "a poll is scheduled, not waited for"
    await world.run_until(NOON + timedelta(seconds=20))
    assert world.gateway.published == [], "not published while the container is in progress"
    world.gateway.finish_processing()
    await world.run_until(NOON + timedelta(seconds=30))
    after = await world.get(view.post.id)
    assert after.publication.status is PublicationStatus.PUBLISHED
    assert after.publication.attempts == 1
    assert world.gateway.requests[0].media_type == "REELS"


async def test_a_carousel_is_one_container_of_items(world: Harness) -> None:
    items = [{"url": "https://cdn.example.com/1.jpg"}, {"url": "https://cdn.example.com/2.jpg"}]
    await world.schedule(at=NOON, content_type=ContentType.CAROUSEL, url=None, children=items)
    await world.run_until(NOON)
    (request,) = world.gateway.requests
    assert request.media_type == "CAROUSEL" and len(request.children) == 2
    assert len(world.gateway.published) == 1


async def test_a_duplicate_message_publishes_nothing_more(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.clock.set(NOON)
    publication = view.publication
    assert publication.id is not None
    await world.publisher().execute(publication.id, publication.version)
    await world.publisher().execute(publication.id, publication.version)
    assert len(world.gateway.published) == 1


async def test_a_message_of_an_earlier_version_does_nothing_even_when_its_post_is_due(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    stale = view.publication
    assert view.post.id is not None and stale.id is not None
    await world.edit(view.post.id, date_pub=NOON + timedelta(minutes=1))
    # The old message comes late, when the moved post is due to be made ready: only the
    # current one may do it.
    world.clock.set(NOON - timedelta(minutes=4))
    current = (await world.get(view.post.id)).publication
    assert current.is_claimable(world.clock.now()) and current.version != stale.version
    await world.publisher().execute(stale.id, stale.version)
    assert world.gateway.calls == []
    assert (await world.get(view.post.id)).publication.version == current.version


async def test_an_early_message_comes_back_at_the_due_time(world: Harness) -> None:
    due = NOON + timedelta(minutes=10)
    view = await world.schedule(at=due)
    world.scheduler.take()
    assert view.publication.id is not None
    await world.publisher().execute(view.publication.id, view.publication.version)
    assert world.gateway.calls == []
    start = due - world.policy.prepare_ahead
    assert world.scheduler.sent == [(view.publication.id, view.publication.version, start)]


async def test_a_photo_is_made_ready_ahead_and_only_published_at_its_second(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON - timedelta(seconds=1))
    ready = (await world.get(view.post.id)).publication
    assert ready.status is PublicationStatus.SCHEDULED
    assert ready.container_ready and ready.container_id is not None
    assert world.gateway.calls == ["publishing_quota", "create_container", "container_state"]
    await world.run_until(NOON)
    assert world.gateway.calls[3:] == ["publish_container", "permalink"]
    published = (await world.get(view.post.id)).publication
    assert (published.published_at, published.attempts) == (NOON, 1)


async def test_a_post_scheduled_too_late_to_prepare_is_made_at_its_time(world: Harness) -> None:
    view = await world.schedule(at=NOON - timedelta(minutes=4))
    await world.run_until(NOON - timedelta(minutes=4))
    after = (await world.get(view.post.id)).publication
    assert after.status is PublicationStatus.PUBLISHED
    assert after.published_at == NOON - timedelta(minutes=4)


async def test_moving_a_prepared_post_makes_it_ready_again_for_the_new_time(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON - timedelta(minutes=1))
    assert view.post.id is not None
    moved = await world.edit(view.post.id, date_pub=NOON + timedelta(hours=1))
    assert moved.publication.container_id is None and not moved.publication.container_ready
    await world.run_until(NOON + timedelta(hours=1))
    assert world.gateway.calls.count("create_container") == 2
    assert len(world.gateway.published) == 1
    after = (await world.get(view.post.id)).publication
    assert after.published_at == NOON + timedelta(hours=1)


async def test_a_post_retried_by_hand_before_its_time_waits_for_it(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["create_container"] = [PermanentPlatformError("bad media")]
    await world.run_until(NOON - timedelta(minutes=4))
    assert view.post.id is not None
    await world.retry(view.post.id)
    await world.run_until(NOON - timedelta(seconds=1))
    assert world.gateway.published == []
    await world.run_until(NOON)
    after = (await world.get(view.post.id)).publication
    assert (after.status, after.published_at) == (PublicationStatus.PUBLISHED, NOON)


async def test_two_workers_claiming_at_once_publish_once(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.clock.set(NOON)
    first, second = world.publisher(), world.publisher()
    assert view.publication.id is not None
    # the second worker reads before the first commits its claim
    loaded = InMemoryUnitOfWork(world.store)
    stale = await loaded.publications.get(view.publication.id)
    await first.execute(view.publication.id, view.publication.version)
    stale.claim(NOON, world.policy.lease)
    with pytest.raises(Exception, match="changed since"):
        await loaded.commit()
    await second.execute(view.publication.id, view.publication.version)
    assert len(world.gateway.published) == 1


async def test_a_prepared_container_refused_as_expired_is_made_again(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON - timedelta(seconds=1))
    world.gateway.calls.clear()
    # Made ready ahead, it is no longer there at the post's time: Instagram refuses it.
    world.gateway.script["publish_container"] = [
        PermanentPlatformError("The media you are trying to access has expired.")
    ]
    world.gateway.script["container_state"] = [ContainerState(ContainerStatus.EXPIRED)]
    await world.run_until(NOON + timedelta(minutes=1))
    # The new container keeps the quota place the post already holds.
    assert world.gateway.calls[:3] == ["publish_container", "container_state", "create_container"]
    assert len(world.gateway.published) == 1
    assert await status(world, view.post.id) is PublicationStatus.PUBLISHED


async def test_transient_errors_are_retried_with_backoff_then_succeed(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["create_container"] = [TransientPlatformError("Instagram is down.")]
    start = world.clock.now()
    await world.run_until(start)
    after = await world.get(view.post.id)
    assert after.publication.status is PublicationStatus.SCHEDULED, "not started yet"
    assert after.publication.error and "Instagram is down." in after.publication.error
    retry_at = after.publication.next_run_at
    assert start + timedelta(seconds=5) <= retry_at <= start + timedelta(seconds=10)
    await world.run_until(NOON)
    after = await world.get(view.post.id)
    assert after.publication.status is PublicationStatus.PUBLISHED
    assert after.publication.attempts == 2
    assert after.publication.published_at == NOON


async def test_a_permanent_error_fails_at_once_with_the_platforms_words(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["create_container"] = [
        PermanentPlatformError("Instagram refused the post: the image is too small.")
    ]
    await world.run_until(NOON + timedelta(hours=1))
    after = await world.get(view.post.id)
    assert after.publication.status is PublicationStatus.FAILED
    assert after.publication.error == "Instagram refused the post: the image is too small."
    assert world.gateway.calls.count("create_container") == 1


async def test_a_revoked_token_fails_and_marks_the_account_for_reconnecting(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["publishing_quota"] = [CredentialRejected("Reconnect the account.")]
    await world.run_until(NOON)
    assert await status(world, view.post.id) is PublicationStatus.FAILED
    (credential,) = world.store.rows["credentials"].values()
    assert credential.status is CredentialStatus.NEEDS_RECONNECT


async def test_a_spent_quota_defers_until_the_window_frees(world: Harness) -> None:
    earlier = await world.schedule(at=NOON - timedelta(hours=23))
    world.clock.set(NOON - timedelta(hours=23))
    await world.deliver_due()
    assert await status(world, earlier.post.id) is PublicationStatus.PUBLISHED
    world.clock.set(NOON - timedelta(minutes=5))
    view = await world.schedule(at=NOON)
    world.gateway.quota = PublishingQuota(used=100, total=100)
    await world.run_until(NOON)
    after = await world.get(view.post.id)
    assert after.publication.status is PublicationStatus.SCHEDULED
    assert after.publication.next_run_at == NOON + timedelta(hours=1, minutes=1)
    assert "limit of 100 posts" in (after.publication.error or "")
    world.gateway.quota = PublishingQuota(used=99, total=100)
    world.clock.set(after.publication.next_run_at - world.policy.horizon)
    await world.sweep()
    await world.run_until(after.publication.next_run_at)
    assert await status(world, view.post.id) is PublicationStatus.PUBLISHED


async def test_the_publishing_limit_error_after_the_fact_defers_too(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["publish_container"] = [PublishingLimitReached("limit")]
    await world.run_until(NOON)
    after = await world.get(view.post.id)
    assert after.publication.status is PublicationStatus.SCHEDULED
    assert after.publication.next_run_at == NOON + timedelta(hours=1)


async def test_near_the_rate_limit_work_is_deferred_not_failed(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["publishing_quota"] = [PlatformBusy("slow", timedelta(seconds=30))]
    start = world.clock.now()
    await world.run_until(start)
    after = await world.get(view.post.id)
    assert after.publication.status is PublicationStatus.SCHEDULED
    assert after.publication.attempts == 0
    assert after.publication.next_run_at == start + timedelta(seconds=30)
    await world.run_until(NOON)
    assert await status(world, view.post.id) is PublicationStatus.PUBLISHED


async def test_a_failed_post_can_be_retried_by_hand(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["create_container"] = [PermanentPlatformError("bad media")]
    await world.run_until(NOON)
    assert view.post.id is not None
    retried = await world.retry(view.post.id)
    assert retried.publication.status is PublicationStatus.SCHEDULED
    await world.run_until(NOON + timedelta(seconds=1))
    assert await status(world, view.post.id) is PublicationStatus.PUBLISHED


async def test_at_its_second_an_image_is_published_without_asking_its_containers_status(
    world: Harness,
) -> None:
    world.clock.set(NOON)
    await world.schedule(at=NOON)
    await world.run_until(NOON)
    assert world.gateway.calls == [
        "publishing_quota",
        "create_container",
        "publish_container",
        "permalink",
    ]


async def test_an_image_instagram_could_not_take_is_made_again_before_its_time(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["container_state"] = [
        ContainerState(ContainerStatus.ERROR, "the image could not be downloaded")
    ]
    await world.run_until(NOON - timedelta(seconds=1))
    ready = (await world.get(view.post.id)).publication
    assert world.gateway.calls.count("create_container") == 2
    assert ready.container_ready and ready.status is PublicationStatus.SCHEDULED
    await world.run_until(NOON)
    after = (await world.get(view.post.id)).publication
    assert (after.status, after.published_at) == (PublicationStatus.PUBLISHED, NOON)


async def test_instagrams_quota_is_asked_at_most_once_a_minute_per_account(
    world: Harness,
) -> None:
    for minute in range(3):
        await world.schedule(at=NOON + timedelta(seconds=20 * minute), caption=f"p{minute}")
    await world.run_until(NOON + timedelta(minutes=1))
    assert len(world.gateway.published) == 3
    assert world.gateway.calls.count("publishing_quota") == 1
    await world.schedule(at=NOON + timedelta(minutes=2), caption="later")
    await world.run_until(NOON + timedelta(minutes=2))
    assert world.gateway.calls.count("publishing_quota") == 2


async def test_near_the_quota_instagram_is_asked_again_before_publishing(world: Harness) -> None:
    world.gateway.quota = PublishingQuota(used=94, total=100)
    for n in range(2):
        await world.schedule(at=NOON, caption=f"p{n}")
    await world.run_until(NOON)
    assert world.gateway.calls.count("publishing_quota") == 2


async def publication_of(world: Harness, view: PostView) -> ScheduledPublication:
    assert view.post.id is not None
    return (await world.get(view.post.id)).publication


async def test_a_post_whose_container_failed_keeps_its_place_in_the_quota(world: Harness) -> None:
    world.gateway.quota = PublishingQuota(used=0, total=1)
    world.gateway.script["create_container"] = [TransientPlatformError("Instagram is down.")]
    first = await world.schedule(at=NOON, caption="first")
    await world.run_until(world.clock.now())
    second = await world.schedule(at=NOON, caption="second")
    await world.run_until(NOON)
    assert (await publication_of(world, first)).status is PublicationStatus.PUBLISHED
    waiting = await publication_of(world, second)
    assert "limit of 1 posts" in (waiting.error or "")
    assert world.gateway.refused_for_quota == 0


async def test_a_post_sent_without_an_answer_keeps_its_place_until_it_is_known(
    world: Harness,
) -> None:
    world.gateway.quota = PublishingQuota(used=0, total=2)
    world.gateway.script["publish_container"] = [OutcomeUnknown("Instagram did not answer.")]
    sent = await world.schedule(at=NOON, caption="sent")
    await world.run_until(NOON)  # the request never reached Instagram: it counts nothing
    later = [await world.schedule(at=NOON + timedelta(minutes=1), caption=c) for c in "ab"]
    await world.run_until(NOON + timedelta(minutes=1))
    assert world.gateway.refused_for_quota == 0
    assert (await publication_of(world, sent)).status is PublicationStatus.PUBLISHED
    statuses = sorted([(await publication_of(world, view)).status for view in later])
    assert statuses == [PublicationStatus.PUBLISHED, PublicationStatus.SCHEDULED]


async def test_while_the_last_place_depends_on_a_post_just_sent_a_post_asks_again_shortly(
    world: Harness,
) -> None:
    world.gateway.quota = PublishingQuota(used=0, total=2)
    world.gateway.script["publish_container"] = [AfterWork(OutcomeUnknown("No answer."))]
    sent = await world.schedule(at=NOON, caption="sent")
    await world.run_until(NOON)  # published, and counted by Instagram; its answer lost
    next_one = await world.schedule(at=NOON + timedelta(seconds=1), caption="next")
    await world.run_until(NOON)
    waiting = await publication_of(world, next_one)
    assert waiting.status is PublicationStatus.SCHEDULED
    assert waiting.next_run_at == NOON + world.policy.poll_interval
    assert "may be reached" in (waiting.error or "")
    # The lost answer is asked about once a request still under way would have ended.
    await world.run_until(NOON + world.policy.publish_settle + timedelta(minutes=1))
    assert (await publication_of(world, sent)).status is PublicationStatus.PUBLISHED
    assert (await publication_of(world, next_one)).status is PublicationStatus.PUBLISHED
    assert world.gateway.refused_for_quota == 0


async def test_a_post_published_while_instagram_counted_is_counted_once_it_is_known(
    world: Harness,
) -> None:
    world.gateway.quota = PublishingQuota(used=0, total=1)
    first = await world.schedule(at=NOON, caption="first")
    world.clock.set(NOON - timedelta(seconds=1))
    await world.run_until(world.clock.now())  # made ready: it holds the one place
    second = await world.schedule(at=NOON + timedelta(minutes=2), caption="second")

    async def first_published_meanwhile() -> None:
        world.gateway.quota_meanwhile = None
        world.clock.set(NOON)
        publication = await publication_of(world, first)
        assert publication.id is not None
        await world.publisher().execute(publication.id, publication.version)

    # Instagram counts 0 of 1 used; while its answer is on its way, the first is published
    # and gives its place back to Instagram's count, which this answer does not have.
    world.gateway.quota_meanwhile = first_published_meanwhile
    await world.run_until(NOON + timedelta(minutes=2))
    assert (await publication_of(world, first)).status is PublicationStatus.PUBLISHED
    assert "limit of 1 posts" in ((await publication_of(world, second)).error or "")
    assert world.gateway.refused_for_quota == 0


async def test_a_post_instagram_refused_for_its_quota_asks_for_a_place_before_it_is_sent_again(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    world.gateway.script["publish_container"] = [PublishingLimitReached("limit")]
    await world.run_until(NOON)
    deferred = await publication_of(world, view)
    assert deferred.container_ready and not deferred.quota_reserved
    world.gateway.quota = PublishingQuota(used=100, total=100)
    await world.run_until(deferred.next_run_at)
    assert world.gateway.calls.count("publish_container") == 1
    assert "limit of 100 posts" in ((await publication_of(world, view)).error or "")


async def test_at_its_second_a_prepared_photo_takes_one_save_before_it_is_published(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON - timedelta(seconds=1))
    world.gateway.calls.clear()
    world.clock.set(NOON)
    uow = InMemoryUnitOfWork(world.store)
    publishers = {"instagram": InstagramPublisher(world.gateway, world.box, world.quotas)}
    publish = PublishPublication(uow, publishers, world.clock, world.dispatcher, world.policy)
    prepared = (await world.get(view.post.id)).publication
    assert prepared.id is not None
    await publish.execute(prepared.id, prepared.version)
    assert world.gateway.calls == ["publish_container", "permalink"]
    assert uow.commits == 3, "the claim (with the request to publish), the result, the address"
    after = (await world.get(view.post.id)).publication
    assert after.publish_requested_at == NOON and after.status is PublicationStatus.PUBLISHED


async def test_a_post_is_recorded_published_before_its_address_is_asked(world: Harness) -> None:
    """Its second ends with media_publish: the permalink is asked once it is saved as
    published, and a permalink Instagram cannot give costs only the address."""
    view = await world.schedule(at=NOON)
    await world.run_until(NOON - timedelta(seconds=1))
    seen: list[PublicationStatus] = []

    async def permalink(account: InstagramAccount, media_id: str) -> str:
        seen.append((await world.get(view.post.id)).publication.status)
        raise TransientPlatformError("Instagram is busy.")

    world.gateway.permalink = permalink  # type: ignore[method-assign]
    await world.run_until(NOON + timedelta(seconds=1))
    assert seen == [PublicationStatus.PUBLISHED]
    after = (await world.get(view.post.id)).publication
    assert (after.status, after.permalink) == (PublicationStatus.PUBLISHED, None)
    assert after.remote_id is not None
