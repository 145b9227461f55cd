"""The benchmark's delay relay adds its delay in each direction, and passes every byte through
in order (benchmarks/delay_relay.py: the network delay between workers and their servers)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from benchmarks.delay_relay import relay_to

pytestmark = pytest.mark.integration

DELAY = 0.05


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while chunk := await reader.read(65536):
        writer.write(chunk)
        await writer.drain()
    writer.close()


@pytest.fixture
async def relayed_echo() -> AsyncIterator[int]:
    """The port of a relay, ``DELAY`` each way, in front of an echo server."""
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    relay = await asyncio.start_server(relay_to("127.0.0.1", port, DELAY), "127.0.0.1", 0)
    yield relay.sockets[0].getsockname()[1]
    relay.close()
    server.close()


async def test_a_round_trip_through_the_relay_takes_the_delay_twice(relayed_echo: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", relayed_echo)
    trips = []
    for n in range(5):
        started = time.monotonic()
        writer.write(b"ping %d" % n)
        assert await reader.readexactly(6) == b"ping %d" % n
        trips.append(time.monotonic() - started)
    writer.close()
    assert min(trips) >= 2 * DELAY
    assert sorted(trips)[2] < 2 * DELAY + 0.04  # the delay, not a multiple of it


async def test_the_relay_passes_a_large_stream_whole_and_in_order(relayed_echo: int) -> None:
    sent = bytes(n % 251 for n in range(3_000_000))
    reader, writer = await asyncio.open_connection("127.0.0.1", relayed_echo)

    async def send() -> None:
        for start in range(0, len(sent), 100_000):
            writer.write(sent[start : start + 100_000])
            await writer.drain()
        writer.write_eof()

    sending = asyncio.create_task(send())
    received = await asyncio.wait_for(reader.read(-1), 20)
    await sending
    writer.close()
    assert received == sent
