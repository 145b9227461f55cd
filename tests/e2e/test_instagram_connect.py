"""Connecting Instagram end to end: `autopost serve` goes through the consent pages of
`autopost sandbox` for Facebook Login and Instagram Login, then publishes with the account."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.conftest import Api, Sandbox, StartServer, soon
from tests.e2e.processes import free_port


def meta_settings(sandbox: Sandbox, port: int) -> dict[str, str]:
    return {
        "AUTOPOST_FACEBOOK_APP_ID": "sandbox-facebook-app",
        "AUTOPOST_FACEBOOK_APP_SECRET": "sandbox-facebook-secret",
        "AUTOPOST_FACEBOOK_DIALOG_URL": f"{sandbox.url}/facebook/dialog/oauth",
        "AUTOPOST_INSTAGRAM_APP_ID": "sandbox-instagram-app",
        "AUTOPOST_INSTAGRAM_APP_SECRET": "sandbox-instagram-app-secret",
        "AUTOPOST_INSTAGRAM_AUTHORIZE_URL": f"{sandbox.url}/instagram/oauth/authorize",
        "AUTOPOST_INSTAGRAM_TOKEN_URL": f"{sandbox.url}/instagram/oauth/access_token",
        "AUTOPOST_INSTAGRAM_LOGIN_GRAPH_URL": sandbox.url,
        "AUTOPOST_INSTAGRAM_REDIRECT_URI": f"http://127.0.0.1:{port}/auth/instagram/callback/",
    }


def connect(api: Api, login: str) -> list[dict[str, Any]]:
    started = api.http.get("/auth/instagram/authorize/", params={"login": login, "format": "json"})
    assert started.status_code == 200, started.text
    consent = httpx.get(started.json()["authorize_url"], timeout=10)
    assert consent.status_code == 302, consent.text
    back = httpx.get(consent.headers["location"], timeout=30)
    assert back.status_code == 200, back.text
    return list(back.json()["credentials"])


@pytest.mark.parametrize("login", ["facebook", "instagram"])
def test_a_connected_account_publishes(
    start_server: StartServer, sandbox: Sandbox, login: str
) -> None:
    port = free_port()
    api, process = start_server(port=port, **meta_settings(sandbox, port))
    (credential,) = connect(api, login)
    assert credential["account_id"] == "17841400000000001"
    assert credential["environment"] == login and credential["expires_at"]

    post = api.schedule(
        soon(1), credential=credential["id"], user_id=None, token=None, caption=f"via {login}"
    )
    api.wait_for_status(post["id"], "published")
    assert [e["caption"] for e in sandbox.published()] == [f"via {login}"]
    log = process.log()
    assert "sandbox-facebook-secret" not in log and "sandbox-instagram-app-secret" not in log
