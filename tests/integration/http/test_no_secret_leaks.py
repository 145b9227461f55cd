"""No stored secret ever comes back: not in a response, not in a log line, not in an error.

Secrets of every kind are stored through the API (a password, an Instagram token given with a
post, a Pinterest account's tokens, each integration key in the settings, a key sent to be
checked); then every documented operation is called, with its example and with input that
makes it fail, every web page is opened, and the audit log is read. Every body, every header
and every log record (all loggers, DEBUG and up) is scanned for each secret's value.
"""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from sandboxed_world import PASSWORD, sandboxed_container, seed_world, sqlite_copy
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.adapters.http.openapi.operation import Operation
from autopost.adapters.http.openapi.operations import OPERATIONS
from autopost.adapters.http.pages.routes import routes as page_routes
from autopost.entrypoints.container import close_resources
from autopost.sandbox.settings import DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

SECRETS = {
    "new password": "Sekret-New-Passphrase-9931",
    "instagram token": "EAAG-leak-check-instagram-4242",
    "pinterest access": "pina_leak-check-access-5151",
    "pinterest refresh": "pinr_leak-check-refresh-6161",
    "gemini": "AIza-leak-check-gemini-7171",
    "clickup": "pk_leak_check_clickup_8181",
    "notion": "secret_leak_check_notion_9191",
    "huntflow prod": "hf-leak-check-prod-1010",
    "huntflow sandbox": "hf-leak-check-sandbox-2020",
    "key under test": "AIza-leak-check-tested-3030",
}


JSON = {"Content-Type": "application/json"}


def concrete(operation: Operation) -> str:
    path = operation.path
    for param in operation.params:
        if param.location == "path":
            path = path.replace("{" + param.name + "}", str(param.example))
    return path


def leaks(text: str) -> list[str]:
    return [name for name, value in SECRETS.items() if value in text]


async def test_no_secret_in_any_answer_log_or_error(
    tmp_path: Path,
    sqlite_template: Path,
    sandbox_app: Starlette,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    container = await sandboxed_container(
        tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app
    )
    token = await seed_world(container, sandbox_app)
    seen: list[str] = []
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(container)),
        base_url="http://autopost.test",
        headers={"Authorization": f"Token {token}"},
    ) as api:

        async def call(method: str, path: str, **kwargs: object) -> httpx.Response:
            response = await api.request(method, path, **kwargs)  # type: ignore[arg-type]
            seen.append(f"{method} {path} -> {response.status_code}\n{response.headers}\n")
            seen.append(response.text)
            return response

        async def store(method: str, path: str, body: dict[str, str]) -> None:
            response = await call(method, path, json=body)
            assert response.is_success, f"{path}: {response.status_code}"

        # Store one of each.
        await store(
            "PUT",
            "/api/users/settings/",
            {
                "gemini_api_key": SECRETS["gemini"],
                "clickup_api_key": SECRETS["clickup"],
                "notion_integration_token": SECRETS["notion"],
                "huntflow_prod_api_key": SECRETS["huntflow prod"],
                "huntflow_sandbox_api_key": SECRETS["huntflow sandbox"],
                "instagram_access_token": SECRETS["instagram token"],
            },
        )
        await store(
            "POST",
            "/api/v1/posts/",
            {
                "user_id": DEMO_IG_USER_ID,
                "token": SECRETS["instagram token"],
                "url": "https://cdn.example.com/leak.jpg",
                "date_pub": "2031-01-01T10:00:00Z",
            },
        )
        await store(
            "POST",
            "/api/v1/credentials/",
            {
                "platform": "pinterest",
                "account_id": "leakcheck",
                "access_token": SECRETS["pinterest access"],
                "refresh_token": SECRETS["pinterest refresh"],
            },
        )
        await store(
            "POST",
            "/api/users/change-password/",
            {
                "old_password": PASSWORD,
                "new_password": SECRETS["new password"],
                "new_password_confirm": SECRETS["new password"],
            },
        )
        for integration in ("gemini", "notion", "clickup", "huntflow", "instagram", "pinterest"):
            await call(
                "POST",
                f"/accounts/api/test-{integration}/",
                json={"api_key": SECRETS["key under test"]},
            )
            await call("POST", f"/accounts/api/test-{integration}/", json={})
        # A wrong old password and mismatching passwords: the errors must not echo them.
        await call(
            "POST",
            "/api/users/change-password/",
            json={
                "old_password": SECRETS["gemini"],
                "new_password": SECRETS["clickup"],
                "new_password_confirm": SECRETS["notion"],
            },
        )
        await call(
            "POST",
            "/api/users/",
            json={
                "username": "leaky",
                "email": "leaky@example.com",
                "password": SECRETS["huntflow prod"],
                "password_confirm": SECRETS["huntflow sandbox"],
            },
        )
        # Everything there is to read, and every operation with its example and with nonsense.
        for operation in OPERATIONS:
            path, method = concrete(operation), operation.method.upper()
            if method == "GET":
                await call(method, path)
            elif method != "DELETE":
                await call(method, path, json=operation.example or {})
                await call(method, path, content=b'{"broken": ', headers=JSON)
        for route in page_routes:
            await call("GET", route.path)  # type: ignore[attr-defined]
        await call("GET", "/api/audit/?page=1")
    await close_resources(container)

    answers = "\n".join(seen)
    assert leaks(answers) == [], "a secret in a response"
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records)
    assert leaks(logged) == [], "a secret in a log line"
    assert len(caplog.records) > 0, "the logs were captured"
