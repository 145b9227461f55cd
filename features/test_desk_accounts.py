"""Steps of desk_accounts.feature: what the queue, approval and accounts pages call (the same
use cases, and the pages' own reading of what a person writes), over the in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.approval_world import ApprovalWorld
from tests.harness import ACCOUNT, TOKEN
from tests.queue_harness import Queues

from autopost.adapters.http.pages.account_pages import written_boards
from autopost.adapters.http.pages.queue_pages import moves, written_slots
from autopost.application.access import Actor
from autopost.application.integrations.account_states import ListAccountStates
from autopost.application.integrations.credentials import (
    ConnectAccount,
    RemoveCredential,
    SaveCredential,
)
from autopost.application.pinterest.board_settings import ListStoredBoards, SetDefaultBoard
from autopost.application.pinterest.boards import RefreshBoards
from autopost.application.ports.pinterest_gateway import RemoteBoard
from autopost.application.posting.review_list import ListPostsInReview, ReviewList
from autopost.domain.access import Role
from autopost.domain.account_health import Health
from autopost.domain.board import choose_board
from autopost.domain.errors import Conflict
from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus
from features.conftest import at, run

scenarios("desk_accounts.feature")

ROLES = {role.value[:-1]: role for role in Role}  # "Contributor" -> Role.CONTRIBUTORS


class Desk:
    def __init__(self) -> None:
        self.world = ApprovalWorld(approval_required=False)
        self.people: dict[str, Actor] = {}
        self.post_id = 0
        self.page: ReviewList | None = None
        self.refusal: Exception | None = None
        self.pinterest_id = 0
        self.queues = Queues(self.world)
        self.named: dict[str, int] = {}

    def person(self, name: str) -> Actor:
        return self.people[name]

    def review_page(self, name: str) -> ReviewList:
        return run(ListPostsInReview(self.world.uow(), self.world.clock).execute(self.person(name)))

    def account_state(self) -> Health | None:
        states = run(ListAccountStates(self.world.uow(), self.world.clock).execute(self.admin))
        found = [s for s in states if s.credential.id == self.world.account_id]
        self.health = found[0].health if found else None
        return None if not found else found[0].health.health

    @property
    def admin(self) -> Actor:
        return Actor.of(1, [Role.ADMINISTRATORS], True, "admin")

    def topic_board(self, topic: str) -> str:
        boards = run(ListStoredBoards(self.world.uow()).execute(self.admin, self.pinterest_id))

        async def default() -> str | None:
            async with self.world.uow() as uow:
                credential = await uow.credentials.get(self.pinterest_id)
            assert credential is not None
            return credential.default_board_id

        return choose_board(topic, boards, run(default()))


@pytest.fixture
def desk() -> Desk:
    return Desk()


@given("an Instagram account whose Contributors' posts need approval")
def account_needing_approval(desk: Desk) -> None:
    run(desk.world.connect(requires_approval=True))


@given(parsers.parse("{name} is a {role}"))
def in_role(desk: Desk, name: str, role: str) -> None:
    user_id = len(desk.people) + 101
    desk.people[name] = Actor.of(user_id, [ROLES[role]], False, name.lower())


@given(parsers.parse("{name} has scheduled a photo for {time}"))
def scheduled(desk: Desk, name: str, time: str) -> None:
    view = run(desk.world.write(desk.person(name), at(time)))
    assert view.post.id is not None
    desk.post_id = view.post.id


@when(parsers.parse("{name} opens the approvals page"))
def opens_approvals(desk: Desk, name: str) -> None:
    desk.page = desk.review_page(name)


@then("she sees Carl's post awaiting approval, with the buttons to approve it or send it back")
def sees_to_review(desk: Desk) -> None:
    assert desk.page is not None and desk.page.reviewer
    assert [(v.post.id, v.publication.status) for v in desk.page.posts] == [
        (desk.post_id, PublicationStatus.AWAITING_APPROVAL)
    ]
    assert desk.page.posts[0].post.owner_id == desk.person("Carl").user_id


@when(parsers.parse("{name} approves the post from the page"))
def approves(desk: Desk, name: str) -> None:
    run(desk.world.approve(desk.person(name), desk.post_id))


@then("her approvals page is empty")
def empty_page(desk: Desk) -> None:
    assert desk.review_page("Paula").posts == ()


@then(parsers.parse("the post is published at {time}"))
def published_at(desk: Desk, time: str) -> None:
    run(desk.world.run_until(at(time) + timedelta(minutes=1)))
    assert len(desk.world.gateway.published) == 1
    view = run(desk.world.get(desk.post_id))
    assert view.publication.published_at == at(time)


@when(parsers.parse('{name} sends the post back with the comment "{comment}"'))
def sends_back(desk: Desk, name: str, comment: str) -> None:
    run(desk.world.send_back(desk.person(name), desk.post_id, comment))


@then(parsers.parse('he sees his post returned with the comment "{comment}"'))
def sees_returned(desk: Desk, comment: str) -> None:
    assert desk.page is not None
    [view] = desk.page.posts
    assert view.post.id == desk.post_id
    assert view.publication.status is PublicationStatus.RETURNED
    assert view.publication.review_comment == comment


@then("he has no button to approve it")
def no_approve_button(desk: Desk) -> None:
    assert desk.page is not None and not desk.page.reviewer


@given(parsers.parse('Instagram refused the account\'s token because "{reason}"'))
def token_refused(desk: Desk, reason: str) -> None:
    async def refuse() -> None:
        async with desk.world.uow() as uow:
            credential = await uow.credentials.get(desk.world.account_id)
            assert credential is not None
            credential.needs_reconnect(reason)
            await uow.commit()

    run(refuse())


@then(parsers.parse('the accounts page says the account needs reconnecting: "{reason}"'))
def says_reconnect(desk: Desk, reason: str) -> None:
    assert desk.account_state() is Health.NEEDS_RECONNECT
    assert desk.health.reason == reason


@when("the account is connected again with a new token")
def reconnected(desk: Desk) -> None:
    use_case = SaveCredential(
        desk.world.uow(), desk.world.box, desk.world.clock, desk.world.pinterest_policy
    )
    run(use_case.execute(desk.admin, ConnectAccount(Platform.INSTAGRAM, ACCOUNT, TOKEN + "-new")))


@then("the accounts page says the account is healthy")
def says_healthy(desk: Desk) -> None:
    assert desk.account_state() is Health.HEALTHY


@when(parsers.parse("{name} disconnects the account"))
def disconnects(desk: Desk, name: str) -> None:
    try:
        run(
            RemoveCredential(desk.world.uow(), desk.world.clock).execute(
                desk.person(name), desk.world.account_id
            )
        )
    except Conflict as refused:
        desk.refusal = refused


@then(parsers.parse('she is told "{words}"'))
def told(desk: Desk, words: str) -> None:
    assert str(desk.refusal) == words


@then("the account is still connected")
def still_connected(desk: Desk) -> None:
    assert desk.account_state() is not None


@then("the account is no longer connected")
def gone(desk: Desk) -> None:
    assert desk.refusal is None
    assert desk.account_state() is None


@given(parsers.parse('a Pinterest account whose boards Pinterest lists as "{name}"'))
def pinterest_account(desk: Desk, name: str) -> None:
    desk.world.pinterest.boards = [RemoteBoard("900", name)]
    credential = run(desk.world.connect_pinterest())
    assert credential.id is not None
    desk.pinterest_id = credential.id


@when(parsers.parse('{name} writes the boards by hand as "{written}"'))
def boards_by_hand(desk: Desk, name: str, written: str) -> None:
    use_case = RefreshBoards(desk.world.uow(), desk.world.catalog)
    run(use_case.execute(desk.person(name), desk.pinterest_id, manual=written_boards(written)))


@then(parsers.parse('a pin on the topic "{topic}" goes to board {board_id}'))
def topic_goes_to(desk: Desk, topic: str, board_id: str) -> None:
    assert desk.topic_board(topic) == board_id


@when(parsers.parse("{name} makes board {board_id} the default board"))
def default_board(desk: Desk, name: str, board_id: str) -> None:
    use_case = SetDefaultBoard(desk.world.uow(), desk.world.clock)
    run(use_case.execute(desk.person(name), desk.pinterest_id, board_id))


@given(parsers.parse("the account posts on Mondays at 09:00 and 18:00 in {zone}"))
def slots(desk: Desk, zone: str) -> None:
    written = written_slots("mon 09:00\nmon 18:00")
    run(desk.queues.set_slots(desk.world.account_id, zone, written, desk.person("Paula")))


@given(parsers.parse('{name} has put the posts "{first}" and "{second}" in the queue'))
def put_in_queue(desk: Desk, name: str, first: str, second: str) -> None:
    for caption in (first, second):
        view = run(desk.queues.queue_post(desk.world.account_id, caption, desk.person(name)))
        assert view.post.id is not None
        desk.named[caption] = view.post.id


@when(parsers.parse('{name} moves "{caption}" up from the queues page'))
def move_up(desk: Desk, name: str, caption: str) -> None:
    queue = run(desk.queues.queue(desk.world.account_id))
    order = [p.post_id for p in queue.posts]
    up, _ = moves(order)[order.index(desk.named[caption])]
    assert up is not None
    new_order = [int(n) for n in up.split(",")]
    run(desk.queues.reorder(desk.world.account_id, new_order, desk.person(name)))


@then(parsers.parse('the queue is "{first}", "{second}"'))
def queue_is(desk: Desk, first: str, second: str) -> None:
    queue = run(desk.queues.queue(desk.world.account_id))
    assert [p.post_id for p in queue.posts] == [desk.named[first], desk.named[second]]
