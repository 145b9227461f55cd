from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from standardwebhooks import Webhook
from tests.webhook_world import WebhookWorld

from autopost.application.ports.platform_errors import CredentialRejected
from autopost.application.webhooks.endpoints import CreatedWebhook
from features.conftest import Scenario, at, run

scenarios("webhooks.feature")


class Hooks:
    def __init__(self, scenario: Scenario) -> None:
        self.world = WebhookWorld(scenario.world)
        self.created: CreatedWebhook | None = None
        self.post_ids: list[int] = []

    def received(self, event_type: str) -> list[dict]:  # type: ignore[type-arg]
        return [p for p in self.world.received() if p["type"] == event_type]


@pytest.fixture
def hooks(scenario: Scenario) -> Hooks:
    return Hooks(scenario)


@given(parsers.parse('the team\'s webhook wants "{first}" and "{second}"'))
def webhook_wants_two(hooks: Hooks, first: str, second: str) -> None:
    hooks.created = run(hooks.world.register([first, second]))


@given(parsers.re(r'the team\'s webhook wants "(?P<wanted>[a-z_.]+)"$'))
def webhook_wants(hooks: Hooks, wanted: str) -> None:
    hooks.created = run(hooks.world.register([wanted]))


@given("the team's webhook wants every event")
def webhook_wants_all(hooks: Hooks) -> None:
    hooks.created = run(hooks.world.register([]))


@given("the team's webhook is down")
def webhook_down(hooks: Hooks) -> None:
    hooks.world.receiver.down = True


@when("the team's webhook is back")
def webhook_back(hooks: Hooks) -> None:
    hooks.world.receiver.down = False


@given(parsers.parse("photo posts scheduled for {first}, {second} and {third}"))
def three_posts(scenario: Scenario, hooks: Hooks, first: str, second: str, third: str) -> None:
    for time in (first, second, third):
        view = run(scenario.world.schedule(at=at(time), token=None))
        assert view.post.id is not None
        hooks.post_ids.append(view.post.id)


@given("Instagram refuses the account's token for each of them")
def token_refused_each_time(scenario: Scenario, hooks: Hooks) -> None:
    scenario.world.gateway.script["publishing_quota"] = [
        CredentialRejected("Instagram rejected the access token (expired or revoked).")
        for _ in hooks.post_ids
    ]


@when("the webhooks are delivered")
def delivered(hooks: Hooks) -> None:
    run(hooks.world.pump())


@when(parsers.parse("the clock reaches {time} while the webhooks are delivered"))
def clock_reaches_delivering(scenario: Scenario, hooks: Hooks, time: str) -> None:
    end = at(time)

    async def live() -> None:
        while scenario.world.clock.now() < end:
            step = min(end, scenario.world.clock.now() + timedelta(seconds=30))
            await scenario.world.run_until(step)
            await hooks.world.pump()

    run(live())


@then(
    parsers.parse(
        'the team\'s webhook received "{event_type}" for the post, signed with its secret'
    )
)
def received_signed(scenario: Scenario, hooks: Hooks, event_type: str) -> None:
    assert hooks.created is not None
    (got,) = hooks.world.receiver.got
    # Signed again by the standardwebhooks library, at the time the delivery says (the
    # scenario's clock is not today's, which the library's verify() would hold against it).
    sent_at = datetime.fromtimestamp(int(got.headers["webhook-timestamp"]), UTC)
    expected = Webhook(hooks.created.secret).sign(got.headers["webhook-id"], sent_at, got.body)
    assert got.headers["webhook-signature"] == expected
    (event,) = hooks.received(event_type)
    assert event["data"]["post_id"] == scenario.post_id


@then(parsers.parse('the event says why: "{reason}", and what to do about it'))
def says_why(hooks: Hooks, reason: str) -> None:
    (event,) = hooks.received("publication.failed")
    assert reason in event["data"]["reason"]
    assert event["data"]["advice"]


@then(parsers.parse('the team\'s webhook received "{event_type}" {count:d} times'))
def received_times(hooks: Hooks, event_type: str, count: int) -> None:
    assert len(hooks.received(event_type)) == count


@then(parsers.parse('the team\'s webhook received "{event_type}" once'))
def received_once(hooks: Hooks, event_type: str) -> None:
    assert len(hooks.received(event_type)) == 1


@then(parsers.parse('the team\'s webhook received "{first}" then "{second}" for each post'))
def received_in_order(hooks: Hooks, first: str, second: str) -> None:
    by_post: dict[int, list[str]] = {}
    for payload in hooks.world.received():
        by_post.setdefault(payload["data"]["post_id"], []).append(payload["type"])
    assert by_post == {post_id: [first, second] for post_id in hooks.post_ids}
