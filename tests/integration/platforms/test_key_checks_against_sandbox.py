"""The Instagram and Pinterest key checks against `autopost sandbox` (in process): the demo
tokens work, unknown and revoked ones do not, and a failing platform cannot say."""

from __future__ import annotations

import httpx
import pytest
from platform_kit import SANDBOX_BASE

from autopost.adapters.platforms.key_checks.instagram import HttpxInstagramKeyChecker
from autopost.adapters.platforms.key_checks.pinterest import HttpxPinterestKeyChecker
from autopost.application.ports.integration_key_checker import KeyOptions
from autopost.sandbox.pinterest_settings import PINTEREST_DEMO_ACCESS_TOKEN, PINTEREST_DEMO_USERNAME
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID

pytestmark = pytest.mark.integration


@pytest.fixture
def instagram(sandbox: httpx.AsyncClient) -> HttpxInstagramKeyChecker:
    return HttpxInstagramKeyChecker(sandbox, f"{SANDBOX_BASE}/v24.0", f"{SANDBOX_BASE}/v24.0")


@pytest.fixture
def pinterest(sandbox: httpx.AsyncClient) -> HttpxPinterestKeyChecker:
    return HttpxPinterestKeyChecker(sandbox, f"{SANDBOX_BASE}/pinterest/v5")


async def arm(
    sandbox: httpx.AsyncClient, path_suffix: str, status: int, code: int = 2, times: int = 1
) -> None:
    fault = {
        "action": "error",
        "path_suffix": path_suffix,
        "status": status,
        "code": code,
        "times": times,
    }
    assert (await sandbox.post("/_sandbox/faults", json=fault)).status_code == 201


async def logged(sandbox: httpx.AsyncClient) -> str:
    return (await sandbox.get("/_sandbox/requests")).text


async def test_the_demo_instagram_token_is_valid_and_an_unknown_one_is_not(
    instagram: HttpxInstagramKeyChecker, sandbox: httpx.AsyncClient
) -> None:
    assert (await instagram.check(DEMO_ACCESS_TOKEN, KeyOptions())).valid
    refused = await instagram.check("EAAG-not-a-token-the-sandbox-knows", KeyOptions())
    assert (refused.valid, refused.reachable) == (False, True)
    assert DEMO_ACCESS_TOKEN not in await logged(sandbox)


async def test_a_revoked_instagram_token_is_no_longer_valid(
    instagram: HttpxInstagramKeyChecker, sandbox: httpx.AsyncClient
) -> None:
    revoked = await sandbox.post(f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/revoke")
    assert revoked.status_code == 200, revoked.text
    check = await instagram.check(DEMO_ACCESS_TOKEN, KeyOptions())
    assert (check.valid, check.reachable) == (False, True)


async def test_graph_failing_cannot_say_whether_the_instagram_token_works(
    instagram: HttpxInstagramKeyChecker, sandbox: httpx.AsyncClient
) -> None:
    await arm(sandbox, "/me", 500)
    check = await instagram.check(DEMO_ACCESS_TOKEN, KeyOptions())
    assert (check.valid, check.reachable) == (False, False)
    assert (await instagram.check(DEMO_ACCESS_TOKEN, KeyOptions())).valid  # the fault was once


@pytest.mark.parametrize(("status", "code"), [(400, 2), (400, 4), (403, 17)])
async def test_graph_busy_with_a_4xx_is_not_taken_for_a_refusal(
    instagram: HttpxInstagramKeyChecker, sandbox: httpx.AsyncClient, status: int, code: int
) -> None:
    """Graph gives its transient and throttling errors a 4xx: the token is not to blame."""
    await arm(sandbox, "/me", status, code)
    check = await instagram.check(DEMO_ACCESS_TOKEN, KeyOptions())
    assert (check.valid, check.reachable) == (False, False)


async def test_the_demo_pinterest_token_is_valid_and_an_unknown_one_is_not(
    pinterest: HttpxPinterestKeyChecker, sandbox: httpx.AsyncClient
) -> None:
    assert (await pinterest.check(PINTEREST_DEMO_ACCESS_TOKEN, KeyOptions())).valid
    refused = await pinterest.check("pina_not-a-token-the-sandbox-knows", KeyOptions())
    assert (refused.valid, refused.reachable) == (False, True)
    assert "401" in refused.detail
    assert PINTEREST_DEMO_ACCESS_TOKEN not in await logged(sandbox)


async def test_a_revoked_pinterest_token_is_no_longer_valid(
    pinterest: HttpxPinterestKeyChecker, sandbox: httpx.AsyncClient
) -> None:
    revoked = await sandbox.post(f"/_sandbox/pinterest/accounts/{PINTEREST_DEMO_USERNAME}/revoke")
    assert revoked.status_code == 200, revoked.text
    check = await pinterest.check(PINTEREST_DEMO_ACCESS_TOKEN, KeyOptions())
    assert (check.valid, check.reachable) == (False, True)


async def test_pinterest_failing_cannot_say_whether_the_token_works(
    pinterest: HttpxPinterestKeyChecker, sandbox: httpx.AsyncClient
) -> None:
    await arm(sandbox, "/user_account", 503)
    check = await pinterest.check(PINTEREST_DEMO_ACCESS_TOKEN, KeyOptions())
    assert (check.valid, check.reachable) == (False, False)
