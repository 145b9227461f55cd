"""Steps shared by the features. They drive the real use cases over in-memory fakes, with a
clock the scenario turns and a broker that delivers each message at its time."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Coroutine
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any, TypeVar

import pytest
from pytest_bdd import given, parsers, then, when
from tests.fakes import AfterWork, WorkerDied
from tests.harness import NOON, Harness

from autopost.application.access import SYSTEM
from autopost.application.instagram.sync import SyncReport
from autopost.application.integrations.credentials import ConnectAccount, SaveCredential
from autopost.application.ports.instagram_gateway import PublishingQuota
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.media_repository import MediaCursor
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    RateLimited,
    TransientPlatformError,
)
from autopost.application.posting.views import PostView
from autopost.application.publishing.claim_leases import HandBackClaims
from autopost.domain.credential import CredentialStatus
from autopost.domain.errors import DomainError, Refused
from autopost.domain.instagram_media import InstagramMedia
from autopost.domain.post import ContentType, Platform

T = TypeVar("T")

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?: in (\d+) days)?")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def at(text: str) -> datetime:
    """'12:00', '11:59:59' or '12:00 in 30 days', on the scenario's day."""
    found = _TIME.fullmatch(text.strip())
    assert found, f"not a time: {text}"
    hours, minutes, seconds, days = found.groups()
    day = NOON.replace(hour=0, minute=0)
    return day + timedelta(
        days=int(days or 0), hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0)
    )


class Scenario:
    def __init__(self) -> None:
        self.world = Harness()
        self.view: PostView | None = None
        self.refusal: DomainError | None = None
        # When the safety sweep handed the post to the broker, in the busy-worker scenario.
        self.handed: list[datetime] = []
        # The claims a worker held when it was stopped, in the stopping scenarios.
        self.held_at_stop: dict[int, datetime] | None = None

    @property
    def post_id(self) -> int:
        assert self.view is not None and self.view.post.id is not None
        return self.view.post.id

    def current(self) -> PostView:
        return run(self.world.get(self.post_id))


@pytest.fixture
def scenario() -> Scenario:
    return Scenario()


@given(parsers.parse('the Instagram account "{account}" is connected'))
def connected(scenario: Scenario, account: str) -> None:
    world = scenario.world
    run(
        SaveCredential(world.uow(), world.box, world.clock, world.pinterest_policy).execute(
            SYSTEM, ConnectAccount(Platform.INSTAGRAM, account, "EAAG-feature-token")
        )
    )


@given(parsers.parse("it is {time}"))
def it_is(scenario: Scenario, time: str) -> None:
    scenario.world.clock.set(at(time))


def _schedule(scenario: Scenario, time: str, **kwargs: Any) -> None:
    scenario.view = run(scenario.world.schedule(at=at(time), token=None, **kwargs))


@given(parsers.re(r"a photo post scheduled for (?P<time>[\d:]+(?: in \d+ days)?)$"))
def photo_post(scenario: Scenario, time: str) -> None:
    _schedule(scenario, time)


@given(parsers.parse('a photo post scheduled for {time} with the caption "{caption}"'))
def photo_post_with_caption(scenario: Scenario, time: str, caption: str) -> None:
    _schedule(scenario, time, caption=caption)


@given(parsers.parse("a video post scheduled for {time}"))
def video_post(scenario: Scenario, time: str) -> None:
    _schedule(
        scenario, time, content_type=ContentType.VIDEO, url="https://cdn.example.com/clip.mp4"
    )


@given(parsers.parse("a carousel of {count:d} images scheduled for {time}"))
def carousel_post(scenario: Scenario, count: int, time: str) -> None:
    children = [{"url": f"https://cdn.example.com/{n}.jpg"} for n in range(count)]
    _schedule(scenario, time, content_type=ContentType.CAROUSEL, url=None, children=children)


@when(parsers.parse("a photo post with {count:d} hashtags is scheduled for {time}"))
def invalid_post(scenario: Scenario, count: int, time: str) -> None:
    caption = " ".join(f"#tag{n}" for n in range(count))
    try:
        _schedule(scenario, time, caption=caption)
    except DomainError as refused:
        scenario.refusal = refused


