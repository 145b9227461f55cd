"""The real pause behind a guarded account's wait: as long as asked, the loop free meanwhile."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from autopost.adapters.security.asyncio_pause import AsyncioPause

pytestmark = pytest.mark.integration

DELAY = timedelta(milliseconds=50)


async def test_the_pause_waits_at_least_as_long_as_asked() -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    await AsyncioPause().wait(DELAY)
    # asyncio may wake a timer up to its clock's resolution early; never more.
    assert loop.time() - started >= DELAY.total_seconds() - 0.005


async def test_other_requests_are_served_while_one_waits() -> None:
    waiting = asyncio.create_task(AsyncioPause().wait(DELAY))
    await asyncio.sleep(0)  # the pause starts
    # Had it slept on the event loop's thread, it would be over before this line runs.
    assert not waiting.done()
    await waiting
