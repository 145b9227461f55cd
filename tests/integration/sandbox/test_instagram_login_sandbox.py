from __future__ import annotations

import json

import httpx
import pytest
from sandbox_kit import FakeClock, bearer, error_of, graph_contracts

from autopost.sandbox.instagram_contract import (
    TOKEN_EXCHANGE_FIELDS,
    TOKEN_EXCHANGE_PARAMS,
    TOKEN_REFRESH_FIELDS,
    TOKEN_REFRESH_PARAMS,
)
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID, INSTAGRAM_APP_SECRET

pytestmark = pytest.mark.integration

SIXTY_DAYS = 5_184_000


async def short_lived(sandbox: httpx.AsyncClient) -> str:
    response = await sandbox.post(
        f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/short_lived_token"
    )
    assert response.status_code == 201, response.text
    assert response.json()["expires_in"] == 3600
    return str(response.json()["access_token"])


async def exchange(sandbox: httpx.AsyncClient, token: str, **extra: str) -> httpx.Response:
    params = {
        "grant_type": "ig_exchange_token",
        "client_secret": INSTAGRAM_APP_SECRET,
        "access_token": token,
        **extra,
    }
    return await sandbox.get("/access_token", params=params)


async def refresh(sandbox: httpx.AsyncClient, token: str) -> httpx.Response:
    params = {"grant_type": "ig_refresh_token", "access_token": token}
    return await sandbox.get("/refresh_access_token", params=params)


async def who(sandbox: httpx.AsyncClient, token: str) -> httpx.Response:
    return await sandbox.get(f"/v24.0/{DEMO_IG_USER_ID}?fields=id", headers=bearer(token))


def test_the_token_params_and_fields_are_the_contracts() -> None:
    folder = graph_contracts("IGAccessTokenForIGOnlyAPI")

    def spec(node: str) -> tuple[dict[str, str], frozenset[str]]:
        loaded = json.loads((folder / f"{node}.json").read_text())
        (api,) = loaded["apis"]
        params = {p["name"]: p["type"] for p in api["params"]}
        return params, frozenset(f["name"] for f in loaded["fields"])

    assert spec("IGAccessTokenForIGOnlyAPI") == (TOKEN_EXCHANGE_PARAMS, TOKEN_EXCHANGE_FIELDS)
    assert spec("IGRefreshAccessTokenForIGOnlyAPI") == (
        TOKEN_REFRESH_PARAMS,
        TOKEN_REFRESH_FIELDS,
    )


