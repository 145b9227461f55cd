"""A TCP relay that adds a fixed delay in each direction: the network between the workers and
PostgreSQL or Redis, when ``tc netem`` cannot be had (docs/performance.md, "Network delay").
Run as its own process by the sizing benchmark::

    .venv/bin/python -m benchmarks.delay_relay --delay-ms 5 \\
        --route 127.0.0.1:15432=127.0.0.1:5432 --route 127.0.0.1:16379=127.0.0.1:6379

Every chunk read from one side is written to the other ``--delay-ms`` after it was read, in
the order read; nothing else is changed (no loss, no jitter, no limit of bandwidth). Prints
"relaying" once every route listens.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any

CHUNK = 65536


async def delayed_copy(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float
) -> None:
    """What ``reader`` gives, written to ``writer`` ``delay`` seconds after each chunk came;
    the end of the stream passed on the same way."""
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def read() -> None:
        while True:
            try:
                chunk = await reader.read(CHUNK)
            except ConnectionError:
                chunk = b""
            queue.put_nowait((time.monotonic() + delay, chunk))
            if not chunk:
                return

    async def write() -> None:
        while True:
            due, chunk = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not chunk:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(chunk)
            await writer.drain()

    reading = asyncio.create_task(read())
    try:
        await write()
    except ConnectionError:
        pass
    finally:
        reading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reading


def relay_to(
    host: str, port: int, delay: float
) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], Coroutine[Any, Any, None]]:
    async def connection(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(host, port)
        except OSError:
            client_w.close()
            return
        try:
            await asyncio.gather(
                delayed_copy(client_r, server_w, delay), delayed_copy(server_r, client_w, delay)
            )
        finally:
            for writer in (client_w, server_w):
                writer.close()

    return connection


def address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host, int(port)


async def serve(routes: list[tuple[str, str]], delay: float) -> None:
    servers = []
    for listen, target in routes:
        (listen_host, listen_port), (host, port) = address(listen), address(target)
        servers.append(
            await asyncio.start_server(relay_to(host, port, delay), listen_host, listen_port)
        )
    print("relaying", flush=True)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    await stop.wait()
    for server in servers:
        server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split(":")[0])
    parser.add_argument("--delay-ms", type=float, required=True, help="added in each direction")
    parser.add_argument(
        "--route", action="append", required=True, help="LISTEN_HOST:PORT=TARGET_HOST:PORT"
    )
    args = parser.parse_args(argv)
    routes = [(listen, target) for listen, _, target in (r.partition("=") for r in args.route)]
    asyncio.run(serve(routes, args.delay_ms / 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
