from datetime import UTC, datetime, timedelta

from autopost.domain.login_throttle import LoginFailures, ThrottleKeys, ThrottlePolicy

START = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
POLICY = ThrottlePolicy()


def failures_at(*minutes: float, policy: ThrottlePolicy = POLICY) -> LoginFailures:
    count = LoginFailures("user:ann", 0, START)
    for minute in minutes:
        count.record_failure(START + timedelta(minutes=minute), policy)
    return count


def test_the_default_policy_is_five_failures_in_fifteen_minutes_for_fifteen_minutes() -> None:
    fifteen = timedelta(minutes=15)
    assert ThrottlePolicy(5, fifteen, fifteen, timedelta(seconds=1), timedelta(seconds=4)) == (
        POLICY
    )


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


def test_failures_while_locked_still_count_and_push_the_end_back() -> None:
    count = failures_at(0, 1, 2, 3, 4, 10, 17)
    assert count.failures == 7
    assert count.locked_until == START + timedelta(minutes=17) + POLICY.lockout


def test_after_a_lockout_the_count_starts_again() -> None:
    count = failures_at(0, 1, 2, 3, 4)
    after = START + timedelta(minutes=4) + POLICY.lockout
    count.record_failure(after, POLICY)
    assert not count.is_locked(after)
    assert (count.failures, count.window_started_at, count.locked_until) == (1, after, None)


def test_for_an_address_on_an_account_one_failure_marks_it_for_the_lockout_after_the_last() -> None:
    count = failures_at(0, 6, policy=POLICY.for_pairs)
    last = START + timedelta(minutes=6)
    assert count.is_locked(last + POLICY.lockout - timedelta(seconds=1))
    assert not count.is_locked(last + POLICY.lockout)


def test_a_guarded_accounts_wait_starts_at_a_second_and_doubles_up_to_four() -> None:
    waits = [POLICY.delay(failures).total_seconds() for failures in range(4, 11)]
    assert waits == [1, 1, 2, 4, 4, 4, 4]
    assert POLICY.delay(10**9) == timedelta(seconds=4)


def test_an_account_is_named_in_lower_case_and_an_address_as_given() -> None:
    keys = ThrottleKeys.of("Ann", "10.0.0.1")
    assert (keys.account, keys.address) == ("user:ann", "ip:10.0.0.1")
    assert ThrottleKeys.of("ann", "").address == "ip:unknown"


def test_each_account_and_address_pair_has_its_own_key_that_fits_the_column() -> None:
    pairs = {ThrottleKeys.of(n, a).pair for n, a in [("ann", "1"), ("ann1", ""), ("bob", "1")]}
    assert len(pairs) == 3
    longest = ThrottleKeys.of("x" * 1000, "y" * 1000)
    assert max(len(k) for k in (longest.account, longest.address, longest.pair)) <= 300


def test_a_failure_the_moment_a_lock_ends_starts_a_new_count_even_inside_the_window() -> None:
    count = failures_at(0, 0, 0, 0, 0)
    count.record_failure(START + POLICY.lockout, POLICY)
    assert (count.failures, count.locked_until) == (1, None)
