"""Pinterest shares the publishing step: its rate limits are waited out and never fail a pin,
and a wait never reopens a pin that Pinterest may already have made."""

from datetime import timedelta

import pytest

from autopost.application.ports.platform_errors import OutcomeUnknown, RateLimited
from autopost.domain.errors import InvalidTransition
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from tests.fakes import AfterWork
from tests.harness import NOON, Harness, pinterest_world


@pytest.fixture
def world() -> Harness:
    return pinterest_world()


def the_publication(world: Harness) -> ScheduledPublication:
    (publication,) = world.store.rows["publications"].values()
    return publication  # type: ignore[no-any-return]


def limited(wait: timedelta) -> RateLimited:
    return RateLimited("Pinterest is limiting requests: Too many requests", wait)


async def test_pinterests_rate_limit_delays_a_pin_as_long_as_it_says_and_never_fails_it(
    world: Harness,
) -> None:
    await world.connect_pinterest()
    await world.schedule_pin(at=NOON, title="t")
    world.pinterest.script["create_pin"] = [limited(timedelta(minutes=45)) for _ in range(4)]
    await world.run_until(NOON + timedelta(hours=2, minutes=59))
    waiting = the_publication(world)
    assert waiting.status is PublicationStatus.PROCESSING, waiting.error
    assert waiting.next_run_at == NOON + timedelta(hours=3)
    assert "Trying again at 2026-12-01T15:00:00+00:00." in (waiting.error or "")
    await world.run_until(NOON + timedelta(hours=3))
    published = the_publication(world)
    assert published.status is PublicationStatus.PUBLISHED, published.error
    assert len(world.pinterest.created) == 1


async def test_a_rate_limit_after_a_lost_answer_keeps_the_pin_from_being_changed_or_made_twice(
    world: Harness,
) -> None:
    await world.connect_pinterest()
    view = await world.schedule_pin(at=NOON, title="t")
    world.pinterest.script["create_pin"] = [AfterWork(OutcomeUnknown("Pinterest did not answer"))]
    world.pinterest.script["board_pins"] = [limited(timedelta(minutes=10))]
    await world.run_until(NOON + timedelta(minutes=1))
    waiting = the_publication(world)
    assert waiting.status is PublicationStatus.PROCESSING, "the pin may be on Pinterest already"
    assert waiting.next_run_at > NOON + timedelta(minutes=5)
    assert view.post.id is not None
    with pytest.raises(InvalidTransition):
        await world.edit(view.post.id, title="changed while waiting")
    await world.run_until(NOON + timedelta(minutes=15))
    published = the_publication(world)
    assert published.status is PublicationStatus.PUBLISHED
    assert len(world.pinterest.created) == 1
