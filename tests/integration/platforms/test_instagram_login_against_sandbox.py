"""The Instagram login gateway against `autopost sandbox` (in process): the consent page, the
code, the tokens and the accounts they reach, with Facebook Login and with Instagram Login,
end to end through the same client Autopost connects accounts with."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from platform_kit import SANDBOX_BASE, FakeClock

from autopost.adapters.platforms.instagram_login_api import HttpxInstagramLoginGateway
from autopost.application.ports.instagram_login_gateway import InstagramLogin
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
)
from autopost.sandbox.meta_login_settings import (
    FACEBOOK_APP_ID,
    FACEBOOK_APP_SECRET,
    INSTAGRAM_APP_ID,
)
from autopost.sandbox.settings import DEMO_IG_USER_ID, DEMO_USERNAME, INSTAGRAM_APP_SECRET

pytestmark = pytest.mark.integration

BASE = SANDBOX_BASE
REDIRECT = "http://autopost.test/auth/instagram/callback/"


def login_gateway(
    sandbox: httpx.AsyncClient, clock: FakeClock, facebook_secret: str = FACEBOOK_APP_SECRET
) -> HttpxInstagramLoginGateway:
    return HttpxInstagramLoginGateway(
        sandbox,
        f"{BASE}/v24.0",
        f"{BASE}/facebook/dialog/oauth",
        FACEBOOK_APP_ID,
        facebook_secret,
        f"{BASE}/instagram/oauth/authorize",
        f"{BASE}/instagram/oauth/access_token",
        BASE,
        INSTAGRAM_APP_ID,
        INSTAGRAM_APP_SECRET,
        REDIRECT,
        clock,
    )


@pytest.fixture
def gateway(sandbox: httpx.AsyncClient, clock: FakeClock) -> HttpxInstagramLoginGateway:
    return login_gateway(sandbox, clock)


async def consent(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramLoginGateway, login: InstagramLogin
) -> dict[str, str]:
    """What Meta's consent page sends the person back to Autopost with."""
    page = await sandbox.get(gateway.authorize_url(login, f"state-{login.value}"))
    assert page.status_code == 302, page.text
    location = page.headers["location"]
    assert location.startswith(REDIRECT)
    back = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert back["state"] == f"state-{login.value}"
    return back


async def media_status(sandbox: httpx.AsyncClient, ig_user_id: str, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return (await sandbox.get(f"/v24.0/{ig_user_id}/media", headers=headers)).status_code


async def test_facebook_login_connects_the_pages_account_with_a_working_token(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramLoginGateway
) -> None:
    back = await consent(sandbox, gateway, InstagramLogin.FACEBOOK)

    (account,) = await gateway.connect(InstagramLogin.FACEBOOK, back["code"])

    assert (account.ig_user_id, account.username) == (DEMO_IG_USER_ID, DEMO_USERNAME)
    assert account.expires_in == 5183944
    assert await media_status(sandbox, account.ig_user_id, account.access_token) == 200


async def test_facebook_login_finds_accounts_past_the_first_page_of_pages(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramLoginGateway
) -> None:
    for number in range(100):
        added = await sandbox.post("/_sandbox/login/facebook/pages", json={"name": f"P{number}"})
        assert added.status_code == 201
    other = (await sandbox.post("/_sandbox/instagram/accounts", json={"username": "second"})).json()
    linked = {"name": "Last", "ig_user_id": other["ig_user_id"]}
    assert (await sandbox.post("/_sandbox/login/facebook/pages", json=linked)).status_code == 201
    back = await consent(sandbox, gateway, InstagramLogin.FACEBOOK)

    accounts = await gateway.connect(InstagramLogin.FACEBOOK, back["code"])

    assert [(a.ig_user_id, a.username) for a in accounts] == [
        (DEMO_IG_USER_ID, DEMO_USERNAME),
        (other["ig_user_id"], "second"),
    ]
    for account in accounts:
        assert await media_status(sandbox, account.ig_user_id, account.access_token) == 200
    listed = (await sandbox.get("/_sandbox/requests")).json()["data"]
    assert [e["path"] for e in listed].count("/v24.0/me/accounts") == 2


async def test_instagram_login_connects_the_account_that_logged_in(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramLoginGateway
) -> None:
    back = await consent(sandbox, gateway, InstagramLogin.INSTAGRAM)

    (account,) = await gateway.connect(InstagramLogin.INSTAGRAM, back["code"])

    assert (account.ig_user_id, account.username) == (DEMO_IG_USER_ID, DEMO_USERNAME)
    assert account.expires_in == 60 * 24 * 3600
    assert await media_status(sandbox, account.ig_user_id, account.access_token) == 200


async def test_an_instagram_login_token_is_refreshed_into_one_that_works(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramLoginGateway, clock: FakeClock
) -> None:
    back = await consent(sandbox, gateway, InstagramLogin.INSTAGRAM)
    (account,) = await gateway.connect(InstagramLogin.INSTAGRAM, back["code"])
    with pytest.raises(PermanentPlatformError, match="24 hours"):
        await gateway.refresh(account.access_token)  # too young to refresh
    clock.advance(days=55)

    refreshed = await gateway.refresh(account.access_token)

    assert refreshed.access_token != account.access_token
    assert refreshed.expires_in == 60 * 24 * 3600
    clock.advance(days=10)  # past the old token's 60 days
    assert await media_status(sandbox, DEMO_IG_USER_ID, refreshed.access_token) == 200
    with pytest.raises(CredentialRejected):
        await gateway.refresh(account.access_token)


@pytest.mark.parametrize("login", list(InstagramLogin))
async def test_denied_consent_sends_back_an_error_and_no_code(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramLoginGateway, login: InstagramLogin
) -> None:
    setting = f"deny_{login.value}_consent"
    changed = await sandbox.put("/_sandbox/login/settings", json={setting: True})
    assert changed.status_code == 200, changed.text

    back = await consent(sandbox, gateway, login)

    assert (back["error"], back["error_reason"]) == ("access_denied", "user_denied")
    assert "code" not in back


@pytest.mark.parametrize("login", list(InstagramLogin))
async def test_a_code_used_twice_asks_to_connect_again(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramLoginGateway, login: InstagramLogin
) -> None:
    code = (await consent(sandbox, gateway, login))["code"]
    await gateway.connect(login, code)

    with pytest.raises(PermanentPlatformError, match="connect the Instagram account again") as e:
        await gateway.connect(login, code)

    assert e.value.message.startswith("Meta refused the authorization code (")
    assert code not in e.value.message


async def test_a_wrong_app_secret_is_told_as_a_settings_problem(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    gateway = login_gateway(sandbox, clock, facebook_secret="not-the-secret")
    code = (await consent(sandbox, gateway, InstagramLogin.FACEBOOK))["code"]

    with pytest.raises(PermanentPlatformError, match="Facebook app id and app secret") as e:
        await gateway.connect(InstagramLogin.FACEBOOK, code)

    assert "not-the-secret" not in e.value.message


async def test_the_sandbox_log_of_a_connect_holds_no_secret(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramLoginGateway
) -> None:
    codes = [(await consent(sandbox, gateway, login))["code"] for login in InstagramLogin]
    tokens = [
        account.access_token
        for login, code in zip(InstagramLogin, codes, strict=True)
        for account in await gateway.connect(login, code)
    ]

    logged = (await sandbox.get("/_sandbox/requests")).text

    for secret in (*codes, *tokens, FACEBOOK_APP_SECRET, INSTAGRAM_APP_SECRET):
        assert secret not in logged
