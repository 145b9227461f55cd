from datetime import UTC, datetime, timedelta

from autopost.domain.login_throttle import LoginFailures, ThrottlePolicy
from autopost.domain.sign_in_gate import Counts, Verdict, judge

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
POLICY = ThrottlePolicy()


def count(failures: int, locked_for: float | None = None) -> LoginFailures:
    """``failures`` counted; locked for ``locked_for`` more minutes (negative: it ended)."""
    until = None if locked_for is None else NOW + timedelta(minutes=locked_for)
    return LoginFailures("k", failures, NOW - timedelta(minutes=1), until)


def test_nothing_counted_is_checked_at_once() -> None:
    assert judge(Counts(None, None, None), NOW, POLICY) == Verdict()


def test_failures_short_of_a_lock_are_checked_at_once() -> None:
    assert judge(Counts(count(4), count(4), count(1, 14)), NOW, POLICY) == Verdict()


def test_a_locked_address_is_refused_until_its_lock_ends() -> None:
    verdict = judge(Counts(count(5, 7), None, None), NOW, POLICY)
    assert verdict == Verdict(refused_until=NOW + timedelta(minutes=7))


def test_a_guarded_account_is_checked_after_a_wait_from_an_address_that_did_not_fail_on_it() -> (
    None
):
    for pair in (None, count(1, -1)):
        verdict = judge(Counts(count(1), count(7, 10), pair), NOW, POLICY)
        assert verdict == Verdict(delay=timedelta(seconds=4))


def test_a_guarded_account_refuses_an_address_that_failed_on_it_until_either_lapses() -> None:
    marked_first = judge(Counts(None, count(6, 10), count(1, 3)), NOW, POLICY)
    assert marked_first == Verdict(refused_until=NOW + timedelta(minutes=3))
    guarded_first = judge(Counts(None, count(6, 2), count(1, 3)), NOW, POLICY)
    assert guarded_first == Verdict(refused_until=NOW + timedelta(minutes=2))


def test_an_address_that_failed_on_an_account_no_longer_guarded_is_checked_at_once() -> None:
    assert judge(Counts(None, count(5, -1), count(1, 3)), NOW, POLICY) == Verdict()


def test_refused_for_both_reasons_until_the_later_ends() -> None:
    verdict = judge(Counts(count(5, 4), count(5, 9), count(1, 9)), NOW, POLICY)
    assert verdict == Verdict(refused_until=NOW + timedelta(minutes=9))