@given("Instagram will publish the next post but its answer will be lost")
def answer_lost(scenario: Scenario) -> None:
    scenario.world.gateway.script["publish_container"] = [
        AfterWork(TransientPlatformError("Instagram did not answer in time."))
    ]


@given("the next request to publish will be lost before it reaches Instagram")
def request_lost(scenario: Scenario) -> None:
    scenario.world.gateway.script["publish_container"] = [
        OutcomeUnknown("Instagram did not answer in time.")
    ]


@given("the worker will die while Instagram publishes")
def worker_dies(scenario: Scenario) -> None:
    scenario.world.gateway.script["publish_container"] = [AfterWork(WorkerDied())]


def _stopped_during(scenario: Scenario, call: str) -> None:
    """The worker's stop cancels its work while ``call`` is on its way (the platform gets it):
    what the worker held then is what it hands back."""
    world = scenario.world

    def stop_when(name: str) -> None:
        if name == call and scenario.held_at_stop is None:
            scenario.held_at_stop = world.held.snapshot()

    world.gateway.before_call = stop_when
    # Publishing goes through on Instagram's side; a container is simply not made.
    stopped = WorkerDied()
    world.gateway.script[call] = [AfterWork(stopped) if call == "publish_container" else stopped]


@given("the worker will be stopped while Instagram makes the post's container")
def worker_stopped_making_ready(scenario: Scenario) -> None:
    _stopped_during(scenario, "create_container")


@given("the worker will be stopped while Instagram publishes")
def worker_stopped_publishing(scenario: Scenario) -> None:
    _stopped_during(scenario, "publish_container")


@when("the stopped worker hands back what it held")
def stopped_worker_hands_back(scenario: Scenario) -> None:
    world = scenario.world
    assert scenario.held_at_stop, "the worker held nothing when it stopped"
    run(HandBackClaims(world.uow(), world.clock).execute(scenario.held_at_stop))


@then(parsers.parse("Instagram was asked for its container again at {time}"))
def container_asked_again(scenario: Scenario, time: str) -> None:
    gateway = scenario.world.gateway
    made = [
        moment
        for name, moment in zip(gateway.calls, gateway.called_at, strict=True)
        if name == "create_container"
    ]
    assert made == [at(time), at(time)], made


@given(parsers.parse("Instagram is down for the next {count:d} requests"))
@when(parsers.parse("Instagram is down for the next {count:d} requests"))
def instagram_down(scenario: Scenario, count: int) -> None:
    scenario.world.gateway.outage = [
        TransientPlatformError("Instagram is down (HTTP 503).") for _ in range(count)
    ]


@given("Instagram stays down")
def instagram_stays_down(scenario: Scenario) -> None:
    instagram_down(scenario, 1000)  # far more tries than an hour of retries makes


@given(
    parsers.parse(
        "Instagram limits requests for the next {count:d} calls, asking to wait {minutes:d} "
        "minutes each time"
    )
)
def instagram_limits_requests(scenario: Scenario, count: int, minutes: int) -> None:
    scenario.world.gateway.outage = [
        RateLimited("Instagram is limiting requests (HTTP 429).", timedelta(minutes=minutes))
        for _ in range(count)
    ]


@given(parsers.parse('Instagram will refuse the media as "{reason}"'))
def instagram_refuses(scenario: Scenario, reason: str) -> None:
    scenario.world.gateway.script["create_container"] = [
        PermanentPlatformError(f"Instagram refused the post: {reason}.")
    ]


@given("the account's token has been revoked")
def token_revoked(scenario: Scenario) -> None:
    scenario.world.gateway.script["publishing_quota"] = [
        CredentialRejected(
            "Instagram rejected the access token (expired or revoked): "
            "reconnect the Instagram account."
        )
    ]


@given(parsers.parse("the account has used all {total:d} of its posts for the day"))
def quota_spent(scenario: Scenario, total: int) -> None:
    scenario.world.gateway.quota = PublishingQuota(used=total, total=total)


@when(parsers.re(r"the clock reaches (?P<time>[\d:]+(?: in \d+ days)?)$"))
def clock_reaches(scenario: Scenario, time: str) -> None:
    run(scenario.world.run_until(at(time)))


