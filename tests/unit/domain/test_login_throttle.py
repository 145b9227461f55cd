from datetime import UTC, datetime, timedelta

from autopost.domain.login_throttle import LoginFailures, ThrottlePolicy

START = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
POLICY = ThrottlePolicy()


def failures_at(*minutes: float) -> LoginFailures:
    count = LoginFailures("user:ann", 0, START)
    for minute in minutes:
        count.record_failure(START + timedelta(minutes=minute), POLICY)
    return count


def test_the_default_policy_is_five_failures_in_fifteen_minutes_for_fifteen_minutes() -> None:
    assert ThrottlePolicy(5, timedelta(minutes=15), timedelta(minutes=15)) == POLICY


def test_four_failures_do_not_lock() -> None:
    count = failures_at(0, 1, 2, 3)
    assert not count.is_locked(START + timedelta(minutes=3))
    assert count.failures == 4


def test_the_fifth_failure_in_the_window_locks_for_the_lockout() -> None:
    count = failures_at(0, 1, 2, 3, 4)
    fifth = START + timedelta(minutes=4)
    assert count.locked_until == fifth + POLICY.lockout
    assert count.is_locked(fifth + POLICY.lockout - timedelta(seconds=1))
    assert not count.is_locked(fifth + POLICY.lockout)


def test_failures_spread_wider_than_the_window_do_not_lock() -> None:
    count = failures_at(0, 4, 8, 12, 16)
    assert not count.is_locked(START + timedelta(minutes=16))
    assert count.failures == 1  # the window started again at minute 16


def test_after_a_lockout_the_count_starts_again() -> None:
    count = failures_at(0, 1, 2, 3, 4)
    after = START + timedelta(minutes=4) + POLICY.lockout
    count.record_failure(after, POLICY)
    assert not count.is_locked(after)
    assert count.failures == 1
