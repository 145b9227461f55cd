"""A worker's own ``/metrics``: a worker has no web server, and each process counts its own."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from autopost.adapters.observability.exposition import CONTENT_TYPE, bearer_matches, exposition


class MetricsServer:
    """Answers ``GET /metrics`` to requests carrying ``token`` as a bearer token, in threads
    of its own, until stopped."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self._server = ThreadingHTTPServer((host, port), _handler(token))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="metrics", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(token: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?", 1)[0] != "/metrics":
                self._answer(404, b"Not found.\n", "text/plain; charset=utf-8")
            elif not bearer_matches(self.headers.get("Authorization"), token):
                self._answer(401, b"Unauthorized.\n", "text/plain; charset=utf-8")
            else:
                self._answer(200, exposition(), CONTENT_TYPE)

        def _answer(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            if status == 401:
                self.send_header("WWW-Authenticate", "Bearer")
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            # Scrapes every 15 s would fill the log; a request line is not worth it.
            pass

    return Handler
