import json
from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.backoff import Backoff
from autopost.domain.usage import FULL_STOP, hold_back, usage_percent

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_backoff_doubles_and_stays_within_its_cap() -> None:
    backoff = Backoff(base=timedelta(seconds=4), cap=timedelta(seconds=30))
    assert backoff.delay(1, rand=lambda: 1.0) == timedelta(seconds=4)
    assert backoff.delay(2, rand=lambda: 1.0) == timedelta(seconds=8)
    assert backoff.delay(10, rand=lambda: 1.0) == timedelta(seconds=30)


def test_the_pause_stays_at_its_cap_however_long_the_run_of_failures() -> None:
    assert Backoff().delay(10_000, rand=lambda: 1.0) == timedelta(minutes=5)


def test_backoff_jitter_keeps_at_least_half_the_delay() -> None:
    backoff = Backoff(base=timedelta(seconds=4))
    assert backoff.delay(1, rand=lambda: 0.0) == timedelta(seconds=2)


def test_a_platform_retry_after_longer_than_the_backoff_wins() -> None:
    backoff = Backoff(base=timedelta(seconds=4))
    assert backoff.delay(1, at_least=timedelta(minutes=1), rand=lambda: 0.5) == timedelta(minutes=1)


def test_the_next_try_comes_after_the_pause() -> None:
    backoff = Backoff(base=timedelta(seconds=4))
    deadline = NOON + timedelta(hours=1)
    assert backoff.next_try(2, NOON, deadline, rand=lambda: 1.0) == NOON + timedelta(seconds=8)


def test_the_last_try_is_planned_at_the_windows_end_even_if_asked_to_wait_longer() -> None:
    backoff = Backoff(base=timedelta(seconds=4))
    deadline = NOON + timedelta(seconds=5)
    assert backoff.next_try(3, NOON, deadline, rand=lambda: 1.0) == deadline
    assert backoff.next_try(1, NOON, deadline, at_least=timedelta(hours=2)) == deadline


def test_no_try_is_planned_once_the_window_has_passed() -> None:
    backoff = Backoff()
    assert backoff.next_try(1, NOON, NOON) is None
    assert backoff.next_try(1, NOON + timedelta(seconds=1), NOON) is None


@pytest.mark.parametrize(
    "wrong",
    [
        {"base": timedelta(0)},
        {"base": timedelta(minutes=10), "cap": timedelta(minutes=5)},
        {"window": timedelta(seconds=-1)},
    ],
)
def test_a_backoff_that_cannot_work_is_refused(wrong: dict[str, timedelta]) -> None:
    with pytest.raises(ValueError):
        Backoff(**wrong)


def test_usage_is_the_highest_percentage_in_either_header() -> None:
    headers = {
        "x-app-usage": json.dumps({"call_count": 10, "total_time": 40, "total_cputime": 5}),
        "x-business-use-case-usage": json.dumps(
            {
                "1784": [
                    {
                        "type": "instagram",
                        "call_count": 82,
                        "total_time": 3,
                        "total_cputime": 1,
                        "estimated_time_to_regain_access": 0,
                    }
                ]
            }
        ),
    }
    assert usage_percent(headers) == (82.0, None)


def test_garbled_usage_headers_mean_no_usage() -> None:
    assert usage_percent({"x-app-usage": "{not json"}) == (0.0, None)


def test_no_holding_back_under_three_quarters_of_the_limit() -> None:
    assert hold_back(74.9) == timedelta(0)


def test_holding_back_grows_as_usage_nears_the_limit() -> None:
    assert timedelta(0) < hold_back(80) < hold_back(90) < FULL_STOP


def test_at_the_limit_calls_stop_for_the_time_the_platform_gives() -> None:
    assert hold_back(96) == FULL_STOP
    assert hold_back(50, regain=timedelta(minutes=7)) == timedelta(minutes=7)
