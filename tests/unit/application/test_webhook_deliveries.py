"""Events reach each webhook that wants them, signed, retried, in order per post, with the
harness's clock: a receiver down for an hour gets every event afterwards."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook

from autopost.application.access import Actor
from autopost.domain.access import Role
from autopost.domain.errors import PermissionDenied, ValidationFailed
from autopost.domain.events import EventType
from autopost.domain.webhooks import DeliveryStatus
from tests.harness import NOON
from tests.webhook_world import PUBLISHER, WebhookWorld

pytestmark = pytest.mark.unit


@pytest.fixture
def hooks() -> WebhookWorld:
    hooks = WebhookWorld()
    hooks.world.clock.set(NOON - timedelta(minutes=5))
    return hooks


async def test_a_delivery_is_signed_so_that_the_library_verifies_it(hooks: WebhookWorld) -> None:
    # The library refuses a timestamp more than 5 minutes from its own clock: now, here.
    hooks.clock.set(datetime.now(UTC))
    created = await hooks.register()
    await hooks.world.schedule(at=hooks.clock.now() + timedelta(minutes=5))
    await hooks.pump()
    (got,) = hooks.receiver.got
    payload = Webhook(created.secret).verify(got.body, dict(got.headers))
    assert payload["type"] == "post.scheduled"
    (event,) = hooks.events()
    assert got.headers["webhook-id"] == event.id
    # The secret is sealed at rest and never in the endpoint's fields.
    (stored,) = hooks.world.store.rows["webhooks"].values()
    assert created.secret not in json.dumps(stored.__dict__, default=str)


async def test_an_endpoint_gets_only_the_events_it_wants(hooks: WebhookWorld) -> None:
    await hooks.register(["publication.published"])
    await hooks.world.schedule(at=NOON)
    await hooks.world.run_until(NOON + timedelta(seconds=5))
    await hooks.pump()
    assert [r["type"] for r in hooks.received()] == ["publication.published"]


async def test_a_receiver_down_for_an_hour_gets_every_event_afterwards_in_order_per_post(
    hooks: WebhookWorld,
) -> None:
    await hooks.register()
    hooks.receiver.down = True
    first = await hooks.world.schedule(at=NOON)
    second = await hooks.world.schedule(at=NOON + timedelta(minutes=1))
    up_at = hooks.clock.now() + timedelta(hours=1)
    while hooks.clock.now() < up_at + timedelta(hours=3):
        await hooks.world.run_until(hooks.clock.now() + timedelta(seconds=30))
        hooks.receiver.down = hooks.clock.now() < up_at
        await hooks.pump()
    got = hooks.received()
    by_post: dict[int, list[str]] = {}
    for payload in got:
        by_post.setdefault(payload["data"]["post_id"], []).append(payload["type"])
    expected = ["post.scheduled", "publication.published"]
    assert by_post == {first.post.id: expected, second.post.id: expected}
    assert all(d.status is DeliveryStatus.DELIVERED for d in hooks.deliveries())
    assert hooks.receiver.tries > len(got)  # it was tried while down


async def test_a_later_event_of_a_post_waits_while_an_earlier_one_is_retried(
    hooks: WebhookWorld,
) -> None:
    await hooks.register()
    view = await hooks.world.schedule(at=NOON)
    hooks.receiver.status = 503
    await hooks.pump()  # post.scheduled fails, to be tried again in 5 s
    await hooks.world.run_until(NOON + timedelta(seconds=1))  # published meanwhile
    await hooks.pump()
    # post.scheduled tried again, publication.published not tried: it waits behind it.
    assert hooks.receiver.tries == 2
    scheduled, published = sorted(hooks.deliveries(), key=lambda d: d.sequence)
    assert published.attempts == 0
    hooks.receiver.status = 200
    assert scheduled.next_try_at is not None
    hooks.clock.set(scheduled.next_try_at)
    await hooks.pump()
    assert [r["type"] for r in hooks.received()] == ["post.scheduled", "publication.published"]
    assert {r["data"]["post_id"] for r in hooks.received()} == {view.post.id}


async def test_an_endpoint_failing_for_five_days_is_disabled_and_its_owner_told(
    hooks: WebhookWorld,
) -> None:
    created = await hooks.register()
    hooks.receiver.status = 500
    await hooks.world.schedule(at=NOON)
    await hooks.pump()
    hooks.clock.advance(timedelta(days=4))
    await hooks.world.schedule(at=hooks.clock.now() + timedelta(days=1))
    await hooks.pump()
    (endpoint,) = hooks.world.store.rows["webhooks"].values()
    assert endpoint.enabled  # failing for 4 days only
    hooks.clock.advance(timedelta(days=1))
    await hooks.world.schedule(at=hooks.clock.now() + timedelta(days=1))
    await hooks.pump()
    (endpoint,) = hooks.world.store.rows["webhooks"].values()
    assert not endpoint.enabled
    (disabled,) = hooks.of_type(EventType.WEBHOOK_DISABLED)
    assert disabled.owner_id == PUBLISHER.user_id
    assert disabled.data["webhook_id"] == created.endpoint.id
    assert any(e.action == "disabled" for e in hooks.world.store.rows["audit"].values())


async def test_a_delivery_sent_again_by_hand_reaches_the_receiver_again(
    hooks: WebhookWorld,
) -> None:
    created = await hooks.register()
    await hooks.world.schedule(at=NOON)
    await hooks.pump()
    (delivery,) = hooks.deliveries()
    assert created.endpoint.id is not None and delivery.id is not None
    again = await hooks.resend(created.endpoint.id, delivery.id)
    await hooks.pump()
    assert again.id != delivery.id
    assert [r["type"] for r in hooks.received()] == ["post.scheduled", "post.scheduled"]
    ids = {r.headers["webhook-id"] for r in hooks.receiver.got}
    assert len(ids) == 1  # the same event: a receiver may deduplicate it


async def test_a_disabled_endpoint_gets_what_waited_once_enabled_again(
    hooks: WebhookWorld,
) -> None:
    created = await hooks.register()
    assert created.endpoint.id is not None
    hooks.receiver.status = 500
    await hooks.world.schedule(at=NOON)
    await hooks.pump()
    await hooks.set_enabled(created.endpoint.id, False)
    hooks.receiver.status = 200
    hooks.clock.advance(timedelta(minutes=1))
    await hooks.pump()
    assert hooks.received() == []
    await hooks.set_enabled(created.endpoint.id, True)
    await hooks.pump()
    assert [r["type"] for r in hooks.received()] == ["post.scheduled"]


@pytest.mark.parametrize("role", [Role.CONTRIBUTORS, Role.OBSERVERS])
async def test_only_publishers_and_administrators_register_webhooks(
    hooks: WebhookWorld, role: Role
) -> None:
    from autopost.application.webhooks.endpoints import CreateWebhook

    use_case = CreateWebhook(*hooks._args())
    with pytest.raises(PermissionDenied):
        await use_case.execute(Actor(5, frozenset({role})), "https://h.example.com/", [])


async def test_a_url_resolving_to_a_private_address_is_refused_at_registration(
    hooks: WebhookWorld,
) -> None:
    import ipaddress

    hooks.resolver.names["inside.example.com"] = [ipaddress.ip_address("10.0.0.5")]
    with pytest.raises(ValidationFailed) as refused:
        await hooks.register(url="https://inside.example.com/hook")
    assert "10.0.0.5" in str(refused.value.errors["url"])
    with pytest.raises(ValidationFailed):
        await hooks.register(["post.cancelled"])


async def test_a_relay_hands_on_with_its_events_the_others_waiting(hooks: WebhookWorld) -> None:
    # A burst of posts records an event per commit, and a message per commit names it: the
    # first message hands them all on, and the others find nothing left to do.
    await hooks.register()
    for minute in range(3):
        await hooks.world.schedule(at=NOON + timedelta(minutes=minute))
    first, *others = [event.id for event in hooks.events()]
    assert await hooks.relay().execute([first]) == 3
    assert len(hooks.queue.sent) == 3, "a delivery each"
    for event_id in others:
        assert await hooks.relay().execute([event_id]) == 0
    assert len(hooks.queue.sent) == 3, "none twice"
