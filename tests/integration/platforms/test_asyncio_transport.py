"""httpx over asyncio's streams, against real servers on loopback: plain and TLS, connections
kept and closed, and the errors httpx's callers handle."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from autopost.adapters.platforms.asyncio_transport import AsyncioTransport

pytestmark = pytest.mark.integration

LIMITS = httpx.Limits(max_connections=10, max_keepalive_connections=5)
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class Server:
    """An HTTP/1.1 server that answers every request with its connection's number."""

    def __init__(self, close_after_answer: bool = False, delay: float = 0.0) -> None:
        self.connections = 0
        self.open = 0
        self.most_open = 0
        self.closed = asyncio.Event()
        self._close_after_answer = close_after_answer
        self._delay = delay

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        number = str(self.connections).encode()
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                await asyncio.sleep(self._delay)
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                    b"Content-Length: " + str(len(number)).encode() + b"\r\n\r\n" + number
                )
                await writer.drain()
                if self._close_after_answer:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.open -= 1
            writer.close()
            self.closed.set()


async def _serve(handler: Handler, tls: ssl.SSLContext | None = None) -> asyncio.Server:
    return await asyncio.start_server(handler, "127.0.0.1", 0, ssl=tls)


def _port(server: asyncio.Server) -> int:
    return int(server.sockets[0].getsockname()[1])


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=AsyncioTransport(LIMITS), timeout=2.0) as client:
        yield client


async def test_requests_share_a_kept_connection(client: httpx.AsyncClient) -> None:
    server = Server()
    async with await _serve(server.handle) as listening:
        url = f"http://127.0.0.1:{_port(listening)}/"
        answers = [(await client.get(url)).text for _ in range(3)]
    assert answers == ["1", "1", "1"]


async def test_a_connection_the_server_closed_is_not_used_again(client: httpx.AsyncClient) -> None:
    server = Server(close_after_answer=True)
    async with await _serve(server.handle) as listening:
        url = f"http://127.0.0.1:{_port(listening)}/"
        first = await client.get(url)
        await server.closed.wait()
        await asyncio.sleep(0.05)  # for the close to reach the client's side of the socket
        second = await client.get(url)
    assert (first.text, second.text) == ("1", "2")


async def test_concurrent_requests_each_get_their_answer(client: httpx.AsyncClient) -> None:
    server = Server(delay=0.01)
    async with await _serve(server.handle) as listening:
        url = f"http://127.0.0.1:{_port(listening)}/"
        answers = await asyncio.gather(*(client.get(url) for _ in range(20)))
    assert all(answer.status_code == 200 for answer in answers)
    assert server.most_open == LIMITS.max_connections


async def test_a_slow_answer_is_a_read_timeout() -> None:
    server = Server(delay=1.0)
    transport = AsyncioTransport(LIMITS)
    async with (
        httpx.AsyncClient(transport=transport, timeout=0.1) as client,
        await _serve(server.handle) as listening,
    ):
        with pytest.raises(httpx.ReadTimeout):
            await client.get(f"http://127.0.0.1:{_port(listening)}/")


async def test_a_body_cut_short_is_an_httpx_error(client: httpx.AsyncClient) -> None:
    """The body is read after the answer's head: its failures are httpx's errors too."""

    async def cut_short(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b")
        await writer.drain()
        writer.close()

    async with await _serve(cut_short) as listening:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get(f"http://127.0.0.1:{_port(listening)}/")


async def test_a_request_sends_its_method_target_headers_and_body(
    client: httpx.AsyncClient,
) -> None:
    seen: list[bytes] = []

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        seen.append(head + await reader.readexactly(4))
        writer.write(b"HTTP/1.1 201 Created\r\nX-Seen: yes\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        writer.close()

    async with await _serve(echo) as listening:
        answer = await client.post(
            f"http://127.0.0.1:{_port(listening)}/v24.0/me/media?fields=id",
            content=b"body",
            headers={"Authorization": "Bearer t"},
        )
    assert (answer.status_code, answer.headers["x-seen"], answer.text) == (201, "yes", "ok")
    (request,) = seen
    assert request.startswith(b"POST /v24.0/me/media?fields=id HTTP/1.1\r\n")
    assert b"\r\nAuthorization: Bearer t\r\n" in request and request.endswith(b"body")


async def test_nobody_listening_is_a_connect_error(client: httpx.AsyncClient) -> None:
    listening = await _serve(Server().handle)
    port = _port(listening)
    listening.close()
    await listening.wait_closed()
    with pytest.raises(httpx.ConnectError):
        await client.get(f"http://127.0.0.1:{port}/")


async def test_https_with_a_trusted_certificate(tmp_path: Path) -> None:
    server_tls, trusted = _certificates(tmp_path)
    server = Server()
    async with (
        await _serve(server.handle, server_tls) as listening,
        httpx.AsyncClient(transport=AsyncioTransport(LIMITS, trusted), timeout=2.0) as client,
    ):
        url = f"https://localhost:{_port(listening)}/"
        answers = [(await client.get(url)).text for _ in range(2)]
    assert answers == ["1", "1"]


async def test_https_with_an_untrusted_certificate_is_refused(tmp_path: Path) -> None:
    server_tls, _ = _certificates(tmp_path)
    async with (
        await _serve(Server().handle, server_tls) as listening,
        httpx.AsyncClient(transport=AsyncioTransport(LIMITS), timeout=2.0) as client,
    ):
        with pytest.raises(httpx.ConnectError):
            await client.get(f"https://localhost:{_port(listening)}/")


def _certificates(directory: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A self-signed certificate for localhost: the server's context, and a client context
    that trusts it (and nothing else)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_path, key_path)
    client = ssl.create_default_context(cafile=str(cert_path))
    return server, client