@when(parsers.parse("the clock reaches {time} and the safety sweep runs"))
def clock_reaches_and_sweep(scenario: Scenario, time: str) -> None:
    world = scenario.world
    world.clock.set(at(time))
    run(world.sweep())
    run(world.deliver_due())


@when(
    parsers.parse(
        "the safety sweep runs every {seconds:d} seconds from {start} to {end}, "
        "the worker too busy to take any message"
    )
)
def sweeps_while_busy(scenario: Scenario, seconds: int, start: str, end: str) -> None:
    world = scenario.world
    moment, handed = at(start), []
    while moment <= at(end):
        world.clock.set(moment)
        if run(world.sweep()):
            handed.append(moment)
        moment += timedelta(seconds=seconds)
    scenario.handed = handed  # no message is delivered: the worker never takes one


@then(
    parsers.re(
        r"the post was handed to the broker at (?P<first>[\d:]+), then again at (?P<rest>.+)$"
    )
)
def handed_at(scenario: Scenario, first: str, rest: str) -> None:
    times = [first, *(t.strip() for t in rest.replace(" and ", ", ").split(","))]
    assert scenario.handed == [at(t) for t in times]


@when("the same message is delivered again")
def same_message_again(scenario: Scenario) -> None:
    assert scenario.view is not None
    publication = scenario.view.publication
    assert publication.id is not None
    run(scenario.world.publisher().execute(publication.id, publication.version))


@when(parsers.parse("the post is moved to {time}"))
def moved(scenario: Scenario, time: str) -> None:
    scenario.view = run(scenario.world.edit(scenario.post_id, date_pub=at(time)))


@when(parsers.parse('the caption is changed to "{caption}"'))
def caption_changed(scenario: Scenario, caption: str) -> None:
    scenario.view = run(scenario.world.edit(scenario.post_id, caption=caption))


@when("the post is cancelled")
def cancelled(scenario: Scenario) -> None:
    run(scenario.world.cancel(scenario.post_id))


@when("the post is retried by hand")
def retried(scenario: Scenario) -> None:
    run(scenario.world.retry(scenario.post_id))


@when("Instagram finishes processing the video")
def processing_finished(scenario: Scenario) -> None:
    scenario.world.gateway.finish_processing()


@then("it is not on Instagram yet")
def not_on_instagram(scenario: Scenario) -> None:
    assert scenario.world.gateway.published == []


@then("it is on Instagram exactly once")
def on_instagram_once(scenario: Scenario) -> None:
    assert len(scenario.world.gateway.published) == 1
    assert scenario.current().publication.status.value == "published"


@then("Instagram was asked what became of the post before it was sent again")
def asked_before_sending_again(scenario: Scenario) -> None:
    calls = scenario.world.gateway.calls
    first, second = (i for i, name in enumerate(calls) if name == "publish_container")
    assert "container_state" in calls[first + 1 : second]


@then(parsers.parse("it is on Instagram exactly once, at {time}"))
def on_instagram_once_at(scenario: Scenario, time: str) -> None:
    on_instagram_once(scenario)
    assert scenario.current().publication.published_at == at(time)


@then(parsers.parse('Instagram published the caption "{caption}"'))
def published_caption(scenario: Scenario, caption: str) -> None:
    gateway = scenario.world.gateway
    (published,) = gateway.published
    assert gateway.captions[published] == caption


@then(parsers.parse('the post is "{status}" with its permalink'))
def status_with_permalink(scenario: Scenario, status: str) -> None:
    publication = scenario.current().publication
    assert publication.status.value == status
    assert publication.permalink and publication.permalink.startswith("https://")


@then(parsers.re(r'the post is "(?P<status>\w+)"$'))
def status_is(scenario: Scenario, status: str) -> None:
    assert scenario.current().publication.status.value == status


@then(parsers.parse('the post is "{status}" with an error mentioning "{words}"'))
def status_with_error(scenario: Scenario, status: str, words: str) -> None:
    publication = scenario.current().publication
    assert publication.status.value == status
    assert words in (publication.error or ""), publication.error


@then(parsers.parse("the post took {count:d} attempts"))
def took_attempts(scenario: Scenario, count: int) -> None:
    assert scenario.current().publication.attempts == count


