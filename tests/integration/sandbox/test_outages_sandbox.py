"""A service taken down through ``/_sandbox/services/<name>`` answers every call 503, in its own
way, until it is brought back up or the sandbox is reset."""

from __future__ import annotations

import httpx
import pytest

from autopost.sandbox.demo_keys import (
    CLICKUP_DEMO_KEY,
    GEMINI_DEMO_KEY,
    HUNTFLOW_PROD_DEMO_KEY,
    HUNTFLOW_SANDBOX_DEMO_KEY,
    NOTION_DEMO_KEY,
)
from autopost.sandbox.outages import SERVICES
from autopost.sandbox.pinterest_settings import PINTEREST_DEMO_ACCESS_TOKEN
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN
from autopost.sandbox.telegram_state import TELEGRAM_BOT_TOKEN

pytestmark = pytest.mark.integration

# One call per service that works while it is up.
CALLS = {
    "instagram": [("/v24.0/me", {"Authorization": f"Bearer {DEMO_ACCESS_TOKEN}"})],
    "pinterest": [
        ("/pinterest/v5/user_account", {"Authorization": f"Bearer {PINTEREST_DEMO_ACCESS_TOKEN}"})
    ],
    "gemini": [("/gemini/v1beta/models", {"x-goog-api-key": GEMINI_DEMO_KEY})],
    "huntflow": [
        ("/huntflow/prod/v2/me", {"Authorization": f"Bearer {HUNTFLOW_PROD_DEMO_KEY}"}),
        ("/huntflow/sandbox/v2/me", {"Authorization": f"Bearer {HUNTFLOW_SANDBOX_DEMO_KEY}"}),
    ],
    "clickup": [("/clickup/api/v2/user", {"Authorization": CLICKUP_DEMO_KEY})],
    "notion": [
        (
            "/notion/v1/users/me",
            {"Authorization": f"Bearer {NOTION_DEMO_KEY}", "Notion-Version": "2022-06-28"},
        )
    ],
    "telegram": [(f"/telegram/bot{TELEGRAM_BOT_TOKEN}/getMe", {})],
}


async def switch(sandbox: httpx.AsyncClient, service: str, down: bool) -> None:
    answer = await sandbox.put(f"/_sandbox/services/{service}", json={"down": down})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"service": service, "down": down}


async def statuses(sandbox: httpx.AsyncClient, service: str) -> list[int]:
    return [(await sandbox.get(p, headers=h)).status_code for p, h in CALLS[service]]


def test_every_service_has_a_call_to_try() -> None:
    assert set(CALLS) == set(SERVICES)


@pytest.mark.parametrize("service", SERVICES)
async def test_a_service_down_answers_503_and_the_others_go_on(
    sandbox: httpx.AsyncClient, service: str
) -> None:
    await switch(sandbox, service, True)
    assert set(await statuses(sandbox, service)) == {503}
    for other in SERVICES:
        if other != service:
            assert set(await statuses(sandbox, other)) == {200}, other
    assert (await sandbox.get("/_sandbox/services")).json()[service] is True
    await switch(sandbox, service, False)
    assert set(await statuses(sandbox, service)) == {200}


async def test_a_reset_brings_every_service_back(sandbox: httpx.AsyncClient) -> None:
    for service in SERVICES:
        await switch(sandbox, service, True)
    assert (await sandbox.post("/_sandbox/reset")).status_code == 200
    assert (await sandbox.get("/_sandbox/services")).json() == dict.fromkeys(SERVICES, False)
    for service in SERVICES:
        assert set(await statuses(sandbox, service)) == {200}, service


async def test_a_call_to_a_service_down_is_logged_without_its_query(
    sandbox: httpx.AsyncClient,
) -> None:
    await switch(sandbox, "gemini", True)
    await sandbox.get("/gemini/v1beta/models", params={"key": GEMINI_DEMO_KEY})
    logged = (await sandbox.get("/_sandbox/requests")).json()["data"]
    assert logged[-1] == {
        "method": "GET",
        "path": "/gemini/v1beta/models",
        "params": {},
        "status": 503,
    }


async def test_graph_down_says_so_as_graph_does(sandbox: httpx.AsyncClient) -> None:
    await switch(sandbox, "instagram", True)
    path, headers = CALLS["instagram"][0]
    error = (await sandbox.get(path, headers=headers)).json()["error"]
    assert (error["code"], error["is_transient"]) == (2, True)


@pytest.mark.parametrize(
    ("service", "body", "problem"),
    [
        ("myspace", {"down": True}, 404),
        ("gemini", {"down": "yes"}, 400),
        ("gemini", {}, 400),
    ],
)
async def test_a_wrong_switch_is_refused(
    sandbox: httpx.AsyncClient, service: str, body: dict[str, object], problem: int
) -> None:
    answer = await sandbox.put(f"/_sandbox/services/{service}", json=body)
    assert answer.status_code == problem
    assert "error" in answer.json()
