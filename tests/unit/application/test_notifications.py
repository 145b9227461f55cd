"""Telling people by Telegram and e-mail: who is told, in which words, once, and what a
channel that is down does; linking a chat; the daily digest."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.access import Actor
from autopost.application.notifications.wording import render_event
from autopost.application.ports.telegram_sender import TelegramUpdate
from autopost.domain.digest import DigestItem
from autopost.domain.notification_delivery import DeliveryStatus
from autopost.domain.notifications import NotificationChoices
from autopost.domain.telegram_link import CODE_LIFETIME, TelegramChat
from tests.fake_notifications import Person
from tests.notifications_world import PUBLIC_URL, Event, NotificationsWorld

pytestmark = pytest.mark.unit

FAILED = {
    "post_id": 12,
    "publication_id": 30,
    "credential_id": 3,
    "platform": "instagram",
    "reason": "Instagram refused the media: the image is too small.",
    "advice": "Use an image at least 320 pixels wide.",
}


def linked(world: NotificationsWorld, user_id: int, chat_id: int, **person: object) -> None:
    world.store.add_person(Person(user_id, **person))  # type: ignore[arg-type]
    world.store.chats[user_id] = TelegramChat(user_id, chat_id, "", world.clock.now())


async def test_a_failed_post_tells_its_owner_and_no_one_else() -> None:
    world = NotificationsWorld()
    linked(world, 1, 101, email="ann@example.com")
    linked(world, 2, 102, email="bob@example.com")
    assert await world.notify.execute(Event("evt_1", "publication.failed", FAILED, 1)) == 2
    await world.run_due()
    [text] = world.telegram.to(101)
    assert "Post #12 was not published on Instagram." in text
    assert "too small" in text and "320 pixels" in text
    assert f"{PUBLIC_URL}/posts/12/" in text
    assert world.telegram.to(102) == []
    assert [m["to"] for m in world.mail.sent] == ["ann@example.com"]


async def test_only_what_a_person_chose_reaches_them() -> None:
    world = NotificationsWorld()
    linked(world, 1, 101, email="ann@example.com")
    world.store.saved_choices[1] = NotificationChoices(
        1, telegram_events=frozenset({"publication.published"}), email_events=frozenset()
    )
    await world.notify.execute(Event("evt_1", "publication.failed", FAILED, 1))
    await world.notify.execute(
        Event("evt_2", "publication.published", {"post_id": 12, "platform": "pinterest"}, 1)
    )
    await world.run_due()
    assert [t.splitlines()[0] for t in world.telegram.to(101)] == [
        "Post #12 is published on Pinterest."
    ]
    assert world.mail.sent == []


async def test_an_administrator_who_chose_every_account_hears_of_everyones_posts() -> None:
    world = NotificationsWorld()
    linked(world, 1, 101)
    linked(world, 9, 109, is_admin=True)
    linked(world, 8, 108, is_admin=False)
    world.store.saved_choices[9] = NotificationChoices(9, every_account=True)
    # Saved by someone who is no longer an Administrator: it no longer counts.
    world.store.saved_choices[8] = NotificationChoices(8, every_account=True)
    await world.notify.execute(Event("evt_1", "publication.failed", FAILED, 1))
    await world.run_due()
    assert len(world.telegram.to(101)) == len(world.telegram.to(109)) == 1
    assert world.telegram.to(108) == []


async def test_one_event_handed_over_twice_is_told_once() -> None:
    world = NotificationsWorld()
    linked(world, 1, 101)
    event = Event("evt_1", "publication.failed", FAILED, 1)
    assert await world.notify.execute(event) == 1
    assert await world.notify.execute(event) == 0
    await world.run_due()
    assert len(world.telegram.to(101)) == 1


async def test_an_account_needing_reconnect_is_told_once_until_it_is_connected_again() -> None:
    world = NotificationsWorld()
    linked(world, 1, 101)
    world.store.broken_accounts.add(3)
    data = {"credential_id": 3, "platform": "pinterest", "account": "shop"}
    for n in range(3):
        await world.notify.execute(Event(f"evt_{n}", "account.needs_reconnect", data, 1))
    await world.run_due()
    [text] = world.telegram.to(101)
    assert text.startswith("The Pinterest account shop must be reconnected.")
    assert f"{PUBLIC_URL}/connected-accounts/" in text
    # Reconnected, then broken again: told again.
    world.store.broken_accounts.discard(3)
    await world.upkeep.execute()
    world.store.broken_accounts.add(3)
    await world.notify.execute(Event("evt_9", "account.needs_reconnect", data, 1))
    await world.run_due()
    assert len(world.telegram.to(101)) == 2


async def test_telegram_down_is_tried_again_with_backoff_and_email_goes_meanwhile() -> None:
    world = NotificationsWorld()
    linked(world, 1, 101, email="ann@example.com")
    world.telegram.down = True
    await world.notify.execute(Event("evt_1", "publication.failed", FAILED, 1))
    await world.run_due()
    assert len(world.mail.sent) == 1
    [(delivery_id, retry_at)] = world.waiting
    assert world.clock.now() < retry_at <= world.clock.now() + timedelta(seconds=10)
    assert world.store.deliveries[delivery_id].last_error
    world.telegram.down = False
    world.clock.advance(timedelta(seconds=10))
    await world.run_due()
    assert len(world.telegram.to(101)) == 1
    assert world.store.deliveries[delivery_id].status is DeliveryStatus.SENT
    assert world.store.deliveries[delivery_id].attempts == 2


async def test_a_lost_message_is_sent_again_by_the_upkeep_and_sent_once() -> None:
    world = NotificationsWorld()
    linked(world, 1, 101)
    await world.notify.execute(Event("evt_1", "publication.failed", FAILED, 1))
    lost = world.dispatcher.take()
    world.clock.advance(timedelta(minutes=2))
    assert await world.upkeep.execute() == 1
    await world.run_due()
    for delivery_id, _ in lost:  # the lost message turns up after all
        await world.deliver.execute(delivery_id)
    assert len(world.telegram.to(101)) == 1


async def test_a_blocked_bot_gives_the_message_up_at_once() -> None:
    world = NotificationsWorld()
    linked(world, 1, 101)
    world.telegram.blocked_by.add(101)
    await world.notify.execute(Event("evt_1", "publication.failed", FAILED, 1))
    await world.run_due()
    assert world.waiting == []
    [delivery] = world.store.deliveries.values()
    assert delivery.status is DeliveryStatus.FAILED


def test_messages_are_in_the_persons_language_with_the_time_in_their_zone() -> None:
    data = {"post_id": 5, "platform": "instagram", "until": "2026-12-02T06:00:00+00:00"}
    english = render_event(
        "publication.deferred", data, language="en", time_zone="Europe/Moscow", public_url="u"
    )
    russian = render_event(
        "publication.deferred", data, language="ru", time_zone="Europe/Moscow", public_url="u"
    )
    assert english.subject == (
        "Post #5 on Instagram is put off until 2026-12-02 09:00 (Europe/Moscow)."
    )
    assert russian.subject == (
        "Публикация №5 в Instagram отложена до 2026-12-02 09:00 (Europe/Moscow)."
    )
    assert russian.text.endswith("Открыть: u/posts/5/")
    assert english.text.endswith("Open: u/posts/5/")


def test_a_webhook_turned_off_tells_its_owner_by_default_with_the_webhooks_page() -> None:
    assert "webhook.disabled" in NotificationChoices(1).telegram_events, "it needs them to act"
    data = {"webhook_id": 3, "url": "https://hooks.example.com/x", "reason": "5 days failing"}
    rendered = render_event(
        "webhook.disabled", data, language="en", time_zone="UTC", public_url="u"
    )
    assert rendered.subject == (
        "Your webhook https://hooks.example.com/x is turned off: it kept failing."
    )
    assert "5 days failing" in rendered.text and rendered.text.endswith("Open: u/webhooks/")


def test_a_message_holds_only_the_events_named_fields() -> None:
    data = dict(FAILED, access_token="EAAB-secret", token="tok-secret")
    rendered = render_event(
        "publication.failed", data, language="en", time_zone="UTC", public_url="u"
    )
    assert "secret" not in rendered.text


async def test_a_start_with_the_code_links_the_chat_once_and_the_bot_says_so() -> None:
    world = NotificationsWorld()
    world.store.add_person(Person(1, telegram_username="ann_old"))
    world.store.saved_choices[1] = NotificationChoices(1, language="ru")
    code, _ = await world.issue_code.execute(Actor(1))
    world.telegram.inbox.append(TelegramUpdate(500, 4242, "ann", f"/start {code}"))
    assert await world.link.execute() == 1
    assert world.store.chats[1].chat_id == 4242
    assert world.store.people[1].telegram_username == "ann"
    assert world.telegram.to(4242) == [
        "Готово: в этот чат будут приходить уведомления Autopost для @ann."
    ]
    # The same code again, from another chat: refused.
    world.telegram.inbox.append(TelegramUpdate(501, 999, "mallory", f"/start {code}"))
    assert await world.link.execute() == 0
    assert world.store.chats[1].chat_id == 4242
    assert "unknown, used or expired" in world.telegram.to(999)[0]


async def test_an_expired_or_replaced_code_links_nothing() -> None:
    world = NotificationsWorld()
    world.store.add_person(Person(1))
    old, _ = await world.issue_code.execute(Actor(1))
    new, _ = await world.issue_code.execute(Actor(1))
    world.telegram.inbox.append(TelegramUpdate(1, 42, "ann", f"/start {old}"))
    assert await world.link.execute() == 0
    world.clock.advance(CODE_LIFETIME)
    world.telegram.inbox.append(TelegramUpdate(2, 42, "ann", f"/start {new}"))
    assert await world.link.execute() == 0
    assert world.store.chats == {}


async def test_an_update_read_by_two_workers_is_answered_once() -> None:
    world = NotificationsWorld()
    world.store.add_person(Person(1))
    code, _ = await world.issue_code.execute(Actor(1))
    update = TelegramUpdate(7, 42, "ann", f"/start {code}")
    world.telegram.inbox.append(update)
    assert await world.link.execute() == 1
    world.telegram.stale_reads = True  # a second worker read the same update
    assert await world.link.execute() == 0
    assert len(world.telegram.sent) == 1


async def test_a_digest_comes_once_a_day_with_what_was_published_and_failed() -> None:
    world = NotificationsWorld()
    world.store.add_person(Person(1, email="ann@example.com", time_zone="Europe/Moscow"))
    world.store.saved_choices[1] = NotificationChoices(1, daily_digest=True)
    now = world.clock.now()
    world.store.items = [
        (1, DigestItem(3, "instagram", True, now - timedelta(hours=2), "Spring is here")),
        (1, DigestItem(4, "pinterest", False, now - timedelta(hours=1), "Quiz", error="Gone.")),
        (2, DigestItem(5, "pinterest", True, now - timedelta(hours=1), "Not Ann's")),
        (1, DigestItem(6, "instagram", True, now - timedelta(hours=30), "Too old")),
    ]
    assert await world.digests.execute() == 1
    assert await world.digests.execute() == 0
    world.clock.advance(timedelta(hours=6))
    assert await world.digests.execute() == 0
    await world.run_due()
    [mail] = world.mail.sent
    assert mail["subject"] == "Autopost: 1 published, 1 failed in the last 24 hours"
    assert "#3 Instagram" in mail["text"] and "Spring is here" in mail["text"]
    assert "#4 Pinterest" in mail["text"] and "Gone." in mail["text"]
    assert "Not Ann's" not in mail["text"] and "Too old" not in mail["text"]
    assert f"{PUBLIC_URL}/posts/4/" in mail["text"]
    world.clock.advance(timedelta(hours=18))
    assert await world.digests.execute() == 1
