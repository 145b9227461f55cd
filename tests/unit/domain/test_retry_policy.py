from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.domain.backoff import Backoff
from autopost.domain.retry_policy import RetryPolicy

POLICY = RetryPolicy(
    tries=5,
    patience=timedelta(minutes=2),
    backoff=Backoff(base=timedelta(seconds=2), cap=timedelta(seconds=20)),
)
NONE = timedelta(0)


def top(failed: int, elapsed: timedelta = NONE, asked: timedelta | None = None) -> timedelta:
    pause = POLICY.pause_after(failed, elapsed, asked, rand=lambda: 0.999999)
    assert pause is not None
    return pause


def test_pauses_double_after_each_failed_try_up_to_the_cap() -> None:
    pauses = [round(top(n).total_seconds()) for n in range(1, 5)]
    assert pauses == [2, 4, 8, 16]
    longer = RetryPolicy(tries=9, patience=timedelta(hours=1), backoff=POLICY.backoff)
    assert longer.pause_after(8, NONE, None, rand=lambda: 0.99) <= timedelta(seconds=20)


def test_jitter_comes_from_the_random_given_and_keeps_at_least_half() -> None:
    low = POLICY.pause_after(3, NONE, None, rand=lambda: 0.0)
    high = POLICY.pause_after(3, NONE, None, rand=lambda: 0.5)
    assert low == timedelta(seconds=4)
    assert high == timedelta(seconds=6)


def test_gives_up_after_the_last_try() -> None:
    assert POLICY.pause_after(4, NONE, None, rand=lambda: 0.5) is not None
    assert POLICY.pause_after(5, NONE, None, rand=lambda: 0.5) is None


def test_gives_up_when_the_next_try_would_start_past_its_patience() -> None:
    assert POLICY.pause_after(1, timedelta(seconds=100), None, rand=lambda: 0.0) is not None
    assert POLICY.pause_after(1, timedelta(seconds=119.5), None, rand=lambda: 0.0) is None


def test_waits_as_long_as_the_platform_asked() -> None:
    assert top(1, asked=timedelta(seconds=45)) == timedelta(seconds=45)
    short = POLICY.pause_after(1, NONE, timedelta(milliseconds=10), rand=lambda: 0.5)
    assert short == timedelta(seconds=1.5)


def test_gives_up_at_once_when_the_platform_asks_for_more_than_its_patience() -> None:
    assert POLICY.pause_after(1, NONE, timedelta(minutes=5), rand=lambda: 0.5) is None


def test_a_hold_of_our_own_is_waited_out_within_its_patience() -> None:
    assert POLICY.wait_out(timedelta(seconds=30), timedelta(seconds=90)) == timedelta(seconds=90)
    assert POLICY.wait_out(timedelta(seconds=31), timedelta(seconds=90)) is None


def test_a_call_is_tried_at_least_once() -> None:
    with pytest.raises(ValueError, match="at least once"):
        RetryPolicy(tries=0)
