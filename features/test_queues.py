from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.queue_harness import Queues

from autopost.application.access import Actor
from autopost.application.posting.errors import NoPostingSlots
from autopost.application.posting.queue import QueueView
from autopost.domain.access import Role
from autopost.domain.errors import DomainError, PermissionDenied
from autopost.domain.platform import Platform
from features.conftest import Scenario, run

scenarios("queues.feature")

ACCOUNT = "17841400000000001"
CONTRIBUTOR = Actor(77, frozenset({Role.CONTRIBUTORS}), False, "cora")
_DAYS = {
    "Monday to Friday": ("mon", "tue", "wed", "thu", "fri"),
    "Sunday": ("sun",),
}


class Queued:
    """The account, and the posts the scenario put in its queue, by name."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.queues = Queues(scenario.world)
        self.zone = "UTC"
        self.named: dict[str, int] = {}
        self.first_order: list[int] = []

    @property
    def account(self) -> int:
        async def find() -> int:
            async with self.scenario.world.uow() as uow:
                credential = await uow.credentials.find(Platform.INSTAGRAM, ACCOUNT)
            assert credential is not None and credential.id is not None
            return credential.id

        return run(find())

    def name_of(self, post_id: int) -> str:
        return next(name for name, known in self.named.items() if known == post_id)

    def queue(self) -> QueueView:
        return run(self.queues.queue(self.account))


@pytest.fixture
def queued(scenario: Scenario) -> Queued:
    return Queued(scenario)


def moment(text: str, zone: str) -> datetime:
    """'Thursday 26 March 2026, 12:00' on the wall clock of ``zone``."""
    naive = datetime.strptime(text, "%A %d %B %Y, %H:%M")
    return naive.replace(tzinfo=ZoneInfo(zone))


def on_the_wall(when: datetime, zone: str) -> str:
    return f"{when.astimezone(ZoneInfo(zone)):%A} at {when.astimezone(ZoneInfo(zone)):%H:%M %Z}"


@given(parsers.parse("its posting slots are {days} at {times} in {zone}"))
def posting_slots(queued: Queued, days: str, times: str, zone: str) -> None:
    hours = re.findall(r"\d\d:\d\d", times)
    slots = [(day, at) for day in _DAYS[days] for at in hours]
    queued.zone = zone
    run(queued.queues.set_slots(queued.account, zone, slots))


@given("the account's posting slots are cleared")
def slots_cleared(queued: Queued) -> None:
    run(queued.queues.set_slots(queued.account, queued.zone, []))


@given(parsers.parse("the time is {text} in {zone}"))
def the_time_is(scenario: Scenario, text: str, zone: str) -> None:
    scenario.world.clock.set(moment(text, zone))


@given(parsers.parse("a post scheduled for {text} in {zone}"))
def post_at(scenario: Scenario, queued: Queued, text: str, zone: str) -> None:
    run(queued.queues.schedule_at(queued.account, moment(text, zone)))


@given(
    parsers.parse(
        "{count:d} posts scheduled on {day} from {start} in {zone}, {minutes:d} minutes apart"
    )
)
def many_posts(queued: Queued, count: int, day: str, start: str, zone: str, minutes: int) -> None:
    first = moment(f"{day}, {start}", zone)
    for n in range(count):
        run(queued.queues.schedule_at(queued.account, first + timedelta(minutes=minutes * n)))


def _put_in_queue(scenario: Scenario, queued: Queued, name: str | None = None) -> None:
    try:
        scenario.view = run(queued.queues.queue_post(queued.account, caption=name or "Queued"))
    except DomainError as refused:
        scenario.refusal = refused
        return
    if name is not None:
        assert scenario.view.post.id is not None
        queued.named[name] = scenario.view.post.id


@when("a post is put in the queue")
def put_in_queue(scenario: Scenario, queued: Queued) -> None:
    _put_in_queue(scenario, queued)


@when(parsers.parse("{count:d} posts are put in the queue"))
def many_in_queue(scenario: Scenario, queued: Queued, count: int) -> None:
    for _ in range(count):
        _put_in_queue(scenario, queued)


@given(parsers.re(r"the posts (?P<names>.+) are put in the queue$"))
def named_in_queue(scenario: Scenario, queued: Queued, names: str) -> None:
    for name in re.findall(r'"([^"]+)"', names):
        _put_in_queue(scenario, queued, name)
    queued.first_order = [p.post_id for p in queued.queue().posts]


@given(parsers.parse('a Contributor put "{name}" in the queue'))
def contributor_queued(queued: Queued, name: str) -> None:
    view = run(queued.queues.queue_post(queued.account, caption=name, actor=CONTRIBUTOR))
    assert view.post.id is not None
    queued.named[name] = view.post.id


def _reorder(scenario: Scenario, queued: Queued, names: str, actor: Actor | None) -> None:
    order = [queued.named[name] for name in re.findall(r'"([^"]+)"', names)]
    try:
        run(queued.queues.reorder(queued.account, order, actor))
    except DomainError as refused:
        scenario.refusal = refused


@when(parsers.re(r"the queue is reordered as (?P<names>.+)$"))
def reordered(scenario: Scenario, queued: Queued, names: str) -> None:
    _reorder(scenario, queued, names, None)


@when(parsers.re(r"the Contributor reorders the queue as (?P<names>.+)$"))
def contributor_reorders(scenario: Scenario, queued: Queued, names: str) -> None:
    _reorder(scenario, queued, names, CONTRIBUTOR)


@when("the queue is shuffled")
def shuffled(queued: Queued) -> None:
    run(queued.queues.shuffle(queued.account))


@when(parsers.parse("the clock reaches {text} in {zone}"))
def clock_reaches_then(scenario: Scenario, text: str, zone: str) -> None:
    run(scenario.world.run_until(moment(text, zone)))


@then(parsers.parse("it is due on {when}"))
def due_on(scenario: Scenario, queued: Queued, when: str) -> None:
    assert scenario.refusal is None, scenario.refusal
    assert scenario.view is not None
    assert on_the_wall(scenario.view.publication.publish_at, queued.zone) == when


@then(parsers.parse("the queue is due on {moments}"))
def queue_due(queued: Queued, moments: str) -> None:
    found = [on_the_wall(p.publish_at, queued.zone) for p in queued.queue().posts]
    assert ", ".join(found) == moments


@then(parsers.re(r"the queue holds (?P<entries>.+)$"))
def queue_holds(queued: Queued, entries: str) -> None:
    found = [
        f'"{queued.name_of(p.post_id)}" on {on_the_wall(p.publish_at, queued.zone)}'
        for p in queued.queue().posts
    ]
    assert ", ".join(found) == entries


@then("the queue is in another order")
def another_order(queued: Queued) -> None:
    now = [p.post_id for p in queued.queue().posts]
    assert sorted(now) == sorted(queued.first_order) and now != queued.first_order


@then("the change is refused as not allowed")
def refused_not_allowed(scenario: Scenario) -> None:
    assert isinstance(scenario.refusal, PermissionDenied), scenario.refusal


@then("it is refused because the account has no posting slots")
def refused_no_slots(scenario: Scenario) -> None:
    assert isinstance(scenario.refusal, NoPostingSlots), scenario.refusal
