"""httpx's connections on asyncio's own streams, without anyio in between.

httpx's default transport reaches the network through anyio. Measured on loopback with
eight requests in flight, a request cost about 2.7 ms of CPU, most of it not in HTTP: before
each request the connection pool asks every idle connection whether the server closed it,
and anyio answers that by building a table of the socket's attributes (with a
``getpeername`` call) each time; each read and write also opens and closes a cancel scope.
At the due second of a burst of posts those milliseconds are most of a publication's cost.

This transport is httpcore's connection pool (the one httpx's own transport uses: the same
HTTP/1.1 code, limits and TLS settings) with the network layer replaced by asyncio streams,
through httpcore's public ``AsyncNetworkBackend`` interface, under httpx's public
``AsyncBaseTransport`` interface.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import ssl
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import httpcore
import httpx

SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)
# The network layer's methods take ``timeout`` arguments: httpcore's interface says so.
# ruff: noqa: ASYNC109


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with _mapped(httpcore.ReadTimeout, httpcore.ReadError):
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        with _mapped(httpcore.WriteTimeout, httpcore.WriteError):
            async with asyncio.timeout(timeout):
                self._writer.write(buffer)
                await self._writer.drain()

    async def aclose(self) -> None:
        self._writer.close()
        with suppress(OSError):  # the other side may have dropped it already
            await self._writer.wait_closed()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object":
            return self._writer.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        if info == "socket":
            return self._writer.get_extra_info("socket")
        if info == "is_readable":
            return self._is_readable()
        return None

    def _is_readable(self) -> bool:
        """Whether the server closed an idle connection (or broke it). asyncio reads a socket
        as soon as anything arrives on it, so the reader knows: no system call is needed,
        and the pool asks this of every idle connection before every request."""
        reader = self._reader
        return reader.at_eof() or reader.exception() is not None or self._writer.is_closing()


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, local_addr=(local_address, 0) if local_address else None
                )
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for option in socket_options or ():
                sock.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_unix_connection(path)
        return AsyncioStream(reader, writer)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


CONNECTIONS_PER_POOL = 25


class AsyncioTransport(httpx.AsyncBaseTransport):
    """An httpx transport over httpcore's connection pool on ``AsyncioBackend``: httpx's
    requests and responses, httpcore's pool, limits and HTTP/1.1, and httpx's errors (the
    ones the gateways catch). Measured at 200 requests in flight, it costs a third of httpx's
    default transport per request (``docs/performance.md``)."""

    def __init__(self, limits: httpx.Limits, ssl_context: ssl.SSLContext | None = None) -> None:
        # httpcore's pool looks at every one of its connections for every request it places
        # and every answer it closes: with 200 requests in flight that was half of a
        # publication's CPU. Several small pools, taken in turn, each look at a few.
        connections = limits.max_connections or CONNECTIONS_PER_POOL
        count = max(1, -(-connections // CONNECTIONS_PER_POOL))
        context = ssl_context or httpx.create_ssl_context()
        backend = AsyncioBackend()
        self._pools = [
            httpcore.AsyncConnectionPool(
                ssl_context=context,
                max_connections=-(-connections // count),
                max_keepalive_connections=(
                    None
                    if limits.max_keepalive_connections is None
                    else -(-limits.max_keepalive_connections // count)
                ),
                keepalive_expiry=limits.keepalive_expiry,
                network_backend=backend,
            )
            for _ in range(count)
        ]
        self._turn = itertools.cycle(self._pools)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        sent = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_error(request):
            answer = await next(self._turn).handle_async_request(sent)
        assert isinstance(answer.stream, AsyncIterable)
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            stream=_Body(answer.stream, request),
            extensions=answer.extensions,
        )

    async def aclose(self) -> None:
        for pool in self._pools:
            await pool.aclose()


class _Body(httpx.AsyncByteStream):
    """A response's body as httpcore reads it, its failures as httpx's errors."""

    def __init__(self, chunks: AsyncIterable[bytes], request: httpx.Request) -> None:
        self._chunks = chunks
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _as_httpx_error(self._request):
            async for chunk in self._chunks:
                yield chunk

    async def aclose(self) -> None:
        close = getattr(self._chunks, "aclose", None)
        if close is not None:
            await close()


# httpcore's errors and the httpx errors they are, the most particular first.
_HTTPX_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextmanager
def _as_httpx_error(request: httpx.Request) -> Iterator[None]:
    try:
        yield
    except Exception as error:
        for theirs, ours in _HTTPX_ERRORS:
            if isinstance(error, theirs):
                raise ours(str(error), request=request) from error
        raise


@contextmanager
def _mapped(timeout: type[Exception], failure: type[Exception]) -> Iterator[None]:
    """asyncio's errors as the httpcore errors that httpx turns into its own."""
    try:
        yield
    except TimeoutError as exc:
        raise timeout(str(exc) or "timed out") from exc
    except (OSError, EOFError) as exc:  # ssl.SSLError is an OSError
        raise failure(str(exc) or type(exc).__name__) from exc
