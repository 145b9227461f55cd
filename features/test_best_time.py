from __future__ import annotations

from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from autopost.application.access import SYSTEM
from autopost.application.posting.best_times import ReadBestTimes
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.views import PostView
from autopost.domain.errors import DomainError
from autopost.domain.insights import AccountInsights
from autopost.domain.post import ContentType, InstagramContent
from features.conftest import Scenario, at, run

scenarios("best_time.feature")


def _account(scenario: Scenario) -> int:
    async def find() -> int:
        async with scenario.world.uow() as uow:
            (credential,) = await uow.credentials.list()
        assert credential.id is not None
        return credential.id

    return run(find())


@given(
    parsers.parse("for the past week most of the account's followers were online at {hour:d}:00")
)
def followers_online(scenario: Scenario, hour: int) -> None:
    world, credential_id = scenario.world, _account(scenario)

    async def keep() -> None:
        async with world.uow() as uow:
            for back in range(1, 8):
                day = (world.clock.now() - timedelta(days=back)).date()
                hours = tuple(900 if h == hour else 100 for h in range(24))
                row = AccountInsights(credential_id, day, world.clock.now(), 5000, hours)
                await uow.insights.save_account(row)
            await uow.commit()

    run(keep())


@then(parsers.parse("the best time to post is {time}"))
def best_time_is(scenario: Scenario, time: str) -> None:
    read = ReadBestTimes(scenario.world.uow(), scenario.world.clock)
    best = run(read.execute(SYSTEM, _account(scenario), "UTC"))
    assert best.suggested == at(time)


@pytest.fixture
def scheduled() -> list[PostView]:
    """The posts that asked for the best time, in turn."""
    return []


def _ask(scenario: Scenario, scheduled: list[PostView]) -> None:
    command = SchedulePost(
        content=InstagramContent(
            content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg", caption="Hi"
        ),
        credential_id=_account(scenario),
        best_time=True,
    )
    try:
        view = run(scenario.world.schedule_command(command))
    except DomainError as refused:
        scenario.refusal = refused
        return
    scheduled.append(view)


@when("a photo post asks for the best time to post")
def post_asks(scenario: Scenario, scheduled: list[PostView]) -> None:
    _ask(scenario, scheduled)


@when("another photo post asks for the best time to post")
def another_post_asks(scenario: Scenario, scheduled: list[PostView]) -> None:
    _ask(scenario, scheduled)


@then(parsers.parse("the first is scheduled for {first} and the second for {second}"))
def scheduled_for(scheduled: list[PostView], first: str, second: str) -> None:
    one, two = scheduled
    assert (one.publication.publish_at, two.publication.publish_at) == (at(first), at(second))
