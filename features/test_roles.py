"""Steps of roles.feature: the real use cases, acting as people in each role."""

from __future__ import annotations

import itertools

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from autopost.application.access import Actor
from autopost.application.posting.views import PostView
from autopost.domain.access import Role
from autopost.domain.errors import PermissionDenied
from autopost.domain.publication import PublicationStatus
from features.conftest import Scenario, at, run

scenarios("roles.feature")

ROLES = {role.value[:-1]: role for role in Role}  # "Observer" -> Role.OBSERVERS


class People:
    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.posts: dict[str, PostView] = {}
        self._ids = itertools.count(101)


@pytest.fixture
def people() -> People:
    return People()


def acting_as(scenario: Scenario, people: People, name: str) -> None:
    scenario.world.actor = people.actors[name]


def attempt(scenario: Scenario, action: object) -> None:
    try:
        run(action)  # type: ignore[arg-type]
    except PermissionDenied as refused:
        scenario.refusal = refused


@given(parsers.parse("{name} is an {role}"))
@given(parsers.parse("{name} is a {role}"))
def in_role(people: People, name: str, role: str) -> None:
    people.actors[name] = Actor.of(next(people._ids), [ROLES[role]], False, name.lower())


@given(parsers.parse("{name} has scheduled a photo for {time}"))
def has_scheduled(scenario: Scenario, people: People, name: str, time: str) -> None:
    acting_as(scenario, people, name)
    people.posts[name] = run(scenario.world.schedule(at=at(time), token=None))


@when(parsers.parse("{name} schedules a photo for {time} sending a new token for the account"))
def schedules_with_token(scenario: Scenario, people: People, name: str, time: str) -> None:
    acting_as(scenario, people, name)
    attempt(scenario, scenario.world.schedule(at=at(time), token="EAAG-a-new-token"))


@when(parsers.re(r"(?P<name>\w+) schedules a photo for (?P<time>\d{1,2}:\d{2})$"))
def schedules(scenario: Scenario, people: People, name: str, time: str) -> None:
    acting_as(scenario, people, name)
    try:
        people.posts[name] = run(scenario.world.schedule(at=at(time), token=None))
    except PermissionDenied as refused:
        scenario.refusal = refused


@when(parsers.parse('{name} changes the caption of his post to "{caption}"'))
def changes_caption(scenario: Scenario, people: People, name: str, caption: str) -> None:
    acting_as(scenario, people, name)
    run(scenario.world.edit(people.posts[name].post.id, caption=caption))  # type: ignore[arg-type]
    people.posts[name] = run(scenario.world.get(people.posts[name].post.id))  # type: ignore[arg-type]


@when(parsers.parse("{name} cancels {owner}'s post"))
def cancels(scenario: Scenario, people: People, name: str, owner: str) -> None:
    acting_as(scenario, people, name)
    attempt(scenario, scenario.world.cancel(people.posts[owner].post.id))  # type: ignore[arg-type]


@then("she is refused")
@then("he is refused")
def refused(scenario: Scenario) -> None:
    assert isinstance(scenario.refusal, PermissionDenied)


@then("no post is scheduled")
def nothing_scheduled(scenario: Scenario) -> None:
    assert scenario.world.store.rows["posts"] == {}


@then(parsers.parse('the post\'s caption is "{caption}"'))
def caption_is(people: People, caption: str) -> None:
    (view,) = people.posts.values()
    assert view.post.content.caption == caption


@then(parsers.parse("{owner}'s post is still scheduled"))
def still_scheduled(scenario: Scenario, people: People, owner: str) -> None:
    view = run(scenario.world.get(people.posts[owner].post.id))  # type: ignore[arg-type]
    assert view.publication.status is PublicationStatus.SCHEDULED


@then(parsers.parse("{owner}'s post is cancelled"))
def is_cancelled(scenario: Scenario, people: People, owner: str) -> None:
    view = run(scenario.world.get(people.posts[owner].post.id))  # type: ignore[arg-type]
    assert view.publication.status is PublicationStatus.CANCELLED
