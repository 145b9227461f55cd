"""A connected account's state in words: healthy, expiring, needs reconnecting."""

from datetime import UTC, datetime, timedelta

from autopost.domain.account_health import EXPIRY_WARNING, Health, account_health
from autopost.domain.credential import Credential

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def account(platform: str = "instagram", **fields: object) -> Credential:
    return Credential(platform, "1784", "sealed", NOW, **fields)  # type: ignore[arg-type]


def test_an_account_without_an_expiry_is_healthy() -> None:
    assert account_health(account(), NOW).health is Health.HEALTHY


def test_a_token_expiring_within_the_warning_says_when() -> None:
    soon = NOW + EXPIRY_WARNING - timedelta(hours=1)
    health = account_health(account(expires_at=soon), NOW)
    assert (health.health, health.expires_at) == (Health.EXPIRING, soon)
    later = NOW + EXPIRY_WARNING + timedelta(hours=1)
    assert account_health(account(expires_at=later), NOW).health is Health.HEALTHY


def test_an_expired_token_needs_reconnecting_and_says_since_when() -> None:
    health = account_health(account(expires_at=NOW - timedelta(days=1)), NOW)
    assert health.health is Health.NEEDS_RECONNECT
    assert health.reason == "The access token expired on 2026-11-30."


def test_an_account_marked_for_reconnecting_says_why() -> None:
    marked = account()
    marked.needs_reconnect("The token was revoked")
    health = account_health(marked, NOW)
    assert (health.health, health.reason) == (Health.NEEDS_RECONNECT, "The token was revoked")


def test_a_pinterest_token_that_autopost_renews_is_no_concern() -> None:
    renewed = account("pinterest", expires_at=NOW + timedelta(hours=1), refresh_token="sealed")
    assert account_health(renewed, NOW).health is Health.HEALTHY
    unrenewable = account("pinterest", expires_at=NOW + timedelta(hours=1))
    assert account_health(unrenewable, NOW).health is Health.EXPIRING
