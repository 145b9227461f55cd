"""`autopost serve` against `autopost sandbox`, with a webhook receiver on loopback: the
receiver gets signed `publication.published` events, verified with the standardwebhooks
library, and the secret is in no log; and a server killed (SIGKILL) while its deliveries wait
for a receiver that is down delivers, once started again, exactly the events it committed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from standardwebhooks import Webhook

from tests.e2e.conftest import Sandbox, StartServer, soon
from tests.e2e.processes import wait_until


class Receiver:
    def __init__(self) -> None:
        self.got: list[tuple[dict[str, str], bytes]] = []
        self.refused = 0
        self.down = False
        self.lock = threading.Lock()


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    received = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            with received.lock:
                if received.down:
                    received.refused += 1
                    self.send_response(503)
                    self.end_headers()
                    return
                received.got.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield received, f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()


def test_a_receiver_gets_signed_published_events_for_each_post(
    start_server: StartServer, sandbox: Sandbox, receiver: tuple[Receiver, str]
) -> None:
    received, url = receiver
    api, server = start_server(AUTOPOST_WEBHOOKS_ALLOW_PRIVATE="true")
    created = api.http.post(
        "/api/v1/webhooks/", json={"url": url, "events": ["publication.published"]}
    )
    assert created.status_code == 201, created.text
    secret = created.json()["secret"]
    assert secret.startswith("whsec_")
    listed = api.http.get("/api/v1/webhooks/").json()
    assert "secret" not in listed[0]

    posts = [api.schedule(soon(1 + n), caption=f"webhook e2e {n}") for n in range(2)]
    for post in posts:
        api.wait_for_status(post["id"], "published")
    got = wait_until(lambda: len(received.got) >= 2 and list(received.got), 30, "2 deliveries")

    payloads = [Webhook(secret).verify(body, headers) for headers, body in got]
    assert {p["type"] for p in payloads} == {"publication.published"}
    by_post = {p["data"]["post_id"]: p["data"] for p in payloads}
    assert set(by_post) == {p["id"] for p in posts}
    for post in posts:
        assert by_post[post["id"]]["remote_id"] == api.post(post["id"])["remote_id"]
    ids = {headers["webhook-id"] for headers, _ in got}
    assert len(ids) == 2 and all(i.startswith("evt_") for i in ids)

    hook_id = created.json()["id"]
    deliveries = api.http.get(f"/api/v1/webhooks/{hook_id}/deliveries/").json()
    assert {d["status"] for d in deliveries} == {"delivered"}
    assert all(d["status_code"] == 204 and d["latency_ms"] is not None for d in deliveries)
    server.stop()
    assert secret.removeprefix("whsec_") not in server.log(), "the secret reached a log"


def test_a_server_killed_while_deliveries_wait_delivers_each_committed_event_once_restarted(
    start_server: StartServer, sandbox: Sandbox, receiver: tuple[Receiver, str]
) -> None:
    received, url = receiver
    received.down = True
    api, server = start_server(AUTOPOST_WEBHOOKS_ALLOW_PRIVATE="true")
    created = api.http.post(
        "/api/v1/webhooks/", json={"url": url, "events": ["publication.published"]}
    )
    assert created.status_code == 201, created.text
    secret = created.json()["secret"]
    due = soon(2)  # together: their deliveries are refused, and wait, together
    posts = [api.schedule(due, caption=f"killed e2e {n}") for n in range(3)]
    for post in posts:
        api.wait_for_status(post["id"], "published")
    hook = created.json()["id"]

    def between_tries() -> bool:
        """Each delivery refused once and its next try seconds away: none is in flight (one
        cut off in flight would wait out its claim, two minutes, before it is tried again)."""
        deliveries = api.http.get(f"/api/v1/webhooks/{hook}/deliveries/").json()
        now = datetime.now(UTC)

        def waiting(delivery: dict[str, Any]) -> bool:
            # After one refusal the next try is 5 s away, a claim in flight holds it for 2
            # minutes; after two, the next try is 5 minutes away (and this test ends first).
            if delivery["attempts"] < 1 or delivery["next_try_at"] is None:
                return False
            ahead = datetime.fromisoformat(delivery["next_try_at"]) - now
            return ahead > timedelta(seconds=2) and (
                delivery["attempts"] >= 2 or ahead < timedelta(seconds=60)
            )

        return len(deliveries) == 3 and all(waiting(d) for d in deliveries)

    wait_until(between_tries, 30, "each delivery refused once, its next try seconds away")
    server.kill()
    received.down = False
    api, server = start_server(AUTOPOST_WEBHOOKS_ALLOW_PRIVATE="true")

    got = wait_until(lambda: len(received.got) >= 3 and list(received.got), 60, "3 deliveries")
    payloads = [Webhook(secret).verify(body, headers) for headers, body in got]
    assert sorted(p["data"]["post_id"] for p in payloads) == sorted(p["id"] for p in posts)
    assert len({headers["webhook-id"] for headers, _ in got}) == 3, "each event once"
    server.stop()
    assert len(received.got) == 3, "nothing more after the three committed events"
