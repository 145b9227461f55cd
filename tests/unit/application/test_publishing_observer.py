"""What publishing tells the operators' metrics: each step's end, once, after its commit."""

from datetime import timedelta

import pytest

from autopost.application.ports.instagram_gateway import PublishingQuota
from autopost.application.ports.platform_errors import PermanentPlatformError, PlatformBusy
from tests.harness import NOON, Harness


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


async def test_a_published_post_reports_its_lateness_after_its_date_pub(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON - timedelta(seconds=1))
    world.clock.set(NOON + timedelta(milliseconds=250))
    await world.deliver_due()
    *preparing, last = world.observer.reports
    assert [r.outcome for r in preparing] == ["ready"]
    assert (last.platform, last.outcome, last.status) == ("instagram", "published", "published")
    assert last.lateness_seconds == pytest.approx(0.25)
    assert preparing[0].lateness_seconds is None
    assert view.post.id is not None
    assert {post_id for _, post_id in world.observer.at_work} == {view.post.id}


async def test_a_refused_post_reports_its_failure(world: Harness) -> None:
    await world.schedule(at=NOON)
    world.gateway.script["create_container"] = [PermanentPlatformError("bad media")]
    await world.run_until(NOON)
    (report,) = world.observer.reports
    assert (report.outcome, report.status, report.lateness_seconds) == ("failed", "failed", None)


async def test_a_rate_limit_reports_how_long_it_makes_the_post_wait(world: Harness) -> None:
    await world.schedule(at=NOON)
    world.gateway.script["publishing_quota"] = [PlatformBusy("slow", timedelta(seconds=30))]
    await world.run_until(world.clock.now())
    (report,) = world.observer.reports
    assert (report.outcome, report.status) == ("rate_limited", "scheduled")
    assert report.wait_seconds == pytest.approx(30)


async def test_a_spent_quota_reports_a_quota_deferral(world: Harness) -> None:
    await world.schedule(at=NOON)
    world.gateway.quota = PublishingQuota(used=100, total=100)
    await world.run_until(NOON)
    assert [r.outcome for r in world.observer.reports] == ["quota"]


async def test_a_duplicate_message_reports_nothing_more(world: Harness) -> None:
    await world.schedule(at=NOON)
    await world.run_until(NOON)
    reported = list(world.observer.reports)
    await world.deliver_due()
    await world.run_until(NOON + timedelta(seconds=5))
    assert world.observer.reports == reported
