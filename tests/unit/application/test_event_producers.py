"""Each change records its event in its own transaction: publishing (ends and deferrals
only), scheduling, approval, an account to reconnect (once per account), a token about to
expire (once per expiry), a sync and new comments."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.access import SYSTEM
from autopost.application.ports.instagram_gateway import PublishingQuota
from autopost.application.ports.instagram_login_gateway import InstagramLogin
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    RateLimited,
    TransientPlatformError,
)
from autopost.domain.credential import Credential
from autopost.domain.events import EventType
from autopost.domain.platform import Platform
from tests.approval_world import CONTRIBUTOR, PUBLISHER, ApprovalWorld
from tests.fake_webhooks import RecordingRelay
from tests.fakes import InMemoryUnitOfWork
from tests.harness import NOON, Harness

pytestmark = pytest.mark.unit


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


def events(world: Harness, event_type: EventType | None = None) -> list:  # type: ignore[type-arg]
    found = list(world.store.rows["events"].values())
    return [e for e in found if event_type is None or e.type is event_type]


async def test_scheduling_a_post_records_post_scheduled_with_its_publications(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    (event,) = events(world)
    assert event.type is EventType.POST_SCHEDULED
    assert event.subject == f"post:{view.post.id}"
    assert event.data["post_id"] == view.post.id
    assert event.data["publications"][0]["publish_at"] == "2026-12-01T12:00:00Z"


async def test_a_published_post_records_its_remote_id_and_only_its_end(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON + timedelta(seconds=5))
    (published,) = events(world, EventType.PUBLICATION_PUBLISHED)
    assert published.data["publication_id"] == view.publication.id
    assert published.data["remote_id"]
    # Preparing the container, waiting for its time: no event, only the end.
    assert [e.type for e in events(world)] == [
        EventType.POST_SCHEDULED,
        EventType.PUBLICATION_PUBLISHED,
    ]


async def test_a_failed_post_records_the_reason_and_what_to_do(world: Harness) -> None:
    await world.schedule(at=NOON)
    world.gateway.script["create_container"] = [
        PermanentPlatformError("The media URL could not be fetched.")
    ]
    await world.run_until(NOON)
    (failed,) = events(world, EventType.PUBLICATION_FAILED)
    assert "could not be fetched" in failed.data["reason"]
    assert "public https address" in failed.data["advice"]


async def test_a_spent_quota_records_a_deferral_with_the_new_time(world: Harness) -> None:
    await world.schedule(at=NOON)
    world.gateway.quota = PublishingQuota(used=100, total=100)
    await world.run_until(NOON)
    (deferred,) = events(world, EventType.PUBLICATION_DEFERRED)
    assert deferred.data["until"] > "2026-12-01T12:00:00Z"
    assert "limit" in deferred.data["reason"]


async def test_a_rate_limit_pause_records_a_deferral_until_the_pause_ends(
    world: Harness,
) -> None:
    await world.schedule(at=NOON)
    world.clock.set(NOON)
    world.gateway.outage = [RateLimited("Application request limit reached", timedelta(minutes=30))]
    await world.run_until(NOON)
    (deferred,) = events(world, EventType.PUBLICATION_DEFERRED)
    assert deferred.data["until"] == "2026-12-01T12:30:00Z"


async def test_a_failure_that_may_pass_records_no_event_until_the_post_ends(
    world: Harness,
) -> None:
    await world.schedule(at=NOON)
    world.gateway.outage = [TransientPlatformError("Instagram is down (HTTP 503).")]
    await world.run_until(NOON + timedelta(minutes=1))
    assert [e.type for e in events(world)] == [
        EventType.POST_SCHEDULED,
        EventType.PUBLICATION_PUBLISHED,
    ]


async def test_a_revoked_account_is_told_once_whatever_the_number_of_its_posts(
    world: Harness,
) -> None:
    for minute in range(3):
        await world.schedule(at=NOON + timedelta(minutes=minute))
    world.gateway.script["publishing_quota"] = [CredentialRejected("Token revoked.")] * 3
    await world.run_until(NOON + timedelta(minutes=5))
    assert len(events(world, EventType.PUBLICATION_FAILED)) == 3
    (reconnect,) = events(world, EventType.ACCOUNT_NEEDS_RECONNECT)
    assert reconnect.data["platform"] == "instagram"
    assert "evt_" in reconnect.id and "Token" not in (reconnect.key or "")


async def test_an_event_of_a_rolled_back_change_is_never_recorded() -> None:
    relay = RecordingRelay()
    uow = InMemoryUnitOfWork(relay=relay)
    from autopost.domain.events import new_event

    async with uow:
        await uow.events.add(new_event(EventType.SYNC_COMPLETED, NOON, {"credential_id": 1}))
    assert uow.store.rows["events"] == {}
    assert relay.relayed == []
    async with uow:
        event = new_event(EventType.SYNC_COMPLETED, NOON, {"credential_id": 1})
        await uow.events.add(event)
        await uow.commit()
    assert list(uow.store.rows["events"]) == [event.id]
    assert relay.relayed == [[event.id]]


async def test_approval_records_awaiting_approved_and_returned() -> None:
    world = ApprovalWorld(approval_required=True)
    await world.connect()
    view = await world.write(CONTRIBUTOR, NOON)
    await world.approve(PUBLISHER, view.post.id)
    other = await world.write(CONTRIBUTOR, NOON + timedelta(hours=1))
    await world.send_back(PUBLISHER, other.post.id, "Use the square photo")
    types = [e.type for e in world.store.rows["events"].values()]
    assert types == [
        EventType.PUBLICATION_AWAITING_APPROVAL,
        EventType.PUBLICATION_APPROVED,
        EventType.PUBLICATION_AWAITING_APPROVAL,
        EventType.PUBLICATION_RETURNED,
    ]
    returned = list(world.store.rows["events"].values())[-1]
    assert returned.data["comment"] == "Use the square photo"
    # The post's owner, for a person's own channels.
    assert returned.owner_id == CONTRIBUTOR.user_id


async def test_a_facebook_token_is_told_a_week_before_it_expires_once(world: Harness) -> None:
    async with world.uow() as uow:
        credential = Credential(
            Platform.INSTAGRAM,
            "1784",
            world.box.seal("EAAG"),
            world.clock.now(),
            owner_id=3,
            expires_at=world.clock.now() + timedelta(days=6),
            environment=InstagramLogin.FACEBOOK.value,
        )
        await uow.credentials.add(credential)
        await uow.commit()
    for _ in range(3):
        await world.refresh_instagram_tokens().execute()
        world.clock.advance(timedelta(hours=1))
    (expiring,) = events(world, EventType.ACCOUNT_TOKEN_EXPIRING)
    assert expiring.owner_id == 3
    assert expiring.data["expires_at"] == "2026-12-07T11:55:00Z"


async def test_a_draft_scheduled_by_an_edit_records_post_scheduled() -> None:
    world = ApprovalWorld(approval_required=True)
    await world.connect()
    draft = await world.write(PUBLISHER, NOON, draft=True)
    assert draft.post.id is not None
    assert list(world.store.rows["events"].values()) == []  # a draft tells nobody
    await world.change(PUBLISHER, draft.post.id, draft=False)
    (scheduled,) = world.store.rows["events"].values()
    assert scheduled.type is EventType.POST_SCHEDULED


async def test_a_sync_records_its_counts(world: Harness) -> None:
    async with world.uow() as uow:
        credential = Credential(
            Platform.INSTAGRAM, "1784", world.box.seal("EAAG"), world.clock.now(), owner_id=4
        )
        await uow.credentials.add(credential)
        await uow.commit()
    report = await world.sync().execute(SYSTEM, credential.id)
    (done,) = events(world, EventType.SYNC_COMPLETED)
    assert done.data["seen"] == report.seen and done.owner_id == 4
