from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.processes import AUTOPOST, Process, free_port, wait_until

ADMIN = {"username": "admin", "password": "correct horse battery"}
IG_USER = "17841400000000001"
IG_TOKEN = "sandbox-instagram-token"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e" in str(item.path):
            item.add_marker(pytest.mark.e2e)


class Sandbox:
    def __init__(self, url: str) -> None:
        self.url = url
        self.graph_url = f"{url}/v24.0"
        self.http = httpx.Client(base_url=url, timeout=10.0)

    def settings(self, **values: Any) -> None:
        self.http.put("/_sandbox/instagram/settings", json=values).raise_for_status()

    def fault(self, **fault: Any) -> None:
        self.http.post("/_sandbox/faults", json=fault).raise_for_status()

    def published(self) -> list[dict[str, Any]]:
        response = self.http.get("/_sandbox/instagram/published")
        response.raise_for_status()
        return list(response.json()["data"])

    def requests(self) -> list[dict[str, Any]]:
        return list(self.http.get("/_sandbox/requests").json()["data"])


class Api:
    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=10.0)

    def login(self) -> None:
        response = self.http.post("/api/v1/api-token-auth/", json=ADMIN)
        response.raise_for_status()
        self.http.headers["Authorization"] = f"Token {response.json()['token']}"

    def schedule(self, due: datetime, **fields: Any) -> dict[str, Any]:
        body = {
            "user_id": IG_USER,
            "token": IG_TOKEN,
            "url": "https://cdn.example.com/photo.jpg",
            "content_type": "Photo",
            "date_pub": due.isoformat(),
            **fields,
        }
        response = self.http.post("/api/v1/posts/", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def post(self, post_id: int) -> dict[str, Any]:
        response = self.http.get(f"/api/v1/posts/{post_id}/")
        response.raise_for_status()
        return dict(response.json())

    def wait_for_status(self, post_id: int, status: str, timeout: float = 60.0) -> dict[str, Any]:
        return wait_until(
            lambda: (p := self.post(post_id))["status"] == status and p,
            timeout,
            f"post {post_id} to be {status}",
        )


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    port = free_port()
    process = Process("sandbox", ["sandbox", "--port", str(port)], {}, tmp_path)
    try:
        process.wait_http(f"http://127.0.0.1:{port}/_sandbox/instagram/settings")
        yield Sandbox(f"http://127.0.0.1:{port}")
    finally:
        process.stop()


def autopost_env(tmp_path: Path, sandbox: Sandbox, **overrides: str) -> dict[str, str]:
    return {
        "AUTOPOST_VAR_DIR": str(tmp_path / "var"),
        "AUTOPOST_SECRET_KEY": "e2e-secret-key-not-for-production",
        "AUTOPOST_INSTAGRAM_GRAPH_URL": sandbox.graph_url,
        "AUTOPOST_CONTAINER_POLL_SECONDS": "0.5",
        "AUTOPOST_SWEEP_INTERVAL_SECONDS": "1",
        "AUTOPOST_RETRY_BASE_SECONDS": "0.5",
        "AUTOPOST_LOG_LEVEL": "INFO",
        **overrides,
    }


def create_admin(env: dict[str, str], cwd: Path) -> None:
    subprocess.run(
        [
            *AUTOPOST,
            "createsuperuser",
            "--username",
            ADMIN["username"],
            "--email",
            "admin@example.com",
            "--password",
            ADMIN["password"],
        ],
        env={**__import__("os").environ, **env},
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=60,
    )


StartServer = Callable[..., tuple[Api, Process]]


@pytest.fixture
def start_server(tmp_path: Path, sandbox: Sandbox) -> Iterator[StartServer]:
    started: list[Process] = []

    def start(port: int | None = None, **overrides: str) -> tuple[Api, Process]:
        env = autopost_env(tmp_path, sandbox, **overrides)
        if not started:  # a server started again keeps the database, and its administrator
            create_admin(env, tmp_path)
        port = port or free_port()
        process = Process("serve", ["serve", "--port", str(port)], env, tmp_path)
        started.append(process)
        process.wait_http(f"http://127.0.0.1:{port}/health/")
        api = Api(f"http://127.0.0.1:{port}")
        api.login()
        return api, process

    yield start
    for process in started:
        process.stop()
        assert IG_TOKEN not in process.log(), "an access token reached a log"


def soon(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)
