"""Google's sign-in in the sandbox: the consent page, the token endpoint with PKCE refused the
way Google refuses, userinfo, and the control route that says who signs in."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sandbox_kit import FakeClock

from autopost.sandbox.google_sign_in_state import GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET

pytestmark = pytest.mark.integration

AUTH = "/google/o/oauth2/v2/auth"
REDIRECT = "https://autopost.test/accounts/google-oauth-callback/"
VERIFIER = "a-verifier-that-is-long-enough-to-be-a-real-pkce-verifier-0123456789"


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def consent_params(**extra: str) -> dict[str, str]:
    return {
        "client_id": GOOGLE_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "openid email profile",
        "state": "s-1",
        "code_challenge": s256(VERIFIER),
        "code_challenge_method": "S256",
        **extra,
    }


def sent_back(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT)
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


async def new_code(sandbox: httpx.AsyncClient, **extra: str) -> str:
    back = sent_back(await sandbox.get(AUTH, params=consent_params(approve="1", **extra)))
    return back["code"]


async def exchange(
    sandbox: httpx.AsyncClient, issued: str, /, **changes: str | None
) -> httpx.Response:
    form: dict[str, Any] = {
        "client_id": GOOGLE_CLIENT_ID,
        "client_secret": GOOGLE_CLIENT_SECRET,
        "code": issued,
        "code_verifier": VERIFIER,
        "redirect_uri": REDIRECT,
        "grant_type": "authorization_code",
        **changes,
    }
    return await sandbox.post(
        "/google/token", data={k: v for k, v in form.items() if v is not None}
    )


def refusal(response: httpx.Response, status: int) -> tuple[str, str]:
    assert response.status_code == status, response.text
    body = response.json()
    return body["error"], body["error_description"]


# The consent page


async def test_the_consent_page_shows_who_signs_in_and_posts_back(
    sandbox: httpx.AsyncClient,
) -> None:
    page = await sandbox.get(AUTH, params=consent_params(state='"><script>'))
    assert page.status_code == 200
    assert "google.demo@example.com" in page.text
    assert f'<form method="post" action="{AUTH}">' in page.text
    assert "<script>" not in page.text and "&quot;&gt;&lt;script&gt;" in page.text
    form = {**consent_params(), "approve": "1"}
    back = sent_back(await sandbox.post(AUTH, data=form))
    assert back["state"] == "s-1" and back["code"]
    assert "openid" in back["scope"]


async def test_cancelling_sends_access_denied_back(sandbox: httpx.AsyncClient) -> None:
    back = sent_back(await sandbox.get(AUTH, params=consent_params(deny="1")))
    assert back == {"error": "access_denied", "state": "s-1"}


async def test_only_the_code_flow_is_offered(sandbox: httpx.AsyncClient) -> None:
    back = sent_back(await sandbox.get(AUTH, params=consent_params(response_type="token")))
    assert back["error"] == "unsupported_response_type"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"client_id": "someone-else"}, "invalid_client"),
        ({"redirect_uri": "javascript:alert(1)"}, "redirect_uri"),
        ({"scope": ""}, "scope"),
        ({"code_challenge_method": "S512"}, "code_challenge_method"),
        ({"code_challenge": ""}, "code_challenge"),
    ],
)
async def test_a_request_that_cannot_be_sent_back_gets_an_error_page(
    sandbox: httpx.AsyncClient, change: dict[str, str], says: str
) -> None:
    response = await sandbox.get(AUTH, params={**consent_params(approve="1"), **change})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert says in response.text and "location" not in response.headers


# The token endpoint


async def test_a_code_and_its_verifier_give_a_bearer_token_and_an_id_token(
    sandbox: httpx.AsyncClient,
) -> None:
    response = await exchange(sandbox, await new_code(sandbox))
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 3599)
    assert body["access_token"].startswith("ya29.")
    _, claims, _ = body["id_token"].split(".")
    said = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    assert (said["aud"], said["email"], said["email_verified"]) == (
        GOOGLE_CLIENT_ID,
        "google.demo@example.com",
        True,
    )


async def test_the_client_may_authenticate_with_http_basic(sandbox: httpx.AsyncClient) -> None:
    code = await new_code(sandbox)
    response = await sandbox.post(
        "/google/token",
        data={
            "code": code,
            "code_verifier": VERIFIER,
            "redirect_uri": REDIRECT,
            "grant_type": "authorization_code",
        },
        auth=(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET),
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("changes", "status", "error", "description"),
    [
        ({"client_id": None}, 400, "invalid_request", "Could not determine client ID"),
        ({"client_id": "someone-else"}, 401, "invalid_client", "not found"),
        ({"client_secret": "wrong"}, 401, "invalid_client", "Unauthorized"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type", "Invalid grant_type"),
        ({"redirect_uri": None}, 400, "invalid_request", "redirect_uri"),
        ({"code": "4/0A-never-issued"}, 400, "invalid_grant", "Bad Request"),
        ({"redirect_uri": "https://elsewhere.test/"}, 400, "redirect_uri_mismatch", "Bad"),
        ({"code_verifier": None}, 400, "invalid_grant", "Missing code verifier."),
        ({"code_verifier": VERIFIER + "x"}, 400, "invalid_grant", "Invalid code verifier."),
    ],
)
async def test_the_token_endpoint_refuses_as_google_does(
    sandbox: httpx.AsyncClient,
    changes: dict[str, str | None],
    status: int,
    error: str,
    description: str,
) -> None:
    said = refusal(await exchange(sandbox, await new_code(sandbox), **changes), status)
    assert said[0] == error and description in said[1]


async def test_a_code_works_once_even_after_a_wrong_verifier(sandbox: httpx.AsyncClient) -> None:
    code = await new_code(sandbox)
    assert (await exchange(sandbox, code)).status_code == 200
    assert refusal(await exchange(sandbox, code), 400) == ("invalid_grant", "Bad Request")
    tried = await new_code(sandbox)
    await exchange(sandbox, tried, code_verifier="guess-" * 8)
    assert refusal(await exchange(sandbox, tried), 400)[0] == "invalid_grant"


async def test_a_code_expires_after_ten_minutes(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    code = await new_code(sandbox)
    clock.advance(minutes=10)
    assert refusal(await exchange(sandbox, code), 400)[0] == "invalid_grant"


async def test_a_plain_challenge_is_the_verifier_itself(sandbox: httpx.AsyncClient) -> None:
    code = await new_code(sandbox, code_challenge=VERIFIER, code_challenge_method="plain")
    assert (await exchange(sandbox, code)).status_code == 200


# Userinfo and the control route


async def test_userinfo_says_who_signed_in_while_the_token_lives(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    token = (await exchange(sandbox, await new_code(sandbox))).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    info = (await sandbox.get("/google/userinfo", headers=headers)).json()
    assert {k: info[k] for k in ("sub", "email", "email_verified", "given_name")} == {
        "sub": "100000000000000000001",
        "email": "google.demo@example.com",
        "email_verified": True,
        "given_name": "Demo",
    }
    clock.advance(seconds=3599)
    expired = await sandbox.get("/google/userinfo", headers=headers)
    assert refusal(expired, 401) == ("invalid_request", "Invalid Credentials")
    assert (await sandbox.get("/google/userinfo")).status_code == 401


async def test_the_control_route_changes_who_signs_in_until_a_reset(
    sandbox: httpx.AsyncClient,
) -> None:
    changed = await sandbox.post(
        "/_sandbox/google/account", json={"email": "eve@example.com", "email_verified": False}
    )
    assert changed.json()["email"] == "eve@example.com"
    token = (await exchange(sandbox, await new_code(sandbox))).json()["access_token"]
    info = await sandbox.get("/google/userinfo", headers={"Authorization": f"Bearer {token}"})
    assert (info.json()["email"], info.json()["email_verified"]) == ("eve@example.com", False)
    await sandbox.post("/_sandbox/reset")
    shown = (await sandbox.get("/_sandbox/google/account")).json()
    assert shown["email"] == "google.demo@example.com"


@pytest.mark.parametrize(
    "body", [{"colour": "blue"}, {"email_verified": "yes"}, {"email": 3}, {"sub": " "}]
)
async def test_the_control_route_refuses_what_is_not_an_account(
    sandbox: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    response = await sandbox.post("/_sandbox/google/account", json=body)
    assert response.status_code == 400 and response.json()["error"]
