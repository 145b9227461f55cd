"""The edge of the real ``autopost serve`` (uvicorn in front of the app): what a client on the
server's own machine can claim in headers, which Host names it answers, and the body limit."""

from __future__ import annotations

import socket

import httpx

from tests.e2e.conftest import ADMIN, StartServer

LOGIN = "/accounts/api/login/"


def test_forwarded_headers_are_not_believed_unless_configured(start_server: StartServer) -> None:
    """uvicorn believes X-Forwarded-* from loopback by default: a client there could pick its
    address (walking around the per-address lock) and its scheme (Secure cookies)."""
    api, _ = start_server()
    spoofed = {"X-Forwarded-Proto": "https"}
    signed_in = api.http.post(LOGIN, json=ADMIN, headers=spoofed)
    assert signed_in.status_code == 200, signed_in.text
    assert "secure" not in signed_in.headers["set-cookie"].lower()
    for n in range(5):
        guess = {"username": f"someone{n}", "password": "guess"}
        refused = api.http.post(LOGIN, json=guess, headers={"X-Forwarded-For": f"203.0.113.{n}"})
        assert refused.status_code == 400, refused.text
    locked = api.http.post(LOGIN, json=ADMIN, headers={"X-Forwarded-For": "198.51.100.9"})
    assert locked.status_code == 429, locked.text


def test_behind_a_trusted_proxy_its_headers_count(start_server: StartServer) -> None:
    api, _ = start_server(AUTOPOST_TRUST_PROXY_HEADERS="true")
    behind_tls = api.http.post(LOGIN, json=ADMIN, headers={"X-Forwarded-Proto": "https"})
    assert behind_tls.status_code == 200, behind_tls.text
    assert "secure" in behind_tls.headers["set-cookie"].lower()


def test_only_the_named_hosts_are_answered_and_links_use_the_public_address(
    start_server: StartServer,
) -> None:
    api, _ = start_server(AUTOPOST_PUBLIC_URL="https://autopost.example.com")
    foreign = api.http.get("/api/users/", headers={"Host": "attacker.example"})
    assert foreign.status_code == 400
    named = api.http.get(
        "/api/users/", params={"page_size": 1}, headers={"Host": "autopost.example.com"}
    )
    assert named.status_code == 200, named.text
    created = api.http.post(
        "/api/users/",
        json={
            "username": "bob",
            "email": "bob@example.com",
            "password": "a long passphrase",
            "password_confirm": "a long passphrase",
        },
    )
    assert created.status_code == 201, created.text
    page = api.http.get("/api/users/", params={"page_size": 1}).json()
    assert page["next"] == "https://autopost.example.com/api/users/?page_size=1&page=2"


def test_a_body_over_the_limit_is_refused_before_it_is_read(start_server: StartServer) -> None:
    api, _ = start_server(AUTOPOST_MAX_BODY_BYTES="4096")
    declared = api.http.post(
        "/api/v1/posts/",
        content=b"{" + b" " * 10_000 + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert declared.status_code == 413
    # Chunked, with no length: refused once 4 KiB have arrived, though the client sends on.
    url = httpx.URL(str(api.http.base_url))
    token = api.http.headers["Authorization"]
    with socket.create_connection((url.host, url.port), timeout=10) as conn:
        conn.sendall(
            b"POST /api/v1/posts/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"Authorization: {token}\r\n".encode()
            + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b" " * 1024
        for _ in range(8):
            conn.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        answer = conn.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
