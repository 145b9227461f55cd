"""The Google sign-in gateway against `autopost sandbox` (in process), and against respx for the
failures the sandbox does not make: Google down, the network gone, answers it cannot read."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx
from platform_kit import SANDBOX_BASE

from autopost.adapters.platforms.google_sign_in_api import HttpxGoogleSignInGateway
from autopost.application.oauth.pkce import pkce_challenge, pkce_verifier
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    PlatformError,
    TransientPlatformError,
)
from autopost.sandbox.google_sign_in_state import GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET

pytestmark = pytest.mark.integration

REDIRECT = "http://autopost.test/accounts/google-oauth-callback/"
GOOGLE = "https://google.test"


def gateway_on(
    client: httpx.AsyncClient, base: str, secret: str = GOOGLE_CLIENT_SECRET
) -> HttpxGoogleSignInGateway:
    return HttpxGoogleSignInGateway(
        client,
        GOOGLE_CLIENT_ID,
        secret,
        REDIRECT,
        f"{base}/google/o/oauth2/v2/auth",
        f"{base}/google/token",
        f"{base}/google/userinfo",
    )


@pytest.fixture
def gateway(sandbox: httpx.AsyncClient) -> HttpxGoogleSignInGateway:
    return gateway_on(sandbox, SANDBOX_BASE)


async def code_for(sandbox: httpx.AsyncClient, url: str) -> str:
    consent = await sandbox.get(httpx.URL(url).copy_add_param("approve", "1"))
    assert consent.status_code == 302, consent.text
    back = parse_qs(urlsplit(consent.headers["location"]).query)
    assert back["state"] == ["the-state"]
    return back["code"][0]


def assert_says_nothing_secret(error: PlatformError, *secrets: str) -> None:
    for secret in (GOOGLE_CLIENT_SECRET, *secrets):
        assert secret not in error.message and secret not in str(error)


async def test_the_authorize_url_asks_for_openid_email_profile_with_an_s256_challenge(
    gateway: HttpxGoogleSignInGateway,
) -> None:
    url = gateway.authorize_url("the-state", "the-challenge")
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert query == {
        "client_id": GOOGLE_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "openid email profile",
        "state": "the-state",
        "code_challenge": "the-challenge",
        "code_challenge_method": "S256",
        "prompt": "select_account",
    }
    assert GOOGLE_CLIENT_SECRET not in url and GOOGLE_CLIENT_SECRET not in repr(gateway)


async def test_the_code_and_its_verifier_say_who_signed_in(
    gateway: HttpxGoogleSignInGateway, sandbox: httpx.AsyncClient
) -> None:
    await sandbox.post(
        "/_sandbox/google/account",
        json={"sub": "42", "email": "ann@example.com", "given_name": "Ann", "family_name": "Lee"},
    )
    verifier = pkce_verifier()
    code = await code_for(sandbox, gateway.authorize_url("the-state", pkce_challenge(verifier)))
    identity = await gateway.exchange(code, verifier)
    assert (identity.subject, identity.email, identity.email_verified) == (
        "42",
        "ann@example.com",
        True,
    )
    assert (identity.given_name, identity.family_name) == ("Ann", "Lee")


async def test_an_unverified_email_is_reported_as_such(
    gateway: HttpxGoogleSignInGateway, sandbox: httpx.AsyncClient
) -> None:
    await sandbox.post("/_sandbox/google/account", json={"email_verified": False})
    verifier = pkce_verifier()
    code = await code_for(sandbox, gateway.authorize_url("the-state", pkce_challenge(verifier)))
    assert not (await gateway.exchange(code, verifier)).email_verified


async def test_a_wrong_verifier_is_refused_without_repeating_it(
    gateway: HttpxGoogleSignInGateway, sandbox: httpx.AsyncClient
) -> None:
    verifier = pkce_verifier()
    code = await code_for(sandbox, gateway.authorize_url("the-state", pkce_challenge(verifier)))
    wrong = pkce_verifier()
    with pytest.raises(PermanentPlatformError, match="Invalid code verifier") as refused:
        await gateway.exchange(code, wrong)
    assert_says_nothing_secret(refused.value, code, wrong, verifier)


async def test_a_code_works_once(
    gateway: HttpxGoogleSignInGateway, sandbox: httpx.AsyncClient
) -> None:
    verifier = pkce_verifier()
    code = await code_for(sandbox, gateway.authorize_url("the-state", pkce_challenge(verifier)))
    await gateway.exchange(code, verifier)
    with pytest.raises(PermanentPlatformError, match="invalid_grant") as refused:
        await gateway.exchange(code, verifier)
    assert_says_nothing_secret(refused.value, code, verifier)


async def test_a_wrong_client_secret_points_at_the_settings_and_is_not_shown(
    sandbox: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    wrong_secret = "not-the-secret-at-all"
    gateway = gateway_on(sandbox, SANDBOX_BASE, secret=wrong_secret)
    verifier = pkce_verifier()
    code = await code_for(sandbox, gateway.authorize_url("the-state", pkce_challenge(verifier)))
    with caplog.at_level(logging.DEBUG), pytest.raises(PermanentPlatformError) as refused:
        await gateway.exchange(code, verifier)
    assert "AUTOPOST_GOOGLE_CLIENT_SECRET" in refused.value.message
    assert_says_nothing_secret(refused.value, wrong_secret, code, verifier)
    for secret in (wrong_secret, code, verifier):
        assert secret not in caplog.text


@respx.mock(base_url=GOOGLE, assert_all_called=False)
async def test_google_down_is_worth_trying_again(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/google/token").respond(503, json={"error": "backend_error"})
    async with httpx.AsyncClient() as client:
        with pytest.raises(TransientPlatformError, match="temporary"):
            await gateway_on(client, GOOGLE).exchange("a-code", "a-verifier")


@respx.mock(base_url=GOOGLE, assert_all_called=False)
async def test_no_network_is_worth_trying_again(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/google/token").mock(side_effect=httpx.ConnectError("refused"))
    async with httpx.AsyncClient() as client:
        with pytest.raises(TransientPlatformError, match="Could not reach Google"):
            await gateway_on(client, GOOGLE).exchange("a-code", "a-verifier")


@respx.mock(base_url=GOOGLE, assert_all_called=False)
async def test_an_answer_without_who_signed_in_is_not_taken(
    respx_mock: respx.MockRouter,
) -> None:
    token = respx_mock.post("/google/token").respond(json={"access_token": "ya29.x"})
    respx_mock.get("/google/userinfo").respond(json={"email": "ann@example.com"})
    async with httpx.AsyncClient() as client:
        with pytest.raises(TransientPlatformError, match="sub"):
            await gateway_on(client, GOOGLE).exchange("a-code", "a-verifier")
    sent = parse_qs(token.calls.last.request.content.decode())
    assert {k: v[0] for k, v in sent.items()} == {
        "client_id": GOOGLE_CLIENT_ID,
        "client_secret": GOOGLE_CLIENT_SECRET,
        "code": "a-code",
        "code_verifier": "a-verifier",
        "redirect_uri": REDIRECT,
        "grant_type": "authorization_code",
    }


@respx.mock(base_url=GOOGLE, assert_all_called=False)
async def test_the_userinfo_call_carries_the_access_token_as_bearer(
    respx_mock: respx.MockRouter,
) -> None:
    respx_mock.post("/google/token").respond(json={"access_token": "ya29.x"})
    userinfo = respx_mock.get("/google/userinfo").respond(
        json={"sub": "7", "email": "a@example.com", "email_verified": "true"}
    )
    async with httpx.AsyncClient() as client:
        identity = await gateway_on(client, GOOGLE).exchange("a-code", "a-verifier")
    assert userinfo.calls.last.request.headers["authorization"] == "Bearer ya29.x"
    assert identity.email_verified and identity.given_name == ""
