"""The Pinterest gateway against `autopost sandbox` (in process): the same client that talks
to Pinterest, end to end through OAuth, boards, pins and the failures that matter."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from platform_kit import SANDBOX_BASE

from autopost.adapters.platforms.pinterest_api import HttpxPinterestGateway
from autopost.adapters.security.system_clock import SystemClock
from autopost.application.ports.pinterest_gateway import PinImage, PinRequest
from autopost.application.ports.platform_errors import (
    AccessTokenRejected,
    CredentialRejected,
    PermanentPlatformError,
)

pytestmark = pytest.mark.integration

BASE = SANDBOX_BASE
REDIRECT = "http://autopost.test/auth/pinterest/callback/"
DEMO_TOKEN = "sandbox-pinterest-token"
IMAGE = "https://cdn.example.com/a.png"


@pytest.fixture
def clock() -> SystemClock:
    return SystemClock()


@pytest.fixture
def gateway(sandbox: httpx.AsyncClient, clock: SystemClock) -> HttpxPinterestGateway:
    return HttpxPinterestGateway(
        sandbox,
        f"{BASE}/pinterest/v5",
        f"{BASE}/pinterest/oauth/",
        "sandbox-client-id",
        "sandbox-client-secret",
        REDIRECT,
        clock,
    )


async def test_the_oauth_code_flow_gives_tokens_that_work(
    gateway: HttpxPinterestGateway, sandbox: httpx.AsyncClient
) -> None:
    url = gateway.authorize_url("the-state", ("boards:read", "pins:write"))
    consent = await sandbox.get(url)
    back = parse_qs(urlsplit(consent.headers["location"]).query)
    assert back["state"] == ["the-state"]
    grant = await gateway.exchange_code(back["code"][0])
    assert grant.refresh_token and grant.expires_in
    account = await gateway.user_account(grant.access_token)
    assert account.username == "autopost_demo"
    renewed = await gateway.refresh(grant.refresh_token)
    assert renewed.access_token != grant.access_token
    with pytest.raises(CredentialRejected, match="reconnect"):
        await gateway.refresh(grant.refresh_token)  # a spent refresh token


async def test_boards_and_a_pin_on_one_of_them(gateway: HttpxPinterestGateway) -> None:
    boards = {b.name: b.board_id for b in await gateway.list_boards(DEMO_TOKEN)}
    assert {"code", "Python"} <= set(boards)
    pin = await gateway.create_pin(
        DEMO_TOKEN,
        PinRequest(
            boards["Python"], "https://cdn.example.com/a.png", "Quiz", link="https://q.ex/1"
        ),
    )
    recent = await gateway.board_pins(DEMO_TOKEN, boards["Python"], max_pages=1)
    assert recent[0].pin_id == pin.pin_id and recent[0].title == "Quiz"


async def test_the_boards_of_pins_are_found_when_the_listing_is_empty(
    gateway: HttpxPinterestGateway, sandbox: httpx.AsyncClient
) -> None:
    made = await sandbox.post(
        "/_sandbox/pinterest/accounts",
        json={"username": "trial", "boards": [{"name": "Go"}], "boards_listing_empty": True},
    )
    token = made.json()["access_token"]
    board_id = made.json()["boards"][0]["id"]
    assert await gateway.list_boards(token) == []
    assert (await gateway.user_account(token)).board_count == 1
    await gateway.create_pin(token, PinRequest(board_id, "https://cdn.example.com/a.png", "t"))
    assert {p.board_id for p in await gateway.list_pins(token, max_pages=5)} == {board_id}


async def test_a_deleted_board_is_named_in_the_refusal(
    gateway: HttpxPinterestGateway, sandbox: httpx.AsyncClient
) -> None:
    await sandbox.delete("/_sandbox/pinterest/boards/900579325426238156")
    with pytest.raises(PermanentPlatformError, match="no longer exists"):
        await gateway.create_pin(
            DEMO_TOKEN, PinRequest("900579325426238156", "https://cdn.example.com/a.png")
        )


async def test_a_revoked_token_is_refused_as_a_token(
    gateway: HttpxPinterestGateway, sandbox: httpx.AsyncClient
) -> None:
    await sandbox.post("/_sandbox/pinterest/accounts/autopost_demo/revoke")
    with pytest.raises(AccessTokenRejected):
        await gateway.user_account(DEMO_TOKEN)


async def test_a_token_of_the_other_environment_gets_the_environment_message(
    gateway: HttpxPinterestGateway, sandbox: httpx.AsyncClient
) -> None:
    minted = await sandbox.post(
        "/_sandbox/pinterest/tokens",
        json={"username": "autopost_demo", "environment": "production"},
    )
    with pytest.raises(CredentialRejected, match="AUTOPOST_PINTEREST_USE_SANDBOX") as refused:
        await gateway.user_account(minted.json()["access_token"])
    assert not isinstance(refused.value, AccessTokenRejected)


async def test_a_pin_into_a_section_listed_from_the_sandbox(
    gateway: HttpxPinterestGateway, sandbox: httpx.AsyncClient
) -> None:
    boards = {b.name: b.board_id for b in await gateway.list_boards(DEMO_TOKEN)}
    sections = {
        s.name: s.section_id for s in await gateway.board_sections(DEMO_TOKEN, boards["code"])
    }
    assert {"Basics", "Quizzes"} <= set(sections)

    pin = await gateway.create_pin(
        DEMO_TOKEN,
        PinRequest(boards["code"], IMAGE, "Quiz", board_section_id=sections["Quizzes"]),
    )

    created = (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"]
    assert [(e["pin_id"], e["board_section_id"]) for e in created] == [
        (pin.pin_id, sections["Quizzes"])
    ]
    assert await gateway.board_sections(DEMO_TOKEN, boards["Python"]) == []


async def test_a_section_of_another_board_is_refused_by_the_sandbox(
    gateway: HttpxPinterestGateway,
) -> None:
    boards = {b.name: b.board_id for b in await gateway.list_boards(DEMO_TOKEN)}
    (section, *_) = await gateway.board_sections(DEMO_TOKEN, boards["code"])
    with pytest.raises(PermanentPlatformError, match="board section"):
        await gateway.create_pin(
            DEMO_TOKEN, PinRequest(boards["Python"], IMAGE, board_section_id=section.section_id)
        )


async def test_a_multi_image_pin_through_the_sandbox(
    gateway: HttpxPinterestGateway, sandbox: httpx.AsyncClient
) -> None:
    images = tuple(PinImage(f"https://cdn.example.com/{n}.png", title=f"#{n}") for n in range(3))
    boards = {b.name: b.board_id for b in await gateway.list_boards(DEMO_TOKEN)}

    await gateway.create_pin(DEMO_TOKEN, PinRequest(boards["code"], "", "Three", images=images))

    (created,) = (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"]
    assert created["image_count"] == 3
    with pytest.raises(PermanentPlatformError, match="items"):
        await gateway.create_pin(DEMO_TOKEN, PinRequest(boards["code"], "", images=images[:1]))
