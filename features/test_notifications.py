"""Notifications, over the real use cases and in-memory fakes of the store, the bot, the mail
server and the broker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.fake_notifications import Person
from tests.notifications_world import PUBLIC_URL, Event, NotificationsWorld

from autopost.application.access import Actor
from autopost.application.ports.telegram_sender import TelegramUpdate
from features.conftest import run

scenarios("notifications.feature")

ANN, BOB = 1, 2
CHATS = {ANN: 4001, BOB: 4002}
NAMES = {"Ann": ANN, "Bob": BOB}


class Notifications(NotificationsWorld):
    def __init__(self) -> None:
        super().__init__()
        self.events = 0
        self.code = ""
        self.store.add_person(Person(ANN, email="ann@example.com"))
        self.store.add_person(Person(BOB, email="bob@example.com"))

    def happen(self, event_type: str, data: dict[str, object], owner: int) -> None:
        self.events += 1
        run(self.notify.execute(Event(f"evt_{self.events}", event_type, data, owner)))
        run(self.run_due())

    def send_to_bot(self, user_id: int, text: str) -> None:
        update_id = len(self.telegram.inbox) + 1
        self.telegram.inbox.append(TelegramUpdate(update_id, CHATS[user_id], "", text))
        run(self.link.execute())

    def messages(self, user_id: int) -> list[str]:
        return self.telegram.to(CHATS[user_id])


@pytest.fixture
def world() -> Notifications:
    return Notifications()


def _link(world: Notifications, user_id: int) -> None:
    code, _ = run(world.issue_code.execute(Actor(user_id)))
    world.send_to_bot(user_id, f"/start {code}")
    # The bot's confirmation is not what the scenarios count.
    world.telegram.sent.clear()


@given("Ann has linked her Telegram chat with the code from her settings page")
def ann_linked(world: Notifications) -> None:
    _link(world, ANN)


@given("Bob has linked his Telegram chat too")
def bob_linked(world: Notifications) -> None:
    _link(world, BOB)


@given("Ann took a code on her settings page", target_fixture="code")
def ann_took_a_code(world: Notifications) -> str:
    code, _ = run(world.issue_code.execute(Actor(ANN)))
    return str(code)


@given("Telegram is down")
def telegram_down(world: Notifications) -> None:
    world.telegram.down = True


@when(parsers.parse('Ann\'s post {post:d} fails on Instagram because "{reason}"'))
def post_fails(world: Notifications, post: int, reason: str) -> None:
    data = {"post_id": post, "platform": "instagram", "reason": reason, "credential_id": 1}
    world.happen("publication.failed", data, ANN)


@when(
    parsers.parse(
        'Ann\'s Pinterest account "{account}" needs reconnecting, as {count:d} of its posts '
        "find out"
    )
)
def account_needs_reconnect(world: Notifications, account: str, count: int) -> None:
    world.store.broken_accounts.add(3)
    for post in range(count):
        data = {"credential_id": 3, "platform": "pinterest", "account": account, "post": post}
        world.happen("account.needs_reconnect", data, ANN)


@when("she reconnects the account and later it needs reconnecting again")
def reconnected_then_broken(world: Notifications) -> None:
    world.store.broken_accounts.discard(3)
    world.clock.advance(timedelta(minutes=1))
    run(world.upkeep.execute())
    world.store.broken_accounts.add(3)
    data = {"credential_id": 3, "platform": "pinterest", "account": "shop"}
    world.happen("account.needs_reconnect", data, ANN)


@when("Telegram is back a minute later")
def telegram_back(world: Notifications) -> None:
    world.telegram.down = False
    world.clock.advance(timedelta(minutes=1))
    run(world.run_due())


@when(parsers.parse("{minutes:d} minutes pass before she sends it to the bot"))
def code_sent_late(world: Notifications, code: str, minutes: int) -> None:
    world.clock.advance(timedelta(minutes=minutes))
    world.send_to_bot(ANN, f"/start {code}")


@then(parsers.parse('{name} gets a Telegram message "{headline}"'))
def gets_message(world: Notifications, name: str, headline: str) -> None:
    [message] = world.messages(NAMES[name])
    assert message.splitlines()[0] == headline


@then(parsers.parse('the message says "{words}" and links to the post\'s page'))
def message_says(world: Notifications, words: str) -> None:
    [message] = world.messages(ANN)
    assert words in message
    assert f"{PUBLIC_URL}/posts/12/" in message


@then(parsers.parse("{name} gets no Telegram message"))
def gets_nothing(world: Notifications, name: str) -> None:
    assert world.messages(NAMES[name]) == []


@then("Ann has no Telegram message yet")
def nothing_yet(world: Notifications) -> None:
    assert world.messages(ANN) == []


@then("Ann gets exactly one Telegram message about it")
def one_message(world: Notifications) -> None:
    assert len(world.messages(ANN)) == 1
    assert "must be reconnected" in world.messages(ANN)[0]


@then("Ann gets a second Telegram message about it")
def second_message(world: Notifications) -> None:
    assert len(world.messages(ANN)) == 2


@then("her chat is not linked and the bot tells her to take a new code")
def not_linked(world: Notifications) -> None:
    assert ANN not in world.store.chats
    [answer] = world.messages(ANN)
    assert "Take a new one" in answer