@then(parsers.parse("Instagram was tried again at least every {minutes:d} minutes since {time}"))
def tried_again_and_again(scenario: Scenario, minutes: int, time: str) -> None:
    world = scenario.world
    tries = [t for t in world.gateway.called_at if t >= at(time)]
    assert tries and tries[0] - at(time) <= timedelta(minutes=minutes)
    assert all(b - a <= timedelta(minutes=minutes) for a, b in pairwise(tries))
    assert world.clock.now() - tries[-1] <= timedelta(minutes=minutes)


@then(parsers.parse("Instagram was tried one last time at {time}"))
def tried_last_at(scenario: Scenario, time: str) -> None:
    assert scenario.world.gateway.called_at[-1] == at(time)


@then(parsers.parse('Instagram shows the caption "{caption}"'))
def shows_caption(scenario: Scenario, caption: str) -> None:
    assert [r.caption for r in scenario.world.gateway.requests] == [caption]


@then(parsers.parse("Instagram received a carousel of {count:d} items"))
def carousel_received(scenario: Scenario, count: int) -> None:
    (request,) = scenario.world.gateway.requests
    assert request.media_type == "CAROUSEL" and len(request.children) == count


@then("no worker is busy waiting for Instagram")
def nobody_waits(scenario: Scenario) -> None:
    publication = scenario.current().publication
    world = scenario.world
    assert publication.polling
    waiting = world.pending + world.scheduler.sent
    assert any(m[2] > world.clock.now() for m in waiting), "a later poll is scheduled"


@then(parsers.parse('moving the post to {time} is refused because it is "{status}"'))
def move_refused(scenario: Scenario, time: str, status: str) -> None:
    with pytest.raises(DomainError, match=status):
        run(scenario.world.edit(scenario.post_id, date_pub=at(time)))


@then(parsers.parse('cancelling the post is refused because it is "{status}"'))
def cancel_refused(scenario: Scenario, status: str) -> None:
    with pytest.raises(DomainError, match=status):
        run(scenario.world.cancel(scenario.post_id))


@then(parsers.parse('it is refused with a message about "{words}"'))
def refused_about(scenario: Scenario, words: str) -> None:
    assert isinstance(scenario.refusal, Refused)
    assert words in str(scenario.refusal)


@then("nothing is scheduled")
def nothing_scheduled(scenario: Scenario) -> None:
    assert scenario.world.store.rows["publications"] == {}
    assert scenario.world.scheduler.sent == []


@then("the account needs to be reconnected")
def needs_reconnect(scenario: Scenario) -> None:
    (credential,) = scenario.world.store.rows["credentials"].values()
    assert credential.status is CredentialStatus.NEEDS_RECONNECT


@then("the broker holds nothing for it")
def broker_holds_nothing(scenario: Scenario) -> None:
    assert scenario.world.scheduler.sent == []


@then(parsers.re(r"the broker holds it for (?P<time>\d\d:\d\d(?: in \d+ days)?)(?:, .*)?$"))
def broker_holds_it(scenario: Scenario, time: str) -> None:
    world = scenario.world
    held = world.pending + world.scheduler.sent
    assert [m[2] for m in held] == [at(time)]


class SyncScenario:
    """What a sync and the listings after it returned."""

    def __init__(self) -> None:
        self.report: SyncReport | None = None
        self.pages: list[list[InstagramMedia]] = []
        self.cursor: MediaCursor | None = None


@pytest.fixture
def sync() -> SyncScenario:
    return SyncScenario()


def remote(n: int, media_id: str | None = None) -> RemoteMedia:
    return RemoteMedia(
        media_id=media_id or f"1790{n:08d}",
        media_type="IMAGE",
        timestamp=NOON - timedelta(days=2, minutes=n),
        caption=f"Media {n}",
        like_count=n,
        comments_count=0,
    )


@given(parsers.parse("the account has {count:d} media on Instagram"))
def has_media(scenario: Scenario, count: int) -> None:
    scenario.world.media_gateway.media = [remote(n) for n in range(count)]


@given("the account was synced")
@when("the account is synced")
def synced(scenario: Scenario, sync: SyncScenario) -> None:
    scenario.world.clock.advance(timedelta(minutes=1))  # time passes between syncs
    scenario.world.media_gateway.pages_served = 0
    sync.report = run(scenario.world.sync().execute(SYSTEM))
