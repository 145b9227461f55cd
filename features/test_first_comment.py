from datetime import datetime

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.fakes import AfterWork

from autopost.application.ports.platform_errors import OutcomeUnknown, PermanentPlatformError
from autopost.domain.errors import DomainError, ValidationFailed
from autopost.domain.post import ContentType
from features.conftest import Scenario, at, run

scenarios("first_comment.feature")


@pytest.fixture
def comment_calls(scenario: Scenario) -> list[datetime]:
    """When Instagram was asked to write a comment."""
    world = scenario.world
    called_at: list[datetime] = []

    def before(call: str) -> None:
        world.no_transaction_open(call)
        if call == "add_comment":
            called_at.append(world.clock.now())

    world.media_gateway.before_call = before
    return called_at


def _reel(scenario: Scenario, time: str, first_comment: str) -> None:
    world = scenario.world
    scenario.view = run(
        world.schedule(
            at=at(time),
            token=None,
            content_type=ContentType.REEL,
            url="https://cdn.example.com/clip.mp4",
            first_comment=first_comment,
        )
    )


@given(parsers.parse('a reel scheduled for {time} with the first comment "{text}"'))
def reel_with_comment(
    scenario: Scenario, comment_calls: list[datetime], time: str, text: str
) -> None:
    _reel(scenario, time, text)


@when(parsers.parse("a reel is scheduled for {time} with a first comment of {count:d} hashtags"))
def reel_with_bad_comment(scenario: Scenario, time: str, count: int) -> None:
    try:
        _reel(scenario, time, " ".join(f"#tag{n}" for n in range(count)))
    except DomainError as refused:
        scenario.refusal = refused


@given(parsers.parse('Instagram will refuse the comment as "{reason}"'))
def comment_refused(scenario: Scenario, reason: str) -> None:
    scenario.world.media_gateway.script["add_comment"] = [
        PermanentPlatformError(f"Instagram refused the comment: {reason}.")
    ]


@given("Instagram will write the comment but its answer will be lost")
def comment_answer_lost(scenario: Scenario) -> None:
    scenario.world.media_gateway.script["add_comment"] = [
        AfterWork(OutcomeUnknown("Instagram did not answer in time."))
    ]


def _comments(scenario: Scenario) -> list[str]:
    media_id = scenario.current().publication.remote_id
    assert media_id is not None
    return [c.text for c in scenario.world.media_gateway.comments_of.get(media_id, [])]


@then(parsers.re(r'the reel has the comment "(?P<text>[^"]+)" once$'))
def has_comment_once(scenario: Scenario, text: str) -> None:
    assert _comments(scenario) == [text]
    publication = scenario.current().publication
    assert publication.first_comment_id is not None
    assert publication.first_comment_error is None


@then(parsers.parse('the reel has the comment "{text}" once, written at {time}'))
def has_comment_once_at(
    scenario: Scenario, comment_calls: list[datetime], text: str, time: str
) -> None:
    has_comment_once(scenario, text)
    assert comment_calls == [at(time)]


@then(parsers.parse('its first comment was not written because "{reason}"'))
def comment_not_written(scenario: Scenario, reason: str) -> None:
    publication = scenario.current().publication
    assert publication.error is None
    assert publication.first_comment_id is None
    assert reason in (publication.first_comment_error or ""), publication.first_comment_error
    assert _comments(scenario) == []


@then(parsers.parse('the post is refused because "{reason}"'))
def post_refused(scenario: Scenario, reason: str) -> None:
    assert isinstance(scenario.refusal, ValidationFailed)
    assert scenario.refusal.errors == {"first_comment": [reason]}
    assert scenario.view is None
