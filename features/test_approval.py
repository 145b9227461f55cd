"""Steps of approval.feature: the real use cases over the in-memory fakes, acting as a
Contributor and a Publisher."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.approval_world import ApprovalWorld

from autopost.application.access import Actor
from autopost.application.policy import PostingPolicy
from autopost.application.posting.views import PostView
from autopost.domain.access import Role
from autopost.domain.errors import PermissionDenied
from autopost.domain.publication import PublicationStatus
from features.conftest import Scenario, at, run

scenarios("approval.feature")

ROLES = {role.value[:-1]: role for role in Role}  # "Contributor" -> Role.CONTRIBUTORS


class Desk(Scenario):
    """The scenario's world, with its people by name."""

    def __init__(self) -> None:
        super().__init__()
        self.world: ApprovalWorld = ApprovalWorld(approval_required=False)
        self.people: dict[str, Actor] = {}

    def person(self, name: str) -> Actor:
        return self.people[name]

    def attempt(self, action: Coroutine[Any, Any, PostView]) -> None:
        try:
            self.view = run(action)
        except PermissionDenied as refused:
            self.refusal = refused


@pytest.fixture
def scenario() -> Desk:
    return Desk()


@given("an Instagram account whose Contributors' posts need approval")
def account_needing_approval(scenario: Desk) -> None:
    run(scenario.world.connect(requires_approval=True))


@given(parsers.parse("{name} is a {role}"))
def in_role(scenario: Desk, name: str, role: str) -> None:
    user_id = len(scenario.people) + 101
    scenario.people[name] = Actor.of(user_id, [ROLES[role]], False, name.lower())


@given("approval is required for every account")
def approval_everywhere(scenario: Desk) -> None:
    scenario.world.posting_policy = PostingPolicy(approval_required=True)


@given(parsers.parse("{name} no longer requires approval on the account"))
def no_approval_on_account(scenario: Desk, name: str) -> None:
    run(scenario.world.require_approval(scenario.person(name), False))


@given(parsers.parse("{name} has saved a photo as a draft for {time}"))
def saved_draft_for(scenario: Desk, name: str, time: str) -> None:
    scenario.view = run(scenario.world.write(scenario.person(name), at(time), draft=True))


@given(parsers.parse("{name} has saved a photo as a draft without a time"))
def saved_draft(scenario: Desk, name: str) -> None:
    scenario.view = run(scenario.world.write(scenario.person(name), "now", draft=True))


@given(parsers.parse("{name} has scheduled a photo for {time}"))
@when(parsers.parse("{name} schedules a photo for {time}"))
def schedules(scenario: Desk, name: str, time: str) -> None:
    scenario.view = run(scenario.world.write(scenario.person(name), at(time)))


@when(parsers.re(r"(?P<name>\w+) schedules the draft for (?P<time>[\d:]+)$"))
def schedules_draft_for(scenario: Desk, name: str, time: str) -> None:
    world = scenario.world
    scenario.view = run(world.schedule_draft(scenario.person(name), scenario.post_id, at(time)))


@when(parsers.re(r"(?P<name>\w+) schedules the draft$"))
def schedules_draft(scenario: Desk, name: str) -> None:
    scenario.view = run(scenario.world.schedule_draft(scenario.person(name), scenario.post_id))


@given(parsers.parse("{name} has approved the post"))
@when(parsers.parse("{name} approves the post"))
def approves(scenario: Desk, name: str) -> None:
    scenario.attempt(scenario.world.approve(scenario.person(name), scenario.post_id))


@given(parsers.parse('{name} has sent the post back saying "{comment}"'))
@when(parsers.parse('{name} sends the post back saying "{comment}"'))
def sends_back(scenario: Desk, name: str, comment: str) -> None:
    world = scenario.world
    scenario.view = run(world.send_back(scenario.person(name), scenario.post_id, comment))


@when(parsers.parse('{name} changes the caption to "{caption}"'))
def changes_caption(scenario: Desk, name: str, caption: str) -> None:
    world = scenario.world
    scenario.view = run(world.change(scenario.person(name), scenario.post_id, caption=caption))


@then("he is refused")
def refused(scenario: Desk) -> None:
    assert isinstance(scenario.refusal, PermissionDenied)


@then("the post is a draft")
def is_draft(scenario: Desk) -> None:
    assert scenario.current().publication.status is PublicationStatus.DRAFT


@then("the post is awaiting approval")
def is_awaiting(scenario: Desk) -> None:
    assert scenario.current().publication.status is PublicationStatus.AWAITING_APPROVAL


@then(parsers.parse('the post is returned with the comment "{comment}"'))
def is_returned(scenario: Desk, comment: str) -> None:
    publication = scenario.current().publication
    assert publication.status is PublicationStatus.RETURNED
    assert publication.review_comment == comment


@then("the audit log of the post reads:")
def audit_reads(scenario: Desk, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    assert header == ["who", "what"]
    assert scenario.world.audit_of(scenario.post_id) == [tuple(row) for row in rows]
