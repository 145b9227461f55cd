"""Faults that strike at random, as a flaky Graph API does, and rate limits that look like
Meta's: the error code and the usage header that says which limit was reached."""

from __future__ import annotations

import json
from collections import Counter

import httpx
import pytest
from sandbox_kit import AUTH, USER
from sandbox_kit import traced_error_of as error_of

from autopost.sandbox.settings import DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

SERVER_ERROR = {"action": "error", "method": "GET", "path_suffix": "/media", "status": 503}


async def arm(sandbox: httpx.AsyncClient, **fault: object) -> dict[str, object]:
    armed = await sandbox.post("/_sandbox/faults", json=fault)
    assert armed.status_code == 201, armed.text
    return dict(armed.json())


async def statuses(sandbox: httpx.AsyncClient, calls: int) -> list[int]:
    return [(await sandbox.get(f"{USER}/media", headers=AUTH)).status_code for _ in range(calls)]


async def test_faults_with_a_chance_strike_about_that_share_of_calls(
    sandbox: httpx.AsyncClient,
) -> None:
    await arm(sandbox, **SERVER_ERROR, chance=0.1, seed=7)
    await arm(sandbox, action="error", method="GET", path_suffix="/media", code=4, chance=0.1)
    counted = Counter(await statuses(sandbox, 1000))
    assert 70 <= counted[503] <= 130
    assert 70 <= counted[400] <= 130
    assert counted[200] == 1000 - counted[503] - counted[400]


async def test_the_same_seed_strikes_the_same_calls(sandbox: httpx.AsyncClient) -> None:
    runs = []
    for _ in range(2):
        await sandbox.post("/_sandbox/reset")
        await arm(sandbox, **SERVER_ERROR, chance=0.3, seed=11)
        runs.append(await statuses(sandbox, 50))
    assert runs[0] == runs[1] and 503 in runs[0] and 200 in runs[0]


async def test_a_fault_armed_for_the_next_call_comes_before_the_dice(
    sandbox: httpx.AsyncClient,
) -> None:
    await arm(sandbox, **SERVER_ERROR, chance=1.0)
    await arm(sandbox, action="error", method="GET", path_suffix="/media", status=500)
    assert await statuses(sandbox, 2) == [500, 503]


async def test_an_app_rate_limit_says_the_app_used_all_its_calls(
    sandbox: httpx.AsyncClient,
) -> None:
    armed = await arm(sandbox, action="error", path_suffix="/media", code=4)
    assert armed["status"] == 400
    refused = await sandbox.get(f"{USER}/media", headers=AUTH)
    assert refused.status_code == 400
    error = error_of(refused)
    assert (error["code"], error["is_transient"]) == (4, True)
    assert error["message"] == "(#4) Application request limit reached"
    assert json.loads(refused.headers["x-app-usage"])["call_count"] == 100


@pytest.mark.parametrize("code", [32, 613, 80002])
async def test_an_account_rate_limit_says_when_the_account_regains_access(
    sandbox: httpx.AsyncClient, code: int
) -> None:
    await arm(sandbox, action="error", path_suffix="/media", code=code, seconds=150)
    refused = await sandbox.get(f"{USER}/media", headers=AUTH)
    assert refused.status_code == 400 and error_of(refused)["code"] == code
    usage = json.loads(refused.headers["x-business-use-case-usage"])
    (entry,) = usage[DEMO_IG_USER_ID]
    assert entry["call_count"] == 100
    assert entry["estimated_time_to_regain_access"] == 3


async def test_a_chance_must_be_a_share_of_the_calls(sandbox: httpx.AsyncClient) -> None:
    for chance in (0, 1.5, "half", True):
        refused = await sandbox.post("/_sandbox/faults", json={**SERVER_ERROR, "chance": chance})
        assert refused.status_code == 400, chance
