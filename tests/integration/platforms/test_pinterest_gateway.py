"""HttpxPinterestGateway against a respx-mocked Pinterest API v5.

What Pinterest accepts is checked against its own description by
``test_pinterest_contract.py`` (Prism); here: what is sent, how answers are read, how errors
are told apart, the rate limit, and that no secret leaks.
"""

from __future__ import annotations

import base64
import json
import logging
import traceback
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx
from platform_kit import NOW, FakeClock, form_of

from autopost.adapters.platforms.pinterest_api import PAGE_SIZE, HttpxPinterestGateway
from autopost.application.ports.pinterest_gateway import (
    PinImage,
    PinRequest,
    PinterestAccount,
    PinterestGateway,
    RemoteBoard,
    RemotePin,
    RemoteSection,
    TokenGrant,
)
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    PlatformBusy,
    PlatformError,
    RateLimited,
    TransientPlatformError,
)

pytestmark = pytest.mark.integration

API = "https://api.test/v5"
OAUTH = "https://www.pinterest.test/oauth/"
CLIENT_ID = "1484362"
CLIENT_SECRET = "s3cr3t-client-SECRET-value"
REDIRECT = "https://autopost.test/auth/pinterest/callback/"
TOKEN = "pina_AMAsecretACCESStokenZZZ"
OTHER_TOKEN = "pina_AMAotherACCESStokenYYY"
REFRESH = "pinr_AMAsecretREFRESHtokenQQQ"
CODE = "c0de-from-the-consent-page"
BOARD = "900579325426238155"
PIN = "813744226420795884"
BASIC = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
PHOTO = PinRequest(board_id=BOARD, image_url="https://cdn.test/a.jpg", title="Hello")


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        yield router


def make_gateway(
    client: httpx.AsyncClient, clock: FakeClock, api_url: str = API
) -> HttpxPinterestGateway:
    return HttpxPinterestGateway(client, api_url, OAUTH, CLIENT_ID, CLIENT_SECRET, REDIRECT, clock)


@pytest.fixture
async def gateway(clock: FakeClock, api: respx.MockRouter) -> AsyncIterator[PinterestGateway]:
    async with httpx.AsyncClient() as client:
        yield make_gateway(client, clock)


def error(
    status: int, message: str = "Boom", code: int = 1, headers: dict[str, str] | None = None
) -> httpx.Response:
    return httpx.Response(status, json={"code": code, "message": message}, headers=headers)


def board_json(board_id: str, name: str) -> dict[str, Any]:
    return {"id": board_id, "name": name, "privacy": "PUBLIC", "pin_count": 3}


