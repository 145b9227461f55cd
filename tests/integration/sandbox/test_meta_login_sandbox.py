"""Meta's logins in the sandbox: the consent dialog stand-ins, Facebook Login's token endpoints
and Pages, Instagram Login's code exchange and ``/me``, and a Facebook user token acting on the
Instagram accounts of the user's Pages."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sandbox_kit import FakeClock, bearer, graph_contracts
from sandbox_kit import error_of as graph_error_of

from autopost.sandbox.meta_login_contract import IG_LOGIN_USER_FIELDS
from autopost.sandbox.meta_login_settings import (
    DEMO_FACEBOOK_USER_ID,
    DEMO_PAGE_ID,
    FACEBOOK_APP_ID,
    FACEBOOK_APP_SECRET,
    INSTAGRAM_APP_ID,
)
from autopost.sandbox.settings import DEMO_IG_USER_ID, DEMO_USERNAME, INSTAGRAM_APP_SECRET

pytestmark = pytest.mark.integration

REDIRECT = "https://autopost.test/auth/instagram/callback/"
IMAGE = "https://cdn.example.com/photo.jpg"


def error_of(response: httpx.Response, status: int = 400) -> dict[str, Any]:
    return graph_error_of(response, status)


def sent_back(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT)
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


async def facebook_dialog(client: httpx.AsyncClient, **extra: str) -> dict[str, str]:
    params = {
        "client_id": FACEBOOK_APP_ID,
        "redirect_uri": REDIRECT,
        "state": "s-1",
        "scope": "instagram_basic,pages_show_list",
        "response_type": "code",
        **extra,
    }
    return sent_back(await client.get("/facebook/dialog/oauth", params=params))


async def facebook_code_token(client: httpx.AsyncClient, code: str, **extra: str) -> httpx.Response:
    params = {
        "client_id": FACEBOOK_APP_ID,
        "redirect_uri": REDIRECT,
        "client_secret": FACEBOOK_APP_SECRET,
        "code": code,
        **extra,
    }
    return await client.get("/v24.0/oauth/access_token", params=params)


async def facebook_exchange(client: httpx.AsyncClient, short: str) -> httpx.Response:
    params = {
        "grant_type": "fb_exchange_token",
        "client_id": FACEBOOK_APP_ID,
        "client_secret": FACEBOOK_APP_SECRET,
        "fb_exchange_token": short,
    }
    return await client.get("/v24.0/oauth/access_token", params=params)


async def facebook_user_token(client: httpx.AsyncClient) -> str:
    code = (await facebook_dialog(client))["code"]
    short = (await facebook_code_token(client, code)).json()["access_token"]
    return str((await facebook_exchange(client, short)).json()["access_token"])


async def instagram_dialog(client: httpx.AsyncClient, **extra: str) -> dict[str, str]:
    params = {
        "client_id": INSTAGRAM_APP_ID,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "instagram_business_basic,instagram_business_content_publish",
        "state": "s-2",
        **extra,
    }
    return sent_back(await client.get("/instagram/oauth/authorize", params=params))


async def instagram_code_token(
    client: httpx.AsyncClient, code: str, **extra: str
) -> httpx.Response:
    form = {
        "client_id": INSTAGRAM_APP_ID,
        "client_secret": INSTAGRAM_APP_SECRET,
        "grant_type": "authorization_code",
        "redirect_uri": REDIRECT,
        "code": code,
        **extra,
    }
    return await client.post("/instagram/oauth/access_token", data=form)


async def pages(client: httpx.AsyncClient, token: str, **params: str) -> httpx.Response:
    query = {"fields": "id,name,instagram_business_account{id,username}", **params}
    return await client.get("/v24.0/me/accounts", params=query, headers=bearer(token))


async def publish_photo(client: httpx.AsyncClient, token: str, ig_user_id: str) -> httpx.Response:
    container = await client.post(
        f"/v24.0/{ig_user_id}/media", data={"image_url": IMAGE}, headers=bearer(token)
    )
    assert container.status_code == 200, container.text
    return await client.post(
        f"/v24.0/{ig_user_id}/media_publish",
        data={"creation_id": container.json()["id"]},
        headers=bearer(token),
    )


# --- Facebook Login ----------------------------------------------------------------------------


async def test_the_facebook_dialog_consents_and_sends_the_state_back(
    sandbox: httpx.AsyncClient,
) -> None:
    back = await facebook_dialog(sandbox)

    assert back["state"] == "s-1"
    assert back["code"]


@pytest.mark.parametrize("how", ["setting", "flag"])
async def test_the_facebook_dialog_can_be_told_to_deny(
    sandbox: httpx.AsyncClient, how: str
) -> None:
    if how == "setting":
        changed = await sandbox.put(
            "/_sandbox/login/settings", json={"deny_facebook_consent": True}
        )
        assert changed.json()["deny_facebook_consent"] is True
    back = await facebook_dialog(sandbox, **({"deny": "1"} if how == "flag" else {}))

    assert (back["error"], back["error_reason"]) == ("access_denied", "user_denied")
    assert back["state"] == "s-1"
    assert "code" not in back


async def test_the_facebook_dialog_refuses_an_unknown_app(sandbox: httpx.AsyncClient) -> None:
    response = await sandbox.get(
        "/facebook/dialog/oauth", params={"client_id": "nope", "redirect_uri": REDIRECT}
    )

    assert error_of(response)["code"] == 101


async def test_a_code_becomes_a_short_lived_then_a_long_lived_user_token(
    sandbox: httpx.AsyncClient,
) -> None:
    code = (await facebook_dialog(sandbox))["code"]

    short = await facebook_code_token(sandbox, code)

    assert short.status_code == 200, short.text
    assert short.json()["token_type"] == "bearer"
    assert short.json()["expires_in"] == 3600
    long = await facebook_exchange(sandbox, short.json()["access_token"])
    assert long.status_code == 200, long.text
    assert long.json()["expires_in"] == 5183944
    assert long.json()["access_token"] != short.json()["access_token"]
    me = await sandbox.get("/v24.0/me", headers=bearer(long.json()["access_token"]))
    assert me.json() == {"id": DEMO_FACEBOOK_USER_ID, "name": "Autopost Demo"}


async def test_a_code_works_once_for_ten_minutes_and_the_dialogs_redirect_uri(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    code = (await facebook_dialog(sandbox))["code"]
    elsewhere = await facebook_code_token(sandbox, code, redirect_uri="https://evil.test/")
    assert error_of(elsewhere)["error_subcode"] == 36008
    assert (await facebook_code_token(sandbox, code)).status_code == 200
    assert error_of(await facebook_code_token(sandbox, code))["error_subcode"] == 36009

    late = (await facebook_dialog(sandbox))["code"]
    clock.advance(minutes=10)
    assert error_of(await facebook_code_token(sandbox, late))["error_subcode"] == 36007
    assert error_of(await facebook_code_token(sandbox, "made-up"))["code"] == 100


async def test_the_token_endpoint_checks_the_app(sandbox: httpx.AsyncClient) -> None:
    code = (await facebook_dialog(sandbox))["code"]

    wrong_secret = await facebook_code_token(sandbox, code, client_secret="guess")
    wrong_app = await facebook_code_token(sandbox, code, client_id="other-app")

    assert error_of(wrong_secret) | {"fbtrace_id": None} == {
        "message": "Error validating client secret.",
        "type": "OAuthException",
        "code": 1,
        "fbtrace_id": None,
    }
    assert error_of(wrong_app)["code"] == 101
    assert (await facebook_code_token(sandbox, code)).status_code == 200


async def test_an_instagram_code_is_no_facebook_code(sandbox: httpx.AsyncClient) -> None:
    code = (await instagram_dialog(sandbox))["code"]

    assert error_of(await facebook_code_token(sandbox, code))["code"] == 100


async def test_the_pages_list_their_linked_instagram_account(sandbox: httpx.AsyncClient) -> None:
    token = await facebook_user_token(sandbox)

    listed = await pages(sandbox, token)

    assert listed.status_code == 200, listed.text
    assert listed.json()["data"] == [
        {
            "id": DEMO_PAGE_ID,
            "name": "Autopost Demo Page",
            "instagram_business_account": {"id": DEMO_IG_USER_ID, "username": DEMO_USERNAME},
        }
    ]


async def test_pages_come_in_pages_followed_by_after_cursors(sandbox: httpx.AsyncClient) -> None:
    other = (await sandbox.post("/_sandbox/instagram/accounts", json={})).json()["ig_user_id"]
    for body in ({"name": "No Instagram"}, {"name": "Second", "ig_user_id": other}):
        assert (await sandbox.post("/_sandbox/login/facebook/pages", json=body)).status_code == 201
    token = await facebook_user_token(sandbox)

    first = (await pages(sandbox, token, limit="2")).json()
    second = await pages(sandbox, token, limit="2", after=first["paging"]["cursors"]["after"])

    assert [p["id"] for p in first["data"]] == [DEMO_PAGE_ID, first["data"][1]["id"]]
    assert first["data"][1]["name"] == "No Instagram"
    assert "next" in first["paging"]
    assert token not in first["paging"]["next"]
    (last,) = second.json()["data"]
    assert last["instagram_business_account"]["id"] == other
    assert "next" not in second.json().get("paging", {})
    assert "instagram_business_account" not in first["data"][1]


async def test_the_user_token_publishes_on_the_linked_account_only(
    sandbox: httpx.AsyncClient,
) -> None:
    token = await facebook_user_token(sandbox)
    other = (await sandbox.post("/_sandbox/instagram/accounts", json={})).json()["ig_user_id"]

    published = await publish_photo(sandbox, token, DEMO_IG_USER_ID)

    assert published.status_code == 200, published.text
    listed = await sandbox.get(f"/v24.0/{DEMO_IG_USER_ID}/media", headers=bearer(token))
    assert [m["id"] for m in listed.json()["data"]] == [published.json()["id"]]
    refused = await sandbox.get(f"/v24.0/{other}/media", headers=bearer(token))
    assert (error_of(refused)["code"], error_of(refused)["error_subcode"]) == (100, 33)
    linked = {"name": "Now linked", "ig_user_id": other}
    assert (await sandbox.post("/_sandbox/login/facebook/pages", json=linked)).status_code == 201
    assert (await sandbox.get(f"/v24.0/{other}/media", headers=bearer(token))).status_code == 200


async def test_a_user_token_dies_when_revoked_or_expired(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    revoked = await facebook_user_token(sandbox)
    assert (await sandbox.post("/_sandbox/login/facebook/revoke")).json()["revoked_tokens"] >= 2
    expiring = await facebook_user_token(sandbox)

    for response in (
        await pages(sandbox, revoked),
        await sandbox.get(f"/v24.0/{DEMO_IG_USER_ID}/media", headers=bearer(revoked)),
    ):
        assert (error_of(response)["code"], error_of(response)["error_subcode"]) == (190, 460)
    clock.advance(seconds=5183944)
    media = await sandbox.get(f"/v24.0/{DEMO_IG_USER_ID}/media", headers=bearer(expiring))
    assert error_of(media)["error_subcode"] == 463
    assert error_of(await pages(sandbox, expiring))["error_subcode"] == 463


async def test_revoking_the_instagram_accounts_tokens_revokes_the_user_tokens_reach(
    sandbox: httpx.AsyncClient,
) -> None:
    token = await facebook_user_token(sandbox)
    assert (await sandbox.get(f"/v24.0/{DEMO_IG_USER_ID}", headers=bearer(token))).is_success

    await sandbox.post(f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/revoke")

    refused = await sandbox.get(f"/v24.0/{DEMO_IG_USER_ID}", headers=bearer(token))
    assert error_of(refused)["code"] == 190


async def test_an_unknown_token_is_refused_on_me(sandbox: httpx.AsyncClient) -> None:
    assert error_of(await sandbox.get("/v24.0/me", headers=bearer("nope")))["code"] == 190
    assert error_of(await pages(sandbox, "nope"))["code"] == 190


# --- Instagram Login ---------------------------------------------------------------------------


async def test_instagram_login_gives_a_short_lived_token_for_the_demo_account(
    sandbox: httpx.AsyncClient,
) -> None:
    back = await instagram_dialog(sandbox)
    assert back["state"] == "s-2"

    answer = await instagram_code_token(sandbox, back["code"])

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["user_id"] == int(DEMO_IG_USER_ID)
    assert body["permissions"] == [
        "instagram_business_basic",
        "instagram_business_content_publish",
    ]
    exchanged = await sandbox.get(
        "/access_token",
        params={
            "grant_type": "ig_exchange_token",
            "client_secret": INSTAGRAM_APP_SECRET,
            "access_token": body["access_token"],
        },
    )
    assert exchanged.status_code == 200, exchanged.text
    long = exchanged.json()["access_token"]
    me = await sandbox.get("/v24.0/me?fields=user_id,username,id", headers=bearer(long))
    assert me.json()["user_id"] == int(DEMO_IG_USER_ID)
    assert me.json()["username"] == DEMO_USERNAME
    assert me.json()["id"] != DEMO_IG_USER_ID  # app-scoped
    assert (await publish_photo(sandbox, long, DEMO_IG_USER_ID)).status_code == 200


async def test_instagram_login_can_log_in_as_another_account(sandbox: httpx.AsyncClient) -> None:
    other = (await sandbox.post("/_sandbox/instagram/accounts", json={})).json()["ig_user_id"]

    code = (await instagram_dialog(sandbox, ig_user_id=other))["code"]

    assert (await instagram_code_token(sandbox, code)).json()["user_id"] == int(other)


@pytest.mark.parametrize("how", ["setting", "flag"])
async def test_the_instagram_dialog_can_be_told_to_deny(
    sandbox: httpx.AsyncClient, how: str
) -> None:
    if how == "setting":
        changed = await sandbox.put(
            "/_sandbox/login/settings", json={"deny_instagram_consent": True}
        )
        assert changed.status_code == 200
    back = await instagram_dialog(sandbox, **({"deny": "1"} if how == "flag" else {}))

    assert (back["error"], back["error_reason"]) == ("access_denied", "user_denied")
    assert back["state"] == "s-2"


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"client_secret": "guess"}, "Error validating client secret"),
        ({"client_id": "other"}, "Invalid platform app"),
        ({"redirect_uri": "https://evil.test/"}, "redirect_uri is identical"),
        ({"grant_type": "client_credentials"}, "authorization_code"),
    ],
)
async def test_the_instagram_code_exchange_refuses_in_instagrams_shape(
    sandbox: httpx.AsyncClient, extra: dict[str, str], words: str
) -> None:
    code = (await instagram_dialog(sandbox))["code"]

    refused = await instagram_code_token(sandbox, code, **extra)

    assert refused.status_code == 400
    body = refused.json()
    assert (body["error_type"], body["code"]) == ("OAuthException", 400)
    assert words in body["error_message"]


async def test_an_instagram_code_works_once(sandbox: httpx.AsyncClient) -> None:
    code = (await instagram_dialog(sandbox))["code"]
    assert (await instagram_code_token(sandbox, code)).status_code == 200

    again = await instagram_code_token(sandbox, code)

    assert again.json()["error_message"] == "Matching code was not found or was already used"


# --- control, log, contract ---------------------------------------------------------------------


async def test_the_request_log_holds_no_secret_code_or_token(sandbox: httpx.AsyncClient) -> None:
    facebook_code = (await facebook_dialog(sandbox))["code"]
    short = (await facebook_code_token(sandbox, facebook_code)).json()["access_token"]
    long = (await facebook_exchange(sandbox, short)).json()["access_token"]
    await pages(sandbox, long, access_token=long)
    instagram_code = (await instagram_dialog(sandbox))["code"]
    ig_short = (await instagram_code_token(sandbox, instagram_code)).json()["access_token"]

    logged = (await sandbox.get("/_sandbox/requests")).text

    assert "/v24.0/me/accounts" in logged
    for secret in (
        facebook_code,
        short,
        long,
        instagram_code,
        ig_short,
        FACEBOOK_APP_SECRET,
        INSTAGRAM_APP_SECRET,
    ):
        assert secret not in logged


async def test_an_armed_fault_answers_the_token_endpoint(sandbox: httpx.AsyncClient) -> None:
    fault = {"action": "error", "path_suffix": "/oauth/access_token", "status": 500, "code": 2}
    assert (await sandbox.post("/_sandbox/faults", json=fault)).status_code == 201
    code = (await facebook_dialog(sandbox))["code"]

    failed = await facebook_code_token(sandbox, code)

    assert error_of(failed, 500)["is_transient"] is True
    assert (await facebook_code_token(sandbox, code)).status_code == 200


async def test_settings_are_checked_and_a_reset_brings_them_and_the_pages_back(
    sandbox: httpx.AsyncClient,
) -> None:
    unknown = await sandbox.put("/_sandbox/login/settings", json={"deny": True})
    assert unknown.status_code == 400
    wrong = await sandbox.put("/_sandbox/login/settings", json={"deny_facebook_consent": "yes"})
    assert wrong.status_code == 400
    await sandbox.put("/_sandbox/login/settings", json={"facebook_app_secret": "rotated"})
    await sandbox.post("/_sandbox/login/facebook/pages", json={"name": "Extra"})
    missing = await sandbox.post("/_sandbox/login/facebook/pages", json={"ig_user_id": "42"})
    assert missing.status_code == 404

    await sandbox.post("/_sandbox/reset")

    settings = (await sandbox.get("/_sandbox/login/settings")).json()
    assert settings["facebook_app_secret"] == FACEBOOK_APP_SECRET
    listed = (await sandbox.get("/_sandbox/login/facebook/pages")).json()["data"]
    assert listed == [
        {"id": DEMO_PAGE_ID, "name": "Autopost Demo Page", "ig_user_id": DEMO_IG_USER_ID}
    ]


def test_the_instagram_login_user_fields_are_the_contracts() -> None:
    folder = graph_contracts("IGUserForIGOnlyAPI")
    spec = json.loads((folder / "IGUserForIGOnlyAPI.json").read_text())

    assert frozenset(f["name"] for f in spec["fields"]) == IG_LOGIN_USER_FIELDS


async def test_me_refuses_a_field_the_contract_does_not_list(sandbox: httpx.AsyncClient) -> None:
    code = (await instagram_dialog(sandbox))["code"]
    token = (await instagram_code_token(sandbox, code)).json()["access_token"]

    refused = await sandbox.get("/v24.0/me?fields=user_id,ig_id", headers=bearer(token))

    assert "nonexisting field (ig_id)" in error_of(refused)["message"]
