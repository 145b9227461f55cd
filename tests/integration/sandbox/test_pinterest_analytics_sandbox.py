"""``GET /pins/{pin_id}/analytics`` in `autopost sandbox`: daily numbers that change from day
to day, and what the contract refuses."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sandbox_kit import FakeClock, required_contract_file

from autopost.sandbox.pinterest_contract import (
    PIN_ANALYTICS_APP_TYPES,
    PIN_ANALYTICS_METRIC_TYPES,
    PIN_ANALYTICS_PARAMS,
    PIN_ANALYTICS_SPLIT_FIELDS,
)
from autopost.sandbox.pinterest_settings import PINTEREST_DEMO_ACCESS_TOKEN

pytestmark = pytest.mark.integration

API = "/pinterest/v5"
AUTH = {"Authorization": f"Bearer {PINTEREST_DEMO_ACCESS_TOKEN}"}
BOARD = "900579325426238155"
METRICS = "IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK"


async def new_pin(sandbox: httpx.AsyncClient) -> str:
    body = {
        "board_id": BOARD,
        "media_source": {"source_type": "image_url", "url": "https://cdn.example.com/a.png"},
    }
    created = await sandbox.post(f"{API}/pins", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def analytics(sandbox: httpx.AsyncClient, pin_id: str, **params: str) -> httpx.Response:
    query = {"metric_types": METRICS, **params}
    return await sandbox.get(f"{API}/pins/{pin_id}/analytics", params=query, headers=AUTH)


async def test_a_pins_days_have_numbers_from_the_day_it_was_made(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    made = clock.now().date()
    pin_id = await new_pin(sandbox)
    clock.advance(days=5)
    today = clock.now().date()
    start = made - timedelta(days=1)
    answer = await analytics(
        sandbox, pin_id, start_date=start.isoformat(), end_date=today.isoformat()
    )
    assert answer.status_code == 200, answer.text
    daily = answer.json()["all"]["daily_metrics"]
    statuses = [d["data_status"] for d in daily]
    assert statuses == ["BEFORE_PIN_CREATED"] + ["READY"] * 5 + ["PROCESSING"]
    ready = [d["metrics"] for d in daily if d["data_status"] == "READY"]
    assert all(set(m) == set(METRICS.split(",")) for m in ready)
    assert ready[0]["IMPRESSION"] > 0
    assert len({m["IMPRESSION"] for m in ready}) > 1, "the numbers change from day to day"
    summary = answer.json()["all"]["summary_metrics"]
    assert summary["IMPRESSION"] == sum(d["metrics"].get("IMPRESSION", 0) for d in daily)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"end_date": "2026-11-25"}, 400),
        ({"start_date": "2026-11-20", "end_date": "yesterday"}, 400),
        ({"start_date": "2026-01-01", "end_date": "2026-01-02"}, 400),
        ({"start_date": "2026-11-20", "end_date": "2026-11-25", "metric_types": "FAME"}, 400),
        ({"start_date": "2026-11-20", "end_date": "2026-11-25", "granularity": "DAY"}, 400),
    ],
)
async def test_what_the_contract_refuses_is_refused(
    sandbox: httpx.AsyncClient, params: dict[str, str], status: int
) -> None:
    pin_id = await new_pin(sandbox)
    answer = await analytics(sandbox, pin_id, **params)
    assert answer.status_code == status
    assert answer.json()["message"].startswith("Invalid pins analytics parameters.")


async def test_an_unknown_pin_is_not_found(sandbox: httpx.AsyncClient) -> None:
    answer = await analytics(sandbox, "1234", start_date="2026-11-20", end_date="2026-11-25")
    assert answer.status_code == 404
    assert answer.json()["message"] == "Pin not found."


def test_the_analytics_params_the_sandbox_takes_are_the_contracts() -> None:
    contract: dict[str, Any] = json.loads(
        required_contract_file("pinterest", "openapi-v5.json").read_text()
    )
    parameters = contract["components"]["parameters"]
    operation = contract["paths"]["/pins/{pin_id}/analytics"]["get"]
    named = {parameters[p["$ref"].rsplit("/", 1)[1]]["name"] for p in operation["parameters"]}
    metric_lists = parameters["query_pin_analytics_metric_types"]["schema"]["items"]["oneOf"]
    assert named - {"pin_id"} == PIN_ANALYTICS_PARAMS
    assert set().union(*(m["enum"] for m in metric_lists)) == PIN_ANALYTICS_METRIC_TYPES
    assert set(parameters["query_app_types"]["schema"]["enum"]) == PIN_ANALYTICS_APP_TYPES
    assert set(parameters["query_split_field_pins"]["schema"]["enum"]) == (
        PIN_ANALYTICS_SPLIT_FIELDS
    )
