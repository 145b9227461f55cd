"""``GET /_sandbox/`` lists every control endpoint from the app's own routes, and the demo
accounts, keys and tokens, each of which works where it says."""

from __future__ import annotations

import re

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount

from autopost.sandbox import SandboxSettings, create_app
from autopost.sandbox.control_http import control_route

pytestmark = pytest.mark.integration

SOME = {
    ("GET", "/_sandbox/"),
    ("POST", "/_sandbox/reset"),
    ("POST", "/_sandbox/faults"),
    ("PUT", "/_sandbox/services/{service}"),
    ("PUT", "/_sandbox/latency"),
    ("POST", "/_sandbox/instagram/accounts/{ig_user_id}/media/seed"),
    ("PUT", "/_sandbox/pinterest/settings"),
    ("POST", "/_sandbox/login/facebook/pages"),
    ("GET", "/_sandbox/google/account"),
}


async def endpoints(client: httpx.AsyncClient) -> list[dict[str, str]]:
    answer = await client.get("/_sandbox/")
    assert answer.status_code == 200, answer.text
    listed: list[dict[str, str]] = answer.json()["endpoints"]
    return listed


async def test_every_control_endpoint_is_listed_with_what_it_does(
    sandbox: httpx.AsyncClient,
) -> None:
    listed = await endpoints(sandbox)
    assert {(e["method"], e["path"]) for e in listed} >= SOME
    for endpoint in listed:
        assert set(endpoint) == {"method", "path", "description"}
        assert endpoint["description"], f"{endpoint['method']} {endpoint['path']} says nothing"
        assert endpoint["path"].startswith("/_sandbox/")
    assert len({(e["method"], e["path"]) for e in listed}) == len(listed)


async def test_every_listed_endpoint_answers_as_a_control_endpoint(
    sandbox: httpx.AsyncClient,
) -> None:
    """Not a 405, not the Graph catch-all (whose error is an object): the control API, whose
    errors are a sentence."""
    for endpoint in await endpoints(sandbox):
        path = re.sub(r"\{[^}]+\}", "0", endpoint["path"])
        answer = await sandbox.request(endpoint["method"], path, json={})
        where = f"{endpoint['method']} {path}: {answer.status_code} {answer.text[:80]}"
        assert answer.status_code != 405, where
        is_json = answer.headers.get("content-type", "").startswith("application/json")
        body = answer.json() if is_json else None
        if answer.status_code >= 400:
            assert isinstance(body, dict) and isinstance(body.get("error"), str), where


async def test_an_endpoint_added_later_is_listed_without_being_written_down() -> None:
    app = create_app(SandboxSettings())

    async def later(request: Request) -> Response:
        """Something a later change adds."""
        return JSONResponse({})

    control = next(r for r in app.routes if isinstance(r, Mount) and r.path == "/_sandbox")
    control.routes.append(control_route("/later/{thing}", later, ["POST"]))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sandbox.test"
    ) as client:
        listed = await endpoints(client)
    assert {
        "method": "POST",
        "path": "/_sandbox/later/{thing}",
        "description": "Something a later change adds.",
    } in listed


async def test_without_its_slash_the_index_is_one_redirect_away(
    sandbox: httpx.AsyncClient,
) -> None:
    answer = await sandbox.get("/_sandbox")
    assert (answer.status_code, answer.headers["location"]) == (307, "/_sandbox/")


async def test_every_demo_key_and_token_listed_works_at_its_service(
    sandbox: httpx.AsyncClient,
) -> None:
    demo = (await sandbox.get("/_sandbox/")).json()["demo"]

    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    calls = [
        ("/v24.0/me", bearer(demo["instagram"]["access_token"])),
        ("/pinterest/v5/user_account", bearer(demo["pinterest"]["access_token"])),
        ("/gemini/v1beta/models", {"x-goog-api-key": demo["gemini"]["api_key"]}),
        ("/huntflow/prod/v2/me", bearer(demo["huntflow"]["prod_api_key"])),
        ("/huntflow/sandbox/v2/me", bearer(demo["huntflow"]["sandbox_api_key"])),
        ("/clickup/api/v2/user", {"Authorization": demo["clickup"]["api_key"]}),
        (
            "/notion/v1/users/me",
            {
                **bearer(demo["notion"]["integration_token"]),
                "Notion-Version": "2022-06-28",
            },
        ),
    ]
    for path, headers in calls:
        answer = await sandbox.get(path, headers=headers)
        assert answer.status_code == 200, (path, answer.text)
    account = demo["instagram"]
    node = await sandbox.get(
        f"/v24.0/{account['ig_user_id']}", params={"fields": "username"}, headers=calls[0][1]
    )
    assert node.json()["username"] == account["username"]


async def test_the_demo_apps_are_listed_as_they_are_now(sandbox: httpx.AsyncClient) -> None:
    changed = await sandbox.put("/_sandbox/pinterest/settings", json={"client_secret": "s3"})
    assert changed.status_code == 200, changed.text
    demo = (await sandbox.get("/_sandbox/")).json()["demo"]
    assert demo["pinterest"]["client_secret"] == "s3"
