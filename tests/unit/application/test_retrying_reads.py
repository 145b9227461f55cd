from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    PlatformBusy,
    RateLimited,
    TransientPlatformError,
)
from autopost.application.retrying import RetryingReads
from autopost.domain.backoff import Backoff
from autopost.domain.retry_policy import RetryPolicy
from tests.fakes import FakeClock, FakePause

POLICY = RetryPolicy(
    tries=4,
    patience=timedelta(minutes=10),
    backoff=Backoff(base=timedelta(seconds=2), cap=timedelta(seconds=30)),
)


class Flaky:
    """Fails with each of ``failures`` in turn, then answers "page"."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "page"


def reads(rand: Callable[[], float] = lambda: 0.0) -> tuple[RetryingReads, FakePause]:
    pause = FakePause(FakeClock())
    return RetryingReads(POLICY, pause, pause.clock, rand), pause


async def test_a_read_that_fails_in_passing_is_tried_again_after_growing_pauses() -> None:
    retrying, pause = reads()
    flaky = Flaky(TransientPlatformError("503"), TransientPlatformError("503"))
    assert await retrying.read("a page", flaky) == "page"
    assert flaky.calls == 3
    assert pause.waits == [timedelta(seconds=1), timedelta(seconds=2)]
    assert retrying.retried == 2


async def test_the_pauses_take_their_jitter_from_the_random_given() -> None:
    retrying, pause = reads(rand=lambda: 0.5)
    await retrying.read("a page", Flaky(TransientPlatformError("503")))
    assert pause.waits == [timedelta(seconds=1.5)]


async def test_a_rate_limit_waits_as_long_as_the_platform_said() -> None:
    retrying, pause = reads()
    said = timedelta(minutes=3)
    await retrying.read("a page", Flaky(RateLimited("busy", said), PlatformBusy("near", said)))
    assert pause.waits == [said, said]


async def test_a_call_held_back_before_it_was_sent_does_not_use_a_try() -> None:
    retrying, pause = reads()
    held = [PlatformBusy("near the limit", timedelta(minutes=1)) for _ in range(5)]
    flaky = Flaky(*held, TransientPlatformError("503"))
    assert await retrying.read("a page", flaky) == "page"
    assert pause.waits == [timedelta(minutes=1)] * 5 + [timedelta(seconds=1)]
    assert retrying.retried == 1


async def test_holding_back_longer_than_its_patience_raises() -> None:
    retrying, pause = reads()
    held = [PlatformBusy("near the limit", timedelta(minutes=4)) for _ in range(5)]
    with pytest.raises(PlatformBusy):
        await retrying.read("a page", Flaky(*held))
    assert pause.waits == [timedelta(minutes=4)] * 2


async def test_past_its_tries_the_last_failure_is_raised() -> None:
    retrying, pause = reads()
    flaky = Flaky(*(TransientPlatformError(f"503 #{n}") for n in range(1, 6)))
    with pytest.raises(TransientPlatformError, match="503 #4"):
        await retrying.read("a page", flaky)
    assert flaky.calls == POLICY.tries
    assert len(pause.waits) == POLICY.tries - 1


async def test_past_its_patience_the_failure_is_raised_without_waiting() -> None:
    retrying, pause = reads()
    with pytest.raises(RateLimited):
        await retrying.read("a page", Flaky(RateLimited("busy", timedelta(hours=1))))
    assert pause.waits == []


async def test_a_refusal_is_raised_at_once() -> None:
    retrying, pause = reads()
    flaky = Flaky(PermanentPlatformError("no such user"))
    with pytest.raises(PermanentPlatformError):
        await retrying.read("a page", flaky)
    assert flaky.calls == 1
    assert pause.waits == []
