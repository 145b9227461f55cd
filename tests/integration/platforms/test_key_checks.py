"""Each service's key check against a respx-mocked service: the call, its headers, and what
each answer means; the key only ever in the header that carries it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx
import pytest
import respx

from autopost.adapters.platforms.key_checks.clickup import HttpxClickUpKeyChecker
from autopost.adapters.platforms.key_checks.gemini import HttpxGeminiKeyChecker
from autopost.adapters.platforms.key_checks.huntflow import HttpxHuntflowKeyChecker
from autopost.adapters.platforms.key_checks.instagram import HttpxInstagramKeyChecker
from autopost.adapters.platforms.key_checks.notion import HttpxNotionKeyChecker
from autopost.adapters.platforms.key_checks.pinterest import HttpxPinterestKeyChecker
from autopost.application.ports.integration_key_checker import (
    IntegrationKeyChecker,
    KeyCheck,
    KeyOptions,
)
from autopost.domain.user import System

pytestmark = pytest.mark.integration

KEY = "sk-a-key-that-must-never-leak-42"


@dataclass(frozen=True)
class Service:
    name: str
    make: Callable[[httpx.AsyncClient], IntegrationKeyChecker]
    url: str  # the one call, without its query
    headers: dict[str, str]  # what must be sent, the key included


SERVICES = [
    Service(
        "instagram",
        lambda c: HttpxInstagramKeyChecker(c, "https://graph.test/v24.0", None),
        "https://graph.test/v24.0/me",
        {"Authorization": f"Bearer {KEY}"},
    ),
    Service(
        "pinterest",
        lambda c: HttpxPinterestKeyChecker(c, "https://pinterest.test/v5/"),
        "https://pinterest.test/v5/user_account",
        {"Authorization": f"Bearer {KEY}"},
    ),
    Service(
        "gemini",
        lambda c: HttpxGeminiKeyChecker(c, "https://gemini.test/v1beta"),
        "https://gemini.test/v1beta/models",
        {"x-goog-api-key": KEY},
    ),
    Service(
        "huntflow",
        lambda c: HttpxHuntflowKeyChecker(c, "https://hf.test", "https://hf-sandbox.test"),
        "https://hf.test/v2/me",
        {"Authorization": f"Bearer {KEY}"},
    ),
    Service(
        "clickup",
        lambda c: HttpxClickUpKeyChecker(c, "https://clickup.test/api/v2"),
        "https://clickup.test/api/v2/user",
        {"Authorization": KEY},
    ),
    Service(
        "notion",
        lambda c: HttpxNotionKeyChecker(c, "https://notion.test/v1"),
        "https://notion.test/v1/users/me",
        {"Authorization": f"Bearer {KEY}", "Notion-Version": "2022-06-28"},
    ),
]
BY_NAME = {s.name: s for s in SERVICES}
each_service = pytest.mark.parametrize("service", SERVICES, ids=[s.name for s in SERVICES])


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


@pytest.fixture
def mock() -> respx.MockRouter:
    with respx.mock(assert_all_called=False) as router:
        yield router


def assert_key_only_in_its_header(calls: respx.models.CallList, service: Service) -> None:
    assert calls
    for call in calls:
        request = call.request
        for name, value in service.headers.items():
            assert request.headers[name] == value
        assert KEY not in str(request.url)
        assert KEY not in request.content.decode()
        carriers = {n.lower() for n in service.headers}
        assert all(KEY not in v for n, v in request.headers.items() if n not in carriers)


def assert_safe(check: KeyCheck, caplog: pytest.LogCaptureFixture) -> None:
    assert KEY not in check.detail and KEY not in repr(check)
    assert all(KEY not in record.getMessage() for record in caplog.records)
    assert check.detail


@each_service
async def test_a_2xx_means_the_key_works(
    service: Service,
    client: httpx.AsyncClient,
    mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    route = mock.get(service.url).respond(200, json={"id": "1"})

    check = await service.make(client).check(KEY, KeyOptions())

    assert check == KeyCheck(True, check.detail, reachable=True)
    assert route.call_count == 1
    assert_key_only_in_its_header(mock.calls, service)
    assert_safe(check, caplog)


# What each service answers a bad key with, as its documentation shows.
REFUSALS: dict[str, list[tuple[int, object]]] = {
    "instagram": [
        (
            400,
            {
                "error": {
                    "message": "Invalid OAuth access token",
                    "type": "OAuthException",
                    "code": 190,
                }
            },
        ),
        (400, {"error": {"message": "Session has expired", "code": 190, "error_subcode": 463}}),
        (400, {"error": {"message": "Error validating access token", "code": 102}}),
        (403, {"error": {"message": "(#10) Permission denied", "code": 10}}),
        (401, None),
    ],
    "pinterest": [(401, {"code": 2, "message": "Authentication failed."}), (403, None)],
    "gemini": [
        (
            400,
            {
                "error": {
                    "code": 400,
                    "message": "API key not valid. Please pass a valid API key.",
                    "status": "INVALID_ARGUMENT",
                    "details": [{"reason": "API_KEY_INVALID", "domain": "googleapis.com"}],
                }
            },
        ),
        (403, {"error": {"code": 403, "status": "PERMISSION_DENIED"}}),
    ],
    "huntflow": [
        (
            401,
            {
                "errors": [
                    {
                        "type": "authorization_error",
                        "title": "Authorization Error",
                        "detail": "Invalid access token",
                    }
                ]
            },
        ),
        (403, {"errors": [{"type": "access_denied", "title": "Access Denied Error"}]}),
    ],
    "clickup": [(401, {"err": "Token invalid", "ECODE": "OAUTH_025"}), (403, None)],
    "notion": [
        (
            401,
            {
                "object": "error",
                "status": 401,
                "code": "unauthorized",
                "message": "API token is invalid.",
            },
        ),
        (403, None),
    ],
}
REFUSAL_CASES = [
    pytest.param(BY_NAME[name], status, body, id=f"{name}-{status}-{i}")
    for name, answers in REFUSALS.items()
    for i, (status, body) in enumerate(answers)
]


@pytest.mark.parametrize(("service", "status", "body"), REFUSAL_CASES)
async def test_the_services_own_refusal_means_the_key_does_not_work(
    service: Service,
    status: int,
    body: object,
    client: httpx.AsyncClient,
    mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    route = mock.get(url__startswith=service.url)
    if body is None:
        # Services that echo what they were sent must not get it into the detail either.
        route.respond(status, text=f"bad key {KEY}")
    else:
        route.respond(status, json=body)

    check = await service.make(client).check(KEY, KeyOptions())

    assert (check.valid, check.reachable) == (False, True)
    assert str(status) in check.detail
    assert_safe(check, caplog)


@each_service
@pytest.mark.parametrize(
    ("status", "body"),
    [
        (400, {"message": "Invalid request parameters"}),
        (400, None),
        (404, {"message": f"no such page, bad key {KEY}"}),
        (404, None),
        (405, None),
        (408, None),
        (302, None),
    ],
    ids=["400-json", "400-html", "404-json", "404-html", "405", "408", "302"],
)
async def test_an_answer_about_something_else_than_the_key_cannot_say(
    service: Service,
    status: int,
    body: object,
    client: httpx.AsyncClient,
    mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A wrong address, a proxy's page, a request the service found fault with: the key was
    never judged, so it is not called invalid."""
    caplog.set_level(logging.DEBUG)
    route = mock.get(url__startswith=service.url)
    if body is None:
        route.respond(status, text="<html>Not the service you asked</html>")
    else:
        route.respond(status, json=body)

    check = await service.make(client).check(KEY, KeyOptions())

    assert (check.valid, check.reachable) == (False, False)
    assert str(status) in check.detail
    assert_safe(check, caplog)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, {"message": "(#4) Application request limit reached", "code": 4}),
        (403, {"message": "(#17) User request limit reached", "code": 17}),
        (400, {"message": "(#32) Page request limit reached", "code": 32}),
        (400, {"message": "(#613) Calls to this api have exceeded the rate limit.", "code": 613}),
        (400, {"message": "An unexpected error has occurred.", "code": 2, "is_transient": True}),
        (400, {"message": "Invalid OAuth access token", "code": 190, "is_transient": True}),
        (400, {"message": "Unknown path components: /mee", "code": 2500}),
        (400, {"message": "odd", "code": [190]}),
    ],
    ids=[
        "app-limit",
        "user-limit",
        "page-limit",
        "613",
        "transient",
        "190-transient",
        "unknown-path",
        "odd-code",
    ],
)
async def test_graph_throttling_or_a_transient_error_cannot_say_whatever_its_status(
    status: int, error: dict[str, object], client: httpx.AsyncClient, mock: respx.MockRouter
) -> None:
    mock.get(url__startswith=BY_NAME["instagram"].url).respond(
        status, json={"error": {"type": "OAuthException", **error}}
    )
    check = await BY_NAME["instagram"].make(client).check(KEY, KeyOptions())
    assert (check.valid, check.reachable) == (False, False)


