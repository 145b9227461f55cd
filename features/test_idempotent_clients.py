"""Clients that retry with an Idempotency-Key, over the real use cases and in-memory fakes.
A client's request goes as the HTTP edge sends it: the key is claimed, the post scheduled,
and the answer kept (or the key freed when the post is refused)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from autopost.application.idempotency import Claimed, CreateRequest, IdempotentCreates
from autopost.domain.errors import DomainError, Refused
from autopost.domain.idempotency import KeyUsedForAnotherRequest, RequestInProgress, StoredAnswer
from features.conftest import Scenario, at, run

scenarios("idempotent_clients.feature")

CLIENT = 1
POSTS = "/api/v1/posts/"


class Client:
    """One signed-in client, sending its creates through the Idempotency-Key use case."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        world = scenario.world
        self.creates = IdempotentCreates(world.uow(), world.clock, "server secret")
        self.last_request: dict[str, Any] | None = None
        self.answers: list[StoredAnswer] = []
        self.refusal: DomainError | None = None

    async def schedule(self, key: str, fields: dict[str, Any]) -> None:
        self.last_request = fields
        request = CreateRequest(CLIENT, key, "POST", POSTS, json.dumps(fields).encode())
        try:
            begun = await self.creates.begin(request)
        except DomainError as refused:
            self.refusal = refused
            return
        if isinstance(begun, StoredAnswer):
            self.answers.append(begun)
            return
        await self._carry_out(begun, fields)

    async def _carry_out(self, claim: Claimed, fields: dict[str, Any]) -> None:
        try:
            view = await self.scenario.world.schedule(
                at=at(fields["time"]), caption=fields["caption"], token=None
            )
        except Refused as refused:
            self.refusal = refused
            await self.creates.finish(claim, StoredAnswer(400, json.dumps({"refused": True})))
            return
        self.scenario.view = view
        answer = StoredAnswer(201, json.dumps({"id": view.post.id, "caption": fields["caption"]}))
        await self.creates.finish(claim, answer)
        self.answers.append(answer)


def client_of(scenario: Scenario) -> Client:
    if not hasattr(scenario, "client"):
        scenario.client = Client(scenario)  # type: ignore[attr-defined]
    return scenario.client  # type: ignore[attr-defined,no-any-return]


def photo(time: str, caption: str = "Hello") -> dict[str, Any]:
    return {"time": time, "caption": caption}


@given(parsers.parse('a client scheduled a photo post for {time} with the key "{key}"'))
@when(parsers.parse('the client schedules a photo post for {time} with the key "{key}"'))
def client_schedules(scenario: Scenario, time: str, key: str) -> None:
    run(client_of(scenario).schedule(key, photo(time, caption=f"Posted at {time}")))


@given(
    parsers.parse(
        'a client scheduled a photo post with {count:d} hashtags for {time} with the key "{key}"'
    )
)
def client_schedules_too_many_hashtags(scenario: Scenario, count: int, time: str, key: str) -> None:
    caption = " ".join(f"#tag{n}" for n in range(count))
    run(client_of(scenario).schedule(key, photo(time, caption)))


@given("the answer was lost on the way back")
def answer_lost() -> None:
    """The client never saw the answer: all it can do is send its request again."""


@given(parsers.parse('a client\'s request with the key "{key}" is still being handled'))
def still_handled(scenario: Scenario, key: str) -> None:
    client = client_of(scenario)
    client.last_request = photo("12:00")
    body = json.dumps(client.last_request).encode()
    begun = run(client.creates.begin(CreateRequest(CLIENT, key, "POST", POSTS, body)))
    assert isinstance(begun, Claimed)


@when(parsers.parse('the client sends the same request again with the key "{key}"'))
def same_again(scenario: Scenario, key: str) -> None:
    client = client_of(scenario)
    assert client.last_request is not None
    run(client.schedule(key, client.last_request))


@when("it is 11:00 the next day")
def next_day(scenario: Scenario) -> None:
    scenario.world.clock.set(at("11:00") + timedelta(days=1))


@given("it was refused")
def was_refused(scenario: Scenario) -> None:
    assert isinstance(client_of(scenario).refusal, Refused)


@then("it gets the first answer again")
def first_answer_again(scenario: Scenario) -> None:
    first, *rest = client_of(scenario).answers
    assert rest == [first]


@then("the post is scheduled")
def post_scheduled(scenario: Scenario) -> None:
    assert client_of(scenario).answers[-1].status == 201
    assert scenario.current().publication.status.value == "scheduled"


@then(parsers.re(r"(?P<count>no|one) post is scheduled"))
@then(parsers.re(r"(?P<count>two) posts are scheduled"))
def posts_scheduled(scenario: Scenario, count: str) -> None:
    expected = {"no": 0, "one": 1, "two": 2}[count]
    assert len(scenario.world.store.rows["posts"]) == expected


@then("it is told the key was used for another request")
def another_request(scenario: Scenario) -> None:
    assert isinstance(client_of(scenario).refusal, KeyUsedForAnotherRequest)


@then("it is told to retry later")
def retry_later(scenario: Scenario) -> None:
    assert isinstance(client_of(scenario).refusal, RequestInProgress)