def pin_json(pin_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": pin_id, "board_id": BOARD, "created_at": "2026-11-25T14:00:00", **fields}


def limits(remaining: int, limit: str = "1000, 1000;w=60", reset: str = "30") -> dict[str, str]:
    return {
        "X-RateLimit-Limit": limit,
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": reset,
    }


# --- connecting ------------------------------------------------------------------------------


def test_authorize_url_asks_for_a_code_with_comma_separated_scopes_and_the_state(
    clock: FakeClock,
) -> None:
    gateway = make_gateway(httpx.AsyncClient(), clock)

    url = gateway.authorize_url("st4te/+x", ("boards:read", "pins:read", "pins:write"))

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == OAUTH
    assert "scope=boards:read,pins:read,pins:write" in parts.query
    assert parse_qs(parts.query) == {
        "client_id": [CLIENT_ID],
        "redirect_uri": [REDIRECT],
        "response_type": ["code"],
        "scope": ["boards:read,pins:read,pins:write"],
        "state": ["st4te/+x"],
    }
    assert CLIENT_SECRET not in url


def test_authorize_url_adds_to_a_consent_page_address_that_has_a_query(clock: FakeClock) -> None:
    gateway = HttpxPinterestGateway(
        httpx.AsyncClient(), API, f"{OAUTH}?lang=en", CLIENT_ID, CLIENT_SECRET, REDIRECT, clock
    )

    query = parse_qs(urlsplit(gateway.authorize_url("s", ("pins:read",))).query)

    assert query["lang"] == ["en"]
    assert query["state"] == ["s"]


async def test_exchange_code_posts_the_code_form_encoded_with_basic_client_auth(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.post("/oauth/token").respond(
        json={
            "access_token": TOKEN,
            "refresh_token": REFRESH,
            "response_type": "authorization_code",
            "token_type": "bearer",
            "expires_in": 2592000,
            "refresh_token_expires_in": 5184000,
            "scope": "boards:read,pins:read",
        }
    )

    grant = await gateway.exchange_code(CODE)

    assert grant == TokenGrant(TOKEN, REFRESH, 2592000, "boards:read,pins:read")
    request = route.calls.last.request
    assert request.headers["Authorization"] == BASIC
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form_of(request) == {
        "grant_type": "authorization_code",
        "code": CODE,
        "redirect_uri": REDIRECT,
    }


async def test_refresh_posts_the_refresh_token_with_basic_client_auth(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.post("/oauth/token").respond(
        json={"access_token": OTHER_TOKEN, "expires_in": 2592000, "scope": "pins:read"}
    )

    grant = await gateway.refresh(REFRESH)

    assert grant == TokenGrant(OTHER_TOKEN, None, 2592000, "pins:read")
    request = route.calls.last.request
    assert request.headers["Authorization"] == BASIC
    assert form_of(request) == {"grant_type": "refresh_token", "refresh_token": REFRESH}


@pytest.mark.parametrize("status", [400, 401])
async def test_a_refused_refresh_token_asks_to_reconnect_the_account(
    gateway: PinterestGateway, api: respx.MockRouter, status: int
) -> None:
    api.post("/oauth/token").mock(return_value=error(status, "Invalid refresh token"))

    with pytest.raises(CredentialRejected) as caught:
        await gateway.refresh(REFRESH)

    assert str(caught.value) == (
        "Pinterest refused to renew the access token: reconnect the Pinterest account."
    )


async def test_a_refused_authorization_code_is_permanent_with_pinterests_words(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/oauth/token").mock(return_value=error(400, "Invalid authorization code"))

    with pytest.raises(PermanentPlatformError) as caught:
        await gateway.exchange_code(CODE)

    assert type(caught.value) is PermanentPlatformError
    assert "Invalid authorization code" in str(caught.value)
    assert "connect the Pinterest account again" in str(caught.value)


async def test_refused_app_credentials_when_connecting_point_at_the_client_settings(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/oauth/token").mock(return_value=error(401, "Authentication failed"))

    with pytest.raises(PermanentPlatformError) as caught:
        await gateway.exchange_code(CODE)

    assert type(caught.value) is PermanentPlatformError
    assert "client id and client secret" in str(caught.value)


async def test_a_token_answer_without_an_access_token_is_transient(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/oauth/token").respond(json={"token_type": "bearer"})

    with pytest.raises(TransientPlatformError, match="access token"):
        await gateway.refresh(REFRESH)


# --- reading ---------------------------------------------------------------------------------


async def test_user_account_reads_username_and_board_count(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/user_account").respond(
        json={"username": "quizcode", "board_count": 4, "account_type": "BUSINESS"}
    )

    assert await gateway.user_account(TOKEN) == PinterestAccount("quizcode", 4)
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


async def test_an_api_url_with_a_path_and_a_trailing_slash_is_joined_once(
    clock: FakeClock,
) -> None:
    with respx.mock(base_url="http://127.0.0.1:8765") as local:
        route = local.get("/pinterest/v5/user_account").respond(json={"username": "u"})
        async with httpx.AsyncClient() as client:
            gateway = make_gateway(client, clock, "http://127.0.0.1:8765/pinterest/v5/")

            await gateway.user_account(TOKEN)

    assert route.call_count == 1


async def test_list_boards_follows_the_bookmark_to_the_last_page(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/boards")
    route.side_effect = [
        httpx.Response(200, json={"items": [board_json(BOARD, "code")], "bookmark": "B1"}),
        httpx.Response(200, json={"items": [board_json("2", "Python")], "bookmark": "B2"}),
        httpx.Response(200, json={"items": [board_json("3", "Go")], "bookmark": None}),
    ]

    boards = await gateway.list_boards(TOKEN)

    assert boards == [
        RemoteBoard(BOARD, "code"),
        RemoteBoard("2", "Python"),
        RemoteBoard("3", "Go"),
    ]
    sent = [dict(call.request.url.params) for call in route.calls]
    assert sent == [
        {"page_size": str(PAGE_SIZE)},
        {"page_size": str(PAGE_SIZE), "bookmark": "B1"},
        {"page_size": str(PAGE_SIZE), "bookmark": "B2"},
    ]
    assert PAGE_SIZE == 250  # the contract's maximum


async def test_list_boards_stops_when_a_bookmark_comes_back_again(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/boards").respond(json={"items": [board_json(BOARD, "code")], "bookmark": "B"})

    boards = await gateway.list_boards(TOKEN)

    assert route.call_count == 2
    assert len(boards) == 2


async def test_list_boards_of_an_account_without_boards_is_empty(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get("/boards").respond(json={"items": []})

    assert await gateway.list_boards(TOKEN) == []


async def test_a_list_answer_without_items_is_transient(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get("/boards").respond(json={"bookmark": None})

    with pytest.raises(TransientPlatformError, match="items"):
        await gateway.list_boards(TOKEN)


async def test_board_reads_id_and_name(gateway: PinterestGateway, api: respx.MockRouter) -> None:
    api.get(f"/boards/{BOARD}").respond(json=board_json(BOARD, "code"))

    assert await gateway.board(TOKEN, BOARD) == RemoteBoard(BOARD, "code")


async def test_a_board_that_does_not_exist_is_none(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get(f"/boards/{BOARD}").mock(return_value=error(404, "Board not found."))

    assert await gateway.board(TOKEN, BOARD) is None


async def test_list_pins_reads_pins_and_stops_at_max_pages(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    items = [
        pin_json(PIN, title="Что вернет этот код Python?", link="https://mini.test"),
        {"no_id": True},
    ]
    route = api.get("/pins")
    route.side_effect = lambda request: httpx.Response(
        200, json={"items": items, "bookmark": f"page{route.call_count}"}
    )

    pins = await gateway.list_pins(TOKEN, 3)

    assert route.call_count == 3
    assert pins[0] == RemotePin(
        PIN,
        BOARD,
        "Что вернет этот код Python?",
        "https://mini.test",
        datetime(2026, 11, 25, 14, 0, tzinfo=UTC),
    )
    assert len(pins) == 3  # the item without an id is left out


async def test_list_pins_stops_on_the_last_page_before_max_pages(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/pins").respond(json={"items": [pin_json(PIN)], "bookmark": None})

    assert len(await gateway.list_pins(TOKEN, 5)) == 1
    assert route.call_count == 1


async def test_board_pins_lists_a_boards_pins_with_their_times(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get(f"/boards/{BOARD}/pins").respond(
        json={
            "items": [{"id": PIN, "title": "T", "created_at": "2026-11-25T14:59:59-00:00"}],
            "bookmark": None,
        }
    )

    pins = await gateway.board_pins(TOKEN, BOARD, 2)

    assert pins == [
        RemotePin(PIN, BOARD, "T", None, datetime(2026, 11, 25, 14, 59, 59, tzinfo=UTC))
    ]
    assert route.calls.last.request.url.params["page_size"] == str(PAGE_SIZE)


async def test_pins_of_a_board_that_is_gone_say_so(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get(f"/boards/{BOARD}/pins").mock(return_value=error(404, "Board not found."))

    with pytest.raises(PermanentPlatformError, match=f"board {BOARD} no longer exists"):
        await gateway.board_pins(TOKEN, BOARD, 2)


async def test_board_sections_follow_the_bookmark_and_read_id_and_name(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get(f"/boards/{BOARD}/sections")
    route.side_effect = [
        httpx.Response(200, json={"items": [{"id": "55", "name": "Salads"}], "bookmark": "S1"}),
        httpx.Response(200, json={"items": [{"id": 56, "name": "Soups"}, {"id": "57"}]}),
    ]

    sections = await gateway.board_sections(TOKEN, BOARD)

    assert sections == [RemoteSection("55", "Salads"), RemoteSection("56", "Soups")]
    sent = [dict(call.request.url.params) for call in route.calls]
    assert sent == [{"page_size": "250"}, {"page_size": "250", "bookmark": "S1"}]


async def test_a_board_that_is_gone_has_no_sections(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get(f"/boards/{BOARD}/sections").mock(return_value=error(404, "Board not found."))

    assert await gateway.board_sections(TOKEN, BOARD) == []


async def test_other_refusals_to_list_sections_are_errors(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get(f"/boards/{BOARD}/sections").mock(return_value=error(503, "Down"))

    with pytest.raises(TransientPlatformError):
        await gateway.board_sections(TOKEN, BOARD)


# --- publishing ------------------------------------------------------------------------------


async def test_create_pin_into_a_section_names_it(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.post("/pins").respond(201, json={"id": PIN, "board_section_id": "55"})

    await gateway.create_pin(
        TOKEN, PinRequest(BOARD, "https://cdn.test/a.jpg", board_section_id="55")
    )

    assert json.loads(route.calls.last.request.content)["board_section_id"] == "55"


async def test_a_pin_into_a_section_that_is_gone_names_the_section_not_the_board(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/pins").mock(
        return_value=error(404, "Sorry! We couldn't find this board section.", code=2031)
    )
    request = PinRequest(BOARD, "https://cdn.test/a.jpg", board_section_id="55")

    with pytest.raises(PermanentPlatformError, match="board section no longer exists"):
        await gateway.create_pin(TOKEN, request)


async def test_a_multi_image_pin_sends_its_images_as_multiple_image_urls(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.post("/pins").respond(201, json={"id": PIN})
    images = (
        PinImage("https://cdn.test/1.jpg", title="One", link="https://mini.test/1"),
        PinImage("https://cdn.test/2.jpg", description="Two"),
    )

    await gateway.create_pin(TOKEN, PinRequest(BOARD, "", alt_text="Both", images=images))

    assert json.loads(route.calls.last.request.content) == {
        "board_id": BOARD,
        "media_source": {
            "source_type": "multiple_image_urls",
            "items": [
                {"url": "https://cdn.test/1.jpg", "title": "One", "link": "https://mini.test/1"},
                {"url": "https://cdn.test/2.jpg", "description": "Two"},
            ],
        },
        "alt_text": "Both",
    }


async def test_create_pin_posts_json_with_an_image_url_source_and_every_text(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.post("/pins").respond(
        201, json=pin_json(PIN, title="Hello", link="https://mini.test/q/1")
    )
    request = PinRequest(
        board_id=BOARD,
        image_url="https://cdn.test/a.jpg",
        title="Hello",
        description="Выбери правильный ответ",
        link="https://mini.test/q/1",
        alt_text="Code on a dark background",
    )

    pin = await gateway.create_pin(TOKEN, request)

    assert pin == RemotePin(
        PIN, BOARD, "Hello", "https://mini.test/q/1", datetime(2026, 11, 25, 14, tzinfo=UTC)
    )
    sent = route.calls.last.request
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    assert json.loads(sent.content) == {
        "board_id": BOARD,
        "media_source": {"source_type": "image_url", "url": "https://cdn.test/a.jpg"},
        "title": "Hello",
        "description": "Выбери правильный ответ",
        "link": "https://mini.test/q/1",
        "alt_text": "Code on a dark background",
    }


async def test_create_pin_leaves_out_the_texts_that_are_not_set(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.post("/pins").respond(201, json={"id": PIN})

    pin = await gateway.create_pin(TOKEN, PinRequest(BOARD, "https://cdn.test/a.jpg"))

    assert json.loads(route.calls.last.request.content) == {
        "board_id": BOARD,
        "media_source": {"source_type": "image_url", "url": "https://cdn.test/a.jpg"},
    }
    assert pin.board_id == BOARD  # the board asked for, when the answer does not say


async def test_a_pin_for_a_board_that_is_gone_names_the_board(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/pins").mock(return_value=error(404, "Board not found."))

    with pytest.raises(PermanentPlatformError) as caught:
        await gateway.create_pin(TOKEN, PHOTO)

    assert type(caught.value) is PermanentPlatformError
    assert str(caught.value) == (
        f"The Pinterest board {BOARD} no longer exists: choose another board."
    )


@pytest.mark.parametrize("body", [b"not json", b'{"no_id": true}', b"[]"])
async def test_an_unreadable_answer_to_create_pin_is_outcome_unknown(
    gateway: PinterestGateway, api: respx.MockRouter, body: bytes
) -> None:
    api.post("/pins").respond(201, content=body)

    with pytest.raises(OutcomeUnknown):
        await gateway.create_pin(TOKEN, PHOTO)


# --- how Pinterest's errors are told apart ---------------------------------------------------


async def call_each_bearer_operation(gateway: PinterestGateway) -> list[PlatformError]:
    """The error each operation raises; the routes decide what they are."""
    calls = [
        gateway.user_account(TOKEN),
        gateway.list_boards(TOKEN),
        gateway.board(TOKEN, BOARD),
        gateway.list_pins(TOKEN, 2),
        gateway.board_pins(TOKEN, BOARD, 2),
        gateway.create_pin(TOKEN, PHOTO),
    ]
    raised: list[PlatformError] = []
    for call in calls:
        with pytest.raises(PlatformError) as caught:
            await call
        raised.append(caught.value)
    return raised


def answer_every_endpoint_with(api: respx.MockRouter, response: httpx.Response) -> None:
    for method, path in [
        ("GET", "/user_account"),
        ("GET", "/boards"),
        ("GET", f"/boards/{BOARD}"),
        ("GET", "/pins"),
        ("GET", f"/boards/{BOARD}/pins"),
        ("POST", "/pins"),
    ]:
        api.route(method=method, path=path).mock(return_value=response)


async def test_http_401_on_any_call_asks_to_reconnect(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    answer_every_endpoint_with(api, error(401, "Authentication failed.", code=2))

    for raised in await call_each_bearer_operation(gateway):
        assert isinstance(raised, CredentialRejected)
        assert str(raised) == (
            "Pinterest rejected the access token (expired or revoked): reconnect the "
            "Pinterest account."
        )


async def test_http_403_says_the_token_may_be_for_the_other_environment(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    answer_every_endpoint_with(api, error(403, "Trial access may not create Pins in production"))

    for raised in await call_each_bearer_operation(gateway):
        assert isinstance(raised, CredentialRejected)
        assert str(raised).startswith("Pinterest refused this token (HTTP 403): a token from")
        assert "sandbox does not work against production" in str(raised)
        assert "AUTOPOST_PINTEREST_USE_SANDBOX" in str(raised)
        assert "Trial access may not create Pins in production" in str(raised)


async def test_http_429_is_a_rate_limit_with_retry_after_from_the_header_even_on_create(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/pins").mock(
        return_value=error(429, "Too many requests", headers={"Retry-After": "120"})
    )

    with pytest.raises(RateLimited) as caught:
        await gateway.create_pin(TOKEN, PHOTO)

    assert type(caught.value) is RateLimited  # refused: not OutcomeUnknown
    assert caught.value.retry_after == timedelta(seconds=120)


async def test_http_429_without_retry_after_waits_for_the_rate_limit_reset(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get("/pins").mock(return_value=error(429, headers=limits(0, reset="45")))

    with pytest.raises(RateLimited) as caught:
        await gateway.list_pins(TOKEN, 1)

    assert caught.value.retry_after == timedelta(seconds=45)


@pytest.mark.parametrize(
    "response",
    [
        error(500, "Internal error", headers={"Retry-After": "30"}),
        httpx.Response(503, text="<html>Service Unavailable</html>", headers={"Retry-After": "30"}),
    ],
)
async def test_server_failures_on_a_read_are_transient(
    gateway: PinterestGateway, api: respx.MockRouter, response: httpx.Response
) -> None:
    api.get("/user_account").mock(return_value=response)

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.user_account(TOKEN)

    assert type(caught.value) is TransientPlatformError
    assert caught.value.retry_after == timedelta(seconds=30)
    assert "<html>" not in str(caught.value)


async def test_a_server_failure_answering_create_pin_is_outcome_unknown(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/pins").mock(return_value=error(502, "Bad gateway"))

    with pytest.raises(OutcomeUnknown):
        await gateway.create_pin(TOKEN, PHOTO)


@pytest.mark.parametrize(
    ("status", "message"),
    [(400, "Invalid image URL"), (409, "Duplicate pin"), (422, "Title is too long")],
)
async def test_other_refusals_of_a_pin_are_permanent_with_pinterests_message(
    gateway: PinterestGateway, api: respx.MockRouter, status: int, message: str
) -> None:
    api.post("/pins").mock(return_value=error(status, message))

    with pytest.raises(PermanentPlatformError) as caught:
        await gateway.create_pin(TOKEN, PHOTO)

    assert type(caught.value) is PermanentPlatformError
    assert str(caught.value) == f"Pinterest refused the pin: {message}"


async def test_a_refusal_without_a_json_body_names_the_status(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/pins").respond(400, text="Bad Request")

    with pytest.raises(PermanentPlatformError, match="HTTP 400"):
        await gateway.create_pin(TOKEN, PHOTO)


# --- the network -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure", [httpx.ReadTimeout, httpx.WriteTimeout, httpx.ReadError, httpx.RemoteProtocolError]
)
async def test_no_answer_to_create_pin_is_outcome_unknown(
    gateway: PinterestGateway, api: respx.MockRouter, failure: type[httpx.TransportError]
) -> None:
    api.post("/pins").mock(side_effect=failure("lost"))

    with pytest.raises(OutcomeUnknown):
        await gateway.create_pin(TOKEN, PHOTO)


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
async def test_a_pin_that_never_reached_pinterest_is_transient_not_outcome_unknown(
    gateway: PinterestGateway, api: respx.MockRouter, failure: type[httpx.TransportError]
) -> None:
    api.post("/pins").mock(side_effect=failure("unreachable"))

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.create_pin(TOKEN, PHOTO)

    assert type(caught.value) is TransientPlatformError
    assert "nothing was sent" in str(caught.value)


async def test_no_answer_to_a_read_is_transient_not_outcome_unknown(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get("/boards").mock(side_effect=httpx.ReadTimeout("lost"))

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.list_boards(TOKEN)

    assert type(caught.value) is TransientPlatformError


# --- holding back before the rate limit ------------------------------------------------------


async def test_no_requests_left_makes_the_next_call_busy_without_sending_it(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/user_account").respond(json={"username": "u"}, headers=limits(0))

    await gateway.user_account(TOKEN)
    with pytest.raises(PlatformBusy) as caught:
        await gateway.user_account(TOKEN)

    assert caught.value.retry_after == timedelta(seconds=30)
    assert route.call_count == 1


async def test_very_few_requests_left_of_the_window_hold_back_too(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/user_account").respond(json={"username": "u"}, headers=limits(5))

    await gateway.user_account(TOKEN)
    with pytest.raises(PlatformBusy):
        await gateway.create_pin(TOKEN, PHOTO)

    assert route.call_count == 1


async def test_plenty_of_requests_left_do_not_hold_back(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/user_account").respond(json={"username": "u"}, headers=limits(50))

    await gateway.user_account(TOKEN)
    await gateway.user_account(TOKEN)

    assert route.call_count == 2


async def test_calls_go_through_again_once_the_window_is_reset(
    gateway: PinterestGateway, api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.get("/user_account")
    route.side_effect = [
        httpx.Response(200, json={"username": "u"}, headers=limits(0, reset="30")),
        httpx.Response(200, json={"username": "v"}),
    ]
    await gateway.user_account(TOKEN)

    clock.advance(timedelta(seconds=30))

    assert (await gateway.user_account(TOKEN)).username == "v"
    assert route.call_count == 2


async def test_a_reset_given_as_a_unix_time_is_read_as_one(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    reset = str(int((NOW + timedelta(seconds=90)).timestamp()))
    api.get("/user_account").respond(json={"username": "u"}, headers=limits(0, reset=reset))
    await gateway.user_account(TOKEN)

    with pytest.raises(PlatformBusy) as caught:
        await gateway.user_account(TOKEN)

    assert caught.value.retry_after == timedelta(seconds=90)


async def test_the_limit_of_one_token_does_not_hold_back_another(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/user_account")
    route.side_effect = [
        httpx.Response(200, json={"username": "u"}, headers=limits(0)),
        httpx.Response(200, json={"username": "other"}),
    ]
    await gateway.user_account(TOKEN)

    assert (await gateway.user_account(OTHER_TOKEN)).username == "other"
    with pytest.raises(PlatformBusy):
        await gateway.user_account(TOKEN)


async def test_a_rate_limited_answer_holds_the_token_back_for_its_retry_after(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    route = api.get("/pins").mock(return_value=error(429, headers={"Retry-After": "60"}))
    with pytest.raises(TransientPlatformError):
        await gateway.list_pins(TOKEN, 1)

    with pytest.raises(PlatformBusy) as caught:
        await gateway.list_pins(TOKEN, 1)

    assert caught.value.retry_after == timedelta(seconds=60)
    assert route.call_count == 1


def strings_in(value: object, depth: int = 0) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key, depth + 1)
            yield from strings_in(item, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings_in(item, depth + 1)
    elif hasattr(value, "__dict__"):
        yield from strings_in(vars(value), depth + 1)


async def test_the_rate_limit_state_keeps_no_access_token_in_clear(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.get("/user_account").respond(json={"username": "u"}, headers=limits(0))
    await gateway.user_account(TOKEN)

    throttle = vars(gateway)["_throttle"]
    kept = list(strings_in(throttle))

    assert kept  # the held-back token is known by something
    assert not [s for s in kept if TOKEN in s]


# --- secrets ---------------------------------------------------------------------------------


async def call_every_operation(gateway: PinterestGateway, api: respx.MockRouter) -> None:
    api.post("/oauth/token").respond(json={"access_token": TOKEN, "refresh_token": REFRESH})
    api.get("/user_account").respond(json={"username": "u"})
    api.get("/boards").respond(json={"items": [board_json(BOARD, "code")], "bookmark": None})
    api.get(f"/boards/{BOARD}").respond(json=board_json(BOARD, "code"))
    api.get("/pins").respond(json={"items": [pin_json(PIN)], "bookmark": None})
    api.get(f"/boards/{BOARD}/pins").respond(json={"items": [pin_json(PIN)], "bookmark": None})
    api.post("/pins").respond(201, json=pin_json(PIN))
    await gateway.exchange_code(CODE)
    await gateway.refresh(REFRESH)
    await gateway.user_account(TOKEN)
    await gateway.list_boards(TOKEN)
    await gateway.board(TOKEN, BOARD)
    await gateway.list_pins(TOKEN, 1)
    await gateway.board_pins(TOKEN, BOARD, 1)
    await gateway.create_pin(TOKEN, PHOTO)


async def test_the_access_token_is_sent_only_as_a_bearer_header(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    await call_every_operation(gateway, api)

    bearer_calls = [c for c in api.calls if c.request.url.path != "/v5/oauth/token"]
    assert len(bearer_calls) == 6
    for call in bearer_calls:
        assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert TOKEN not in str(call.request.url)
        assert TOKEN not in call.request.content.decode()


async def test_the_client_secret_is_sent_only_in_basic_auth_to_the_token_endpoint(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    await call_every_operation(gateway, api)

    for call in api.calls:
        request = call.request
        assert CLIENT_SECRET not in str(request.url)
        assert CLIENT_SECRET not in request.content.decode()
        is_token_endpoint = request.url.path == "/v5/oauth/token"
        assert (request.headers["Authorization"] == BASIC) is is_token_endpoint


def echo(status: int) -> httpx.Response:
    said = f"Bad {TOKEN} {REFRESH} {CODE} {CLIENT_SECRET} {BASIC}"
    return httpx.Response(status, json={"code": 1, "message": said})


APP_SECRETS = (CLIENT_SECRET, BASIC.removeprefix("Basic "))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 429, 500])
async def test_error_messages_never_contain_a_token_or_the_client_secret(
    gateway: PinterestGateway, api: respx.MockRouter, status: int
) -> None:
    api.post("/pins").mock(return_value=echo(status))
    api.post("/oauth/token").mock(return_value=echo(status))

    # Each call with the secrets it sends, which Pinterest could echo back.
    for call, sent in (
        (gateway.create_pin(TOKEN, PHOTO), (TOKEN, *APP_SECRETS)),
        (gateway.exchange_code(CODE), (CODE, *APP_SECRETS)),
        (gateway.refresh(REFRESH), (REFRESH, *APP_SECRETS)),
    ):
        with pytest.raises(PlatformError) as caught:
            await call
        shown = f"{caught.value} {caught.value!r} {caught.value.message}"
        for secret in sent:
            assert secret not in shown


async def test_a_network_error_does_not_chain_text_that_could_hold_a_secret(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/pins").mock(side_effect=httpx.ReadTimeout(f"timed out: Bearer {TOKEN}"))
    api.post("/oauth/token").mock(side_effect=httpx.ReadTimeout(f"timed out: {BASIC}"))

    for call in (gateway.create_pin(TOKEN, PHOTO), gateway.refresh(REFRESH)):
        with pytest.raises(OutcomeUnknown) as caught:
            await call
        error_ = caught.value
        assert error_.__cause__ is None
        assert error_.__suppress_context__
        printed = "".join(traceback.format_exception(error_))
        assert TOKEN not in printed
        assert BASIC not in printed


async def test_a_token_grant_never_shows_its_tokens(
    gateway: PinterestGateway, api: respx.MockRouter
) -> None:
    api.post("/oauth/token").respond(
        json={"access_token": TOKEN, "refresh_token": REFRESH, "expires_in": 60}
    )

    grant = await gateway.exchange_code(CODE)

    for shown in (repr(grant), str(grant), f"{grant}"):
        assert TOKEN not in shown
        assert REFRESH not in shown


async def test_logs_never_contain_a_token_or_the_client_secret(
    gateway: PinterestGateway, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.get("/user_account").mock(
        side_effect=[
            httpx.Response(200, json={"username": "u"}),
            echo(401),
            httpx.ConnectError(f"refused for Bearer {TOKEN}"),
        ]
    )
    api.post("/oauth/token").mock(return_value=echo(400))

    await gateway.user_account(TOKEN)
    for call in (
        gateway.user_account(TOKEN),
        gateway.user_account(TOKEN),
        gateway.refresh(REFRESH),
    ):
        with pytest.raises(PlatformError):
            await call

    assert caplog.records
    for secret in (TOKEN, REFRESH, *APP_SECRETS):
        assert secret not in caplog.text
    assert "Bearer" not in caplog.text