@pytest.mark.parametrize(
    "error",
    [
        {
            "message": "User location is not supported for the API use.",
            "status": "FAILED_PRECONDITION",
        },
        {
            "message": "Invalid value at 'page_size'",
            "status": "INVALID_ARGUMENT",
            "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest"}],
        },
    ],
    ids=["location", "page-size"],
)
async def test_a_gemini_400_about_something_else_than_the_key_cannot_say(
    error: dict[str, object], client: httpx.AsyncClient, mock: respx.MockRouter
) -> None:
    answer = {"error": {"code": 400, **error}}
    mock.get(url__startswith=BY_NAME["gemini"].url).respond(400, json=answer)
    check = await BY_NAME["gemini"].make(client).check(KEY, KeyOptions())
    assert (check.valid, check.reachable) == (False, False)


@each_service
@pytest.mark.parametrize("status", [500, 502, 503, 429])
async def test_a_service_in_trouble_cannot_say(
    service: Service,
    status: int,
    client: httpx.AsyncClient,
    mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    mock.get(url__startswith=service.url).respond(status, text=f"oops {KEY}")

    check = await service.make(client).check(KEY, KeyOptions())

    assert (check.valid, check.reachable) == (False, False)
    assert_safe(check, caplog)


@each_service
@pytest.mark.parametrize(
    "error",
    [httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadTimeout, httpx.RemoteProtocolError],
)
async def test_no_answer_is_unreachable_and_the_error_text_is_not_repeated(
    service: Service,
    error: type[httpx.TransportError],
    client: httpx.AsyncClient,
    mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    mock.get(url__startswith=service.url).mock(side_effect=error(f"failed sending {KEY}"))

    check = await service.make(client).check(KEY, KeyOptions())

    assert (check.valid, check.reachable) == (False, False)
    assert error.__name__ in check.detail
    assert_safe(check, caplog)


@each_service
@pytest.mark.parametrize("key", ["two words", "line\nbreak", "ключ", "tab\there"])
async def test_a_key_no_header_can_carry_is_refused_without_a_call(
    service: Service, key: str, client: httpx.AsyncClient, mock: respx.MockRouter
) -> None:
    check = await service.make(client).check(key, KeyOptions())

    assert (check.valid, check.reachable) == (False, True)
    assert key not in check.detail
    assert not mock.calls


async def test_gemini_asks_for_one_model_only(
    client: httpx.AsyncClient, mock: respx.MockRouter
) -> None:
    route = mock.get(BY_NAME["gemini"].url, params={"pageSize": "1"}).respond(200, json={})
    assert (await BY_NAME["gemini"].make(client).check(KEY, KeyOptions())).valid
    assert route.called


async def test_instagram_asks_for_the_id_only(
    client: httpx.AsyncClient, mock: respx.MockRouter
) -> None:
    route = mock.get(BY_NAME["instagram"].url, params={"fields": "id"}).respond(200, json={})
    assert (await BY_NAME["instagram"].make(client).check(KEY, KeyOptions())).valid
    assert route.called


async def test_an_instagram_login_token_is_asked_of_graph_instagram_when_facebook_refuses(
    client: httpx.AsyncClient, mock: respx.MockRouter
) -> None:
    refusal = {"error": {"message": "Invalid OAuth access token", "code": 190}}
    facebook = mock.get("https://graph.test/v24.0/me").respond(400, json=refusal)
    instagram = mock.get("https://ig.test/v24.0/me").respond(200, json={"id": "1"})
    checker = HttpxInstagramKeyChecker(client, "https://graph.test/v24.0", "https://ig.test/v24.0")

    assert (await checker.check(KEY, KeyOptions())).valid
    assert facebook.called and instagram.called

    instagram.respond(400, json=refusal)
    check = await checker.check(KEY, KeyOptions())
    assert (check.valid, check.reachable) == (False, True)


async def test_a_token_facebook_accepts_is_not_asked_again(
    client: httpx.AsyncClient, mock: respx.MockRouter
) -> None:
    mock.get("https://graph.test/v24.0/me").respond(200, json={"id": "1"})
    instagram = mock.get("https://ig.test/v24.0/me").respond(200, json={"id": "1"})
    checker = HttpxInstagramKeyChecker(client, "https://graph.test/v24.0", "https://ig.test/v24.0")
    assert (await checker.check(KEY, KeyOptions())).valid
    assert not instagram.called


@pytest.mark.parametrize(
    ("options", "url"),
    [
        (KeyOptions(), "https://hf.test/v2/me"),
        (KeyOptions(system=System.PROD), "https://hf.test/v2/me"),
        (KeyOptions(system=System.SANDBOX), "https://hf-sandbox.test/v2/me"),
        (KeyOptions("https://mine.example/", System.SANDBOX), "https://mine.example/v2/me"),
        (KeyOptions("https://mine.example/v2"), "https://mine.example/v2/me"),
    ],
)
async def test_huntflow_asks_the_address_of_the_system_or_the_one_given(
    options: KeyOptions, url: str, client: httpx.AsyncClient, mock: respx.MockRouter
) -> None:
    route = mock.get(url).respond(200, json={"id": 1})
    assert (await BY_NAME["huntflow"].make(client).check(KEY, options)).valid
    assert route.called


async def test_no_redirect_is_followed(client: httpx.AsyncClient, mock: respx.MockRouter) -> None:
    mock.get(BY_NAME["notion"].url).respond(302, headers={"Location": "https://elsewhere.test/"})
    elsewhere = mock.get("https://elsewhere.test/").respond(200)
    check = await BY_NAME["notion"].make(client).check(KEY, KeyOptions())
    assert not check.valid
    assert not elsewhere.called
