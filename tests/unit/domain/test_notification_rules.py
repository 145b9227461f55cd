"""Who wants which event, the link code's life, and when a digest is due."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from autopost.domain.digest import digest_day_due
from autopost.domain.notification_delivery import DeliveryStatus, NotificationDelivery
from autopost.domain.notifications import (
    Channel,
    NotificationChoices,
    UnknownEvent,
    wants,
)
from autopost.domain.telegram_link import (
    CODE_LIFETIME,
    TelegramLinkCode,
    code_digest,
    code_in,
    new_code,
    same_telegram_name,
)

pytestmark = pytest.mark.unit

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_by_default_failed_posts_and_reconnects_reach_their_owner_on_both_channels() -> None:
    choices = NotificationChoices(7)
    for channel in Channel:
        assert wants(choices, channel, "publication.failed", owner_id=7, is_admin=False)
        assert wants(choices, channel, "account.needs_reconnect", owner_id=7, is_admin=False)
        assert not wants(choices, channel, "publication.published", owner_id=7, is_admin=False)


def test_someone_elses_post_reaches_only_an_administrator_who_chose_every_account() -> None:
    mine_only = NotificationChoices(7)
    everyone = NotificationChoices(7, every_account=True)
    failed = "publication.failed"
    assert not wants(mine_only, Channel.TELEGRAM, failed, owner_id=8, is_admin=True)
    assert not wants(everyone, Channel.TELEGRAM, failed, owner_id=8, is_admin=False)
    assert wants(everyone, Channel.TELEGRAM, failed, owner_id=8, is_admin=True)
    assert wants(everyone, Channel.TELEGRAM, failed, owner_id=None, is_admin=True)


def test_each_channel_has_its_own_choice() -> None:
    choices = NotificationChoices(
        7, telegram_events=frozenset({"publication.published"}), email_events=frozenset()
    )
    assert wants(choices, Channel.TELEGRAM, "publication.published", 7, False)
    assert not wants(choices, Channel.EMAIL, "publication.published", 7, False)
    assert not wants(choices, Channel.EMAIL, "publication.failed", 7, False)


def test_an_event_the_catalogue_lacks_cannot_be_chosen() -> None:
    with pytest.raises(UnknownEvent, match=r"post\.exploded"):
        NotificationChoices(7, telegram_events=frozenset({"post.exploded"}))


def test_a_language_autopost_does_not_speak_is_english() -> None:
    assert NotificationChoices(7, language="de").language == "en"
    assert NotificationChoices(7, language="ru").language == "ru"


def test_a_link_code_works_once_and_only_until_it_expires() -> None:
    code = new_code()
    kept = TelegramLinkCode.issued(7, code, NOW)
    assert kept.digest == code_digest(code) != code
    assert kept.usable(NOW + CODE_LIFETIME - timedelta(seconds=1))
    assert not kept.usable(NOW + CODE_LIFETIME)
    kept.used_at = NOW
    assert not kept.usable(NOW)


def test_a_code_is_read_from_start_whatever_its_case() -> None:
    assert code_in("/start ABCD2345") == "ABCD2345"
    assert code_in("/start@autopost_bot ABCD2345") == "ABCD2345"
    assert code_in("/start") is None
    assert code_in("hello ABCD2345") is None
    assert code_digest("abcd2345") == code_digest("ABCD2345")


def test_telegram_names_compare_without_at_and_case() -> None:
    assert same_telegram_name("@Ann_Smith", "ann_smith")
    assert not same_telegram_name("ann", "anna")


def test_a_digest_is_due_from_its_hour_of_the_persons_day_once() -> None:
    # 12:00 UTC is 15:00 in Moscow and 04:00 in Los Angeles.
    assert digest_day_due(NOW, "Europe/Moscow", 8, None) == date(2026, 12, 1)
    assert digest_day_due(NOW, "America/Los_Angeles", 8, None) is None
    assert digest_day_due(NOW, "Europe/Moscow", 8, date(2026, 12, 1)) is None
    assert digest_day_due(NOW, "Europe/Moscow", 8, date(2026, 11, 30)) == date(2026, 12, 1)
    assert digest_day_due(NOW, "Not/AZone", 8, None) == date(2026, 12, 1)


def test_a_delivery_is_tried_again_with_longer_pauses_then_given_up() -> None:
    delivery = NotificationDelivery(
        "e1", "e1", 7, Channel.TELEGRAM, "42", "s", "t", created_at=NOW, next_attempt_at=NOW
    )
    first = delivery.failed("down", NOW, passing=True)
    second = delivery.failed("down", NOW, passing=True)
    assert first is not None and second is not None
    assert timedelta(seconds=5) <= first - NOW <= timedelta(seconds=10)
    assert timedelta(seconds=10) <= second - NOW <= timedelta(seconds=20)
    assert delivery.failed("down", NOW + timedelta(hours=24), passing=True) is None
    assert delivery.status is DeliveryStatus.FAILED


def test_a_refusal_gives_a_delivery_up_at_once() -> None:
    delivery = NotificationDelivery(
        "e1", "e1", 7, Channel.EMAIL, "a@b.c", "s", "t", created_at=NOW, next_attempt_at=NOW
    )
    assert delivery.failed("blocked", NOW, passing=False) is None
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
