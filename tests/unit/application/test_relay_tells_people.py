"""The relay hands each recorded event to the people's channels (Telegram and e-mail) as well
as to the webhooks: first to the people, before the event is marked handed on, so that a relay
that dies in between tells them again (and their side makes one message per event)."""

from datetime import timedelta

import pytest

from autopost.application.ports.platform_errors import PermanentPlatformError
from autopost.application.webhooks.relay import RelayEvents
from autopost.domain.events import Event
from tests.harness import NOON
from tests.webhook_world import WebhookWorld


class Told:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.down = False

    async def __call__(self, event: Event) -> int:
        if self.down:
            raise ConnectionError("the notifications' store is away")
        self.events.append(event)
        return 1


@pytest.fixture
async def hooks() -> WebhookWorld:
    hooks = WebhookWorld()
    hooks.world.clock.set(NOON - timedelta(minutes=10))
    await hooks.world.schedule(at=NOON)
    hooks.world.gateway.outage = [PermanentPlatformError("The image is too small.")]
    await hooks.world.run_until(NOON + timedelta(minutes=1))
    return hooks


def relay(hooks: WebhookWorld, told: Told) -> RelayEvents:
    world = hooks.world
    return RelayEvents(world.uow(), hooks.queue, world.clock, hooks.policy, told)


async def test_every_event_is_told_to_the_people_once_handed_on(hooks: WebhookWorld) -> None:
    told = Told()
    assert await relay(hooks, told).execute() == 2
    assert [e.type for e in told.events] == ["post.scheduled", "publication.failed"]
    assert await relay(hooks, told).execute() == 0
    assert len(told.events) == 2, "an event handed on is not told again"


async def test_an_event_the_people_were_not_told_of_is_not_marked_and_is_told_next_time(
    hooks: WebhookWorld,
) -> None:
    told = Told()
    told.down = True
    with pytest.raises(ConnectionError):
        await relay(hooks, told).execute()
    told.down = False
    assert await relay(hooks, told).execute() == 2, "still to hand on"
    assert [e.type for e in told.events] == ["post.scheduled", "publication.failed"]