async def test_a_short_lived_token_is_exchanged_for_a_sixty_day_one(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    short = await short_lived(sandbox)
    assert (await who(sandbox, short)).status_code == 200

    exchanged = await exchange(sandbox, short)

    assert exchanged.status_code == 200, exchanged.text
    body = exchanged.json()
    assert set(body) == TOKEN_EXCHANGE_FIELDS
    assert (body["token_type"], body["expires_in"]) == ("bearer", SIXTY_DAYS)
    long_lived = body["access_token"]
    assert long_lived != short
    clock.advance(hours=1)
    assert error_of(await who(sandbox, short))["error_subcode"] == 463
    clock.advance(days=59, hours=22)
    assert (await who(sandbox, long_lived)).json() == {"id": DEMO_IG_USER_ID}
    clock.advance(hours=1)
    expired = error_of(await who(sandbox, long_lived))
    assert (expired["code"], expired["error_subcode"]) == (190, 463)
    assert expired["message"].startswith("Error validating access token: Session has expired")


async def test_a_refreshed_token_lasts_sixty_days_and_the_old_one_still_works(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    old = (await exchange(sandbox, await short_lived(sandbox))).json()["access_token"]
    clock.advance(days=30)

    refreshed = await refresh(sandbox, old)

    assert refreshed.status_code == 200, refreshed.text
    body = refreshed.json()
    assert set(body) == TOKEN_REFRESH_FIELDS
    assert (body["token_type"], body["expires_in"]) == ("bearer", SIXTY_DAYS)
    assert "instagram_business_basic" in body["permissions"].split(",")
    new = body["access_token"]
    assert new != old
    assert (await who(sandbox, old)).status_code == 200
    clock.advance(days=30)
    assert error_of(await who(sandbox, old))["error_subcode"] == 463
    assert (await who(sandbox, new)).status_code == 200
    assert error_of(await refresh(sandbox, old))["error_subcode"] == 463


async def test_a_token_younger_than_a_day_is_not_refreshed(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    token = (await exchange(sandbox, await short_lived(sandbox))).json()["access_token"]

    early = await refresh(sandbox, token)

    assert error_of(early)["code"] == 100
    assert "24 hours" in error_of(early)["message"]
    clock.advance(hours=24)
    assert (await refresh(sandbox, token)).status_code == 200


async def test_the_demo_token_never_expires_and_can_be_refreshed(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    clock.advance(days=3650)
    assert (await who(sandbox, DEMO_ACCESS_TOKEN)).status_code == 200

    refreshed = await refresh(sandbox, DEMO_ACCESS_TOKEN)

    assert refreshed.status_code == 200, refreshed.text
    assert (await who(sandbox, refreshed.json()["access_token"])).status_code == 200


@pytest.mark.parametrize(
    ("extra", "code", "words"),
    [
        ({"client_secret": "wrong"}, 1, "Error validating client secret."),
        ({"grant_type": "authorization_code"}, 100, "grant_type must be ig_exchange_token"),
        ({"redirect_uri": "https://x.example"}, 100, "Param redirect_uri is not a valid"),
    ],
)
async def test_an_exchange_with_a_wrong_secret_or_param_is_refused(
    sandbox: httpx.AsyncClient, extra: dict[str, str], code: int, words: str
) -> None:
    error = error_of(await exchange(sandbox, await short_lived(sandbox), **extra))

    assert error["code"] == code
    assert words in error["message"]


async def test_only_short_lived_tokens_are_exchanged_and_only_live_ones(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    short = await short_lived(sandbox)
    long_lived = await exchange(sandbox, DEMO_ACCESS_TOKEN)
    unknown = await exchange(sandbox, "not-a-token")
    clock.advance(hours=1)
    expired = await exchange(sandbox, short)

    assert error_of(long_lived)["code"] == 100
    assert error_of(unknown)["code"] == 190
    assert (error_of(expired)["code"], error_of(expired)["error_subcode"]) == (190, 463)


async def test_a_short_lived_token_is_not_refreshed(sandbox: httpx.AsyncClient) -> None:
    error = error_of(await refresh(sandbox, await short_lived(sandbox)))

    assert error["code"] == 100
    assert "long-lived" in error["message"]


async def test_expiring_an_accounts_tokens_by_hand(sandbox: httpx.AsyncClient) -> None:
    short = await short_lived(sandbox)

    expired = await sandbox.post(f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/expire_tokens")

    assert expired.json() == {"ig_user_id": DEMO_IG_USER_ID, "expired_tokens": 2}
    for token in (short, DEMO_ACCESS_TOKEN):
        error = error_of(await who(sandbox, token))
        assert (error["code"], error["error_subcode"]) == (190, 463)
    missing = await sandbox.post("/_sandbox/instagram/accounts/42/expire_tokens")
    assert missing.status_code == 404


async def test_token_calls_are_logged_without_tokens_or_secrets(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    long_lived = (await exchange(sandbox, await short_lived(sandbox))).json()["access_token"]
    clock.advance(days=1)
    await refresh(sandbox, long_lived)

    log = (await sandbox.get("/_sandbox/requests")).json()["data"]

    assert [(e["method"], e["path"], e["params"], e["status"]) for e in log] == [
        ("GET", "/access_token", {"grant_type": "ig_exchange_token"}, 200),
        ("GET", "/refresh_access_token", {"grant_type": "ig_refresh_token"}, 200),
    ]
    assert INSTAGRAM_APP_SECRET not in json.dumps(log)
    assert long_lived not in json.dumps(log)


async def test_a_fault_on_the_token_endpoint_answers_a_graph_error(
    sandbox: httpx.AsyncClient,
) -> None:
    fault = {"path_suffix": "refresh_access_token", "action": "error", "status": 503}
    await sandbox.post("/_sandbox/faults", json=fault)

    failed = await refresh(sandbox, DEMO_ACCESS_TOKEN)

    assert failed.status_code == 503
    assert error_of(failed)["code"] == 2
    assert (await refresh(sandbox, DEMO_ACCESS_TOKEN)).status_code == 200


async def test_the_app_secret_is_a_setting(sandbox: httpx.AsyncClient) -> None:
    await sandbox.put("/_sandbox/instagram/settings", json={"app_secret": "rotated"})
    short = await short_lived(sandbox)

    old_secret = await exchange(sandbox, short)
    new_secret = await exchange(sandbox, short, client_secret="rotated")

    assert error_of(old_secret)["code"] == 1
    assert new_secret.status_code == 200
    empty = await sandbox.put("/_sandbox/instagram/settings", json={"app_secret": ""})
    assert empty.status_code == 400
