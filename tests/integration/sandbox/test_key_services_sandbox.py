"""The services whose keys Autopost checks, in the sandbox: each accepts its demo key and refuses
any other as the real one does, with its status and error shape; faults meet them too, and the
request log never holds a key."""

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

pytestmark = pytest.mark.integration

NOTION_VERSION = {"Notion-Version": "2022-06-28"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_gemini_lists_models_for_its_demo_key_in_the_header_or_the_query(
    sandbox: httpx.AsyncClient,
) -> None:
    by_header = await sandbox.get(
        "/gemini/v1beta/models",
        params={"pageSize": "1"},
        headers={"x-goog-api-key": GEMINI_DEMO_KEY},
    )
    assert by_header.status_code == 200, by_header.text
    assert [m["name"] for m in by_header.json()["models"]] == ["models/gemini-2.5-flash"]
    following = await sandbox.get(
        "/gemini/v1beta/models",
        params={"key": GEMINI_DEMO_KEY, "pageToken": by_header.json()["nextPageToken"]},
    )
    assert following.status_code == 200, following.text
    assert "nextPageToken" not in following.json()
    assert len(following.json()["models"]) == 2


async def test_gemini_refuses_another_key_with_a_400_and_no_key_with_a_403(
    sandbox: httpx.AsyncClient,
) -> None:
    wrong = await sandbox.get("/gemini/v1beta/models", headers={"x-goog-api-key": "AIza-wrong"})
    assert wrong.status_code == 400
    error = wrong.json()["error"]
    assert (error["code"], error["status"]) == (400, "INVALID_ARGUMENT")
    assert error["details"][0]["reason"] == "API_KEY_INVALID"
    missing = await sandbox.get("/gemini/v1beta/models")
    assert missing.status_code == 403
    assert missing.json()["error"]["status"] == "PERMISSION_DENIED"


async def test_a_gemini_key_in_the_query_is_not_logged(sandbox: httpx.AsyncClient) -> None:
    await sandbox.get("/gemini/v1beta/models", params={"key": GEMINI_DEMO_KEY, "pageSize": "1"})
    logged = (await sandbox.get("/_sandbox/requests")).json()["data"]
    assert logged[-1]["path"] == "/gemini/v1beta/models"
    assert logged[-1]["params"] == {"pageSize": "1"}
    assert logged[-1]["status"] == 200
    assert GEMINI_DEMO_KEY not in str(logged)


@pytest.mark.parametrize(
    ("system", "own", "other"),
    [
        ("prod", HUNTFLOW_PROD_DEMO_KEY, HUNTFLOW_SANDBOX_DEMO_KEY),
        ("sandbox", HUNTFLOW_SANDBOX_DEMO_KEY, HUNTFLOW_PROD_DEMO_KEY),
    ],
)
async def test_each_huntflow_system_knows_its_own_demo_key_only(
    sandbox: httpx.AsyncClient, system: str, own: str, other: str
) -> None:
    me = await sandbox.get(f"/huntflow/{system}/v2/me", headers=bearer(own))
    assert me.status_code == 200, me.text
    assert {"id", "name", "email", "locale"} <= set(me.json())
    for headers in (bearer(other), {}):
        refused = await sandbox.get(f"/huntflow/{system}/v2/me", headers=headers)
        assert refused.status_code == 401
        assert refused.json() == {
            "errors": [
                {
                    "type": "authorization_error",
                    "title": "Authorization Error",
                    "detail": "Invalid access token",
                }
            ]
        }


async def test_clickup_takes_its_personal_token_as_it_is(sandbox: httpx.AsyncClient) -> None:
    user = await sandbox.get("/clickup/api/v2/user", headers={"Authorization": CLICKUP_DEMO_KEY})
    assert user.status_code == 200, user.text
    assert {"id", "username", "email"} <= set(user.json()["user"])
    wrong = await sandbox.get("/clickup/api/v2/user", headers={"Authorization": "pk_1_WRONG"})
    assert (wrong.status_code, wrong.json()) == (
        401,
        {"err": "Token invalid", "ECODE": "OAUTH_025"},
    )
    missing = await sandbox.get("/clickup/api/v2/user")
    assert (missing.status_code, missing.json()["ECODE"]) == (401, "OAUTH_017")


async def test_notion_answers_the_bot_user_of_its_demo_token(sandbox: httpx.AsyncClient) -> None:
    me = await sandbox.get(
        "/notion/v1/users/me", headers={**bearer(NOTION_DEMO_KEY), **NOTION_VERSION}
    )
    assert me.status_code == 200, me.text
    assert (me.json()["object"], me.json()["type"]) == ("user", "bot")
    wrong = await sandbox.get(
        "/notion/v1/users/me", headers={**bearer("ntn_wrong"), **NOTION_VERSION}
    )
    assert wrong.status_code == 401
    assert {k: wrong.json()[k] for k in ("object", "status", "code", "message")} == {
        "object": "error",
        "status": 401,
        "code": "unauthorized",
        "message": "API token is invalid.",
    }


async def test_notion_wants_its_version_header(sandbox: httpx.AsyncClient) -> None:
    answer = await sandbox.get("/notion/v1/users/me", headers=bearer(NOTION_DEMO_KEY))
    assert (answer.status_code, answer.json()["code"]) == (400, "missing_version")


@pytest.mark.parametrize(
    ("path", "headers", "shape"),
    [
        ("/gemini/v1beta/models", {"x-goog-api-key": GEMINI_DEMO_KEY}, "error"),
        ("/huntflow/prod/v2/me", bearer(HUNTFLOW_PROD_DEMO_KEY), "errors"),
        ("/clickup/api/v2/user", {"Authorization": CLICKUP_DEMO_KEY}, "err"),
        ("/notion/v1/users/me", {**bearer(NOTION_DEMO_KEY), **NOTION_VERSION}, "object"),
    ],
    ids=["gemini", "huntflow", "clickup", "notion"],
)
async def test_an_armed_fault_is_answered_in_the_services_own_shape(
    sandbox: httpx.AsyncClient, path: str, headers: dict[str, str], shape: str
) -> None:
    fault = {"action": "error", "path_suffix": path, "status": 500}
    assert (await sandbox.post("/_sandbox/faults", json=fault)).status_code == 201
    failed = await sandbox.get(path, headers=headers)
    assert failed.status_code == 500
    assert shape in failed.json()
    assert (await sandbox.get(path, headers=headers)).status_code == 200  # once
