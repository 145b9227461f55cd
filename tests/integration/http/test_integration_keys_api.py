"""``POST /accounts/api/test-<integration>/`` over the real container, every service answered
by `autopost sandbox` in process, each at its own configured address (Instagram's two Graph
hosts apart). A refused key and a service that cannot be reached (down, or a closed port) get
different answers, in both languages."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from dependency_injector import providers
from sandboxed_world import SANDBOX, sandboxed_container, sqlite_copy
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.application.integrations.integration_keys import INTEGRATIONS
from autopost.application.people.accounts import put_in_role
from autopost.domain.access import Role
from autopost.domain.user import User, UserSecret
from autopost.entrypoints.container import Container, close_resources
from autopost.sandbox.demo_keys import (
    CLICKUP_DEMO_KEY,
    GEMINI_DEMO_KEY,
    HUNTFLOW_PROD_DEMO_KEY,
    HUNTFLOW_SANDBOX_DEMO_KEY,
    NOTION_DEMO_KEY,
)
from autopost.sandbox.pinterest_settings import PINTEREST_DEMO_ACCESS_TOKEN
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN

pytestmark = pytest.mark.integration

PASSWORD = "a long enough passphrase"
WRONG_KEY = "pk_a-wrong-key-that-must-never-leak"
SAVED_GEMINI = "AIzaSy-saved-gemini-key-never-shown"
# graph.instagram.com, a host of its own: the sandbox answers whatever host it is asked as.
INSTAGRAM_LOGIN_GRAPH = "http://graph-instagram.sandbox.test"
# Where each key-checked address points: every address a key check calls is a setting.
KEY_CHECK_ADDRESSES = (
    "instagram_graph_url",
    "instagram_login_graph_url",
    "pinterest_api_url",
    "gemini_api_url",
    "clickup_api_url",
    "notion_api_url",
    "huntflow_prod_url",
    "huntflow_sandbox_url",
)

# The body that tests each integration's demo key, and what a person is told when it works.
DEMO_KEYS: dict[str, dict[str, Any]] = {
    "instagram": {"api_key": DEMO_ACCESS_TOKEN},
    "pinterest": {"api_key": PINTEREST_DEMO_ACCESS_TOKEN},
    "gemini": {"api_key": GEMINI_DEMO_KEY},
    "huntflow": {"api_key": HUNTFLOW_PROD_DEMO_KEY, "system": "prod"},
    "clickup": {"api_key": CLICKUP_DEMO_KEY},
    "notion": {"api_key": NOTION_DEMO_KEY},
}
VALID = {
    "ru": {
        "instagram": "Токен доступа Instagram действует",
        "pinterest": "Токен доступа Pinterest действует",
        "gemini": "Ключ API действует",
        "huntflow": "Ключ API Huntflow prod действует",
        "clickup": "Ключ API ClickUp действует",
        "notion": "Токен интеграции Notion действует",
    },
    "en": {
        "instagram": "The Instagram access token works",
        "pinterest": "The Pinterest access token works",
        "gemini": "The API key works",
        "huntflow": "The Huntflow prod API key works",
        "clickup": "The ClickUp API key works",
        "notion": "The Notion integration token works",
    },
}
INVALID = {"ru": "Сервис не принял ключ API", "en": "The service did not accept the API key"}
UNREACHABLE = {
    "ru": "Сервис сейчас не отвечает; повторите позже",
    "en": "The service is not answering; try again later",
}
LANGUAGES = ("ru", "en")
each_integration = pytest.mark.parametrize("integration", list(DEMO_KEYS))
each_language = pytest.mark.parametrize("language", LANGUAGES)


class Accounts:
    def __init__(self, container: Container, app: Starlette, sandbox: Starlette) -> None:
        self.container = container
        self.app = app
        self.sandbox = sandbox

    async def sign_up(self, role: Role) -> httpx.AsyncClient:
        """A client signed in (by API token) as a new user of ``role``."""
        name = role.value.lower()
        async with self.container.infrastructure.uow() as uow:
            user = User(
                name,
                f"{name}@example.com",
                self.container.infrastructure.password_hasher().hash(PASSWORD),
                self.container.infrastructure.clock().now(),
            )
            await uow.users.add(user)
            await uow.commit()
            await put_in_role(uow, user, role)
            await uow.commit()
        token = await self.container.people.issue_api_token().execute(name, PASSWORD, "127.0.0.1")
        client = self.anonymous()
        client.headers["Authorization"] = f"Token {token}"
        return client

    async def save_key(self, username: str, name: str, key: str) -> None:
        async with self.container.infrastructure.uow() as uow:
            user = await uow.users.by_login(username)
            assert user is not None and user.id is not None
            sealed = self.container.infrastructure.secret_box().seal(key)
            await uow.user_secrets.put(
                UserSecret(user.id, name, sealed, self.container.infrastructure.clock().now())
            )
            await uow.commit()

    def anonymous(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://autopost.test"
        )


def configured(container: Container, **settings: Any) -> None:
    """Settings changed before any key checker is made."""
    changed = container.settings().model_copy(update=settings)
    container.settings.override(providers.Object(changed))


@pytest.fixture
async def accounts(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette
) -> AsyncIterator[Accounts]:
    container = await sandboxed_container(
        tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app
    )
    configured(container, instagram_login_graph_url=INSTAGRAM_LOGIN_GRAPH)
    yield Accounts(container, create_app(container), sandbox_app)
    await close_resources(container)


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port nothing listens on: bound and never listening, it refuses connections."""
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        yield bound.getsockname()[1]


@pytest.fixture
async def nowhere(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette, closed_port: int
) -> AsyncIterator[Accounts]:
    """Autopost whose every key-checked address is a closed loopback port, asked for real."""
    container = await sandboxed_container(
        tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app
    )
    closed = f"http://127.0.0.1:{closed_port}"
    configured(container, **dict.fromkeys(KEY_CHECK_ADDRESSES, closed))
    client = httpx.AsyncClient()
    container.infrastructure.http_client.override(providers.Object(client))
    yield Accounts(container, create_app(container), sandbox_app)
    await close_resources(container)
    await client.aclose()


async def take_down(accounts: Accounts, service: str) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=accounts.sandbox), base_url=SANDBOX
    ) as control:
        switched = await control.put(f"/_sandbox/services/{service}", json={"down": True})
        assert switched.status_code == 200, switched.text


def asked(accounts: Accounts) -> list[str]:
    """The addresses the server's HTTP client is asked from now on."""
    sent: list[str] = []

    async def keep(request: httpx.Request) -> None:
        sent.append(str(request.url.copy_with(query=None)))

    accounts.container.infrastructure.http_client().event_hooks["request"].append(keep)
    return sent


@pytest.fixture
async def observer(accounts: Accounts) -> AsyncIterator[httpx.AsyncClient]:
    async with await accounts.sign_up(Role.OBSERVERS) as client:
        yield client


async def test_key(
    client: httpx.AsyncClient, integration: str, body: dict[str, Any] | None = None, **kw: Any
) -> httpx.Response:
    return await client.post(f"/accounts/api/test-{integration}/", json=body or {}, **kw)


test_key.__test__ = False  # type: ignore[attr-defined]


def test_the_container_has_a_checker_for_every_integration(accounts: Accounts) -> None:
    assert set(accounts.container.integrations.key_checkers()) == set(INTEGRATIONS)


async def test_without_signing_in_it_is_a_401(accounts: Accounts) -> None:
    async with accounts.anonymous() as anonymous:
        response = await test_key(anonymous, "instagram", {"api_key": DEMO_ACCESS_TOKEN})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert "error" in response.json()


async def test_a_wrong_token_header_is_a_401_too(accounts: Accounts) -> None:
    async with accounts.anonymous() as anonymous:
        response = await test_key(
            anonymous, "gemini", {"api_key": "x"}, headers={"Authorization": "Token nope"}
        )
    assert response.status_code == 401


@pytest.mark.parametrize("role", list(Role))
async def test_every_role_may_test_a_key(accounts: Accounts, role: Role) -> None:
    async with await accounts.sign_up(role) as client:
        response = await test_key(client, "instagram", {"api_key": DEMO_ACCESS_TOKEN})
    assert response.status_code == 200, response.text
    assert response.json() == {"success": True, "message": "Токен доступа Instagram действует"}


async def test_a_valid_pinterest_token_is_confirmed_in_english_when_asked(
    observer: httpx.AsyncClient,
) -> None:
    response = await test_key(
        observer,
        "pinterest",
        {"api_key": PINTEREST_DEMO_ACCESS_TOKEN},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"success": True, "message": "The Pinterest access token works"}


@each_integration
@each_language
async def test_the_demo_key_of_every_service_is_valid(
    observer: httpx.AsyncClient, integration: str, language: str
) -> None:
    response = await test_key(
        observer, integration, DEMO_KEYS[integration], headers={"Accept-Language": language}
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"success": True, "message": VALID[language][integration]}


@each_integration
@each_language
async def test_a_key_the_service_refuses_is_a_400_saying_the_key_is_not_valid(
    observer: httpx.AsyncClient, integration: str, language: str
) -> None:
    body = {**DEMO_KEYS[integration], "api_key": WRONG_KEY}
    response = await test_key(observer, integration, body, headers={"Accept-Language": language})
    assert response.status_code == 400, response.text
    assert response.json() == {"success": False, "message": INVALID[language]}


@each_integration
@each_language
async def test_a_service_that_is_down_is_a_502_saying_to_try_later_not_that_the_key_is_bad(
    accounts: Accounts, observer: httpx.AsyncClient, integration: str, language: str
) -> None:
    await take_down(accounts, integration)
    response = await test_key(
        observer, integration, DEMO_KEYS[integration], headers={"Accept-Language": language}
    )
    assert response.status_code == 502, response.text
    assert response.json() == {"success": False, "message": UNREACHABLE[language]}


@each_integration
@each_language
async def test_a_service_at_a_closed_port_is_a_502_saying_to_try_later(
    nowhere: Accounts, integration: str, language: str
) -> None:
    async with await nowhere.sign_up(Role.OBSERVERS) as observer:
        response = await test_key(
            observer, integration, DEMO_KEYS[integration], headers={"Accept-Language": language}
        )
    assert response.status_code == 502, response.text
    assert response.json() == {"success": False, "message": UNREACHABLE[language]}


@each_integration
async def test_each_key_check_asks_its_configured_address_only(
    accounts: Accounts, observer: httpx.AsyncClient, integration: str
) -> None:
    """No address of a key check is written in the code: each is a setting."""
    sent = asked(accounts)
    await test_key(observer, integration, {**DEMO_KEYS[integration], "api_key": WRONG_KEY})
    settings = accounts.container.settings()
    configured_bases = (
        settings.instagram_graph_url,
        settings.instagram_login_api_url,
        settings.effective_pinterest_api_url,
        settings.gemini_api_url,
        settings.clickup_api_url,
        settings.notion_api_url,
        settings.huntflow_prod_url,
    )
    assert sent
    assert all(url.startswith(configured_bases) for url in sent), sent


async def test_an_instagram_token_graph_facebook_refuses_is_asked_of_graph_instagram(
    accounts: Accounts, observer: httpx.AsyncClient
) -> None:
    """Both Graph hosts are settings, and both are asked before a token is called invalid."""
    sent = asked(accounts)
    response = await test_key(observer, "instagram", {"api_key": WRONG_KEY})
    assert response.status_code == 400, response.text
    assert sent == [f"{SANDBOX}/v24.0/me", f"{INSTAGRAM_LOGIN_GRAPH}/v24.0/me"]


@pytest.mark.parametrize(
    ("system", "key", "other"),
    [
        ("prod", HUNTFLOW_PROD_DEMO_KEY, HUNTFLOW_SANDBOX_DEMO_KEY),
        ("sandbox", HUNTFLOW_SANDBOX_DEMO_KEY, HUNTFLOW_PROD_DEMO_KEY),
    ],
)
async def test_a_huntflow_key_is_checked_at_the_system_it_is_for(
    observer: httpx.AsyncClient, system: str, key: str, other: str
) -> None:
    good = await test_key(observer, "huntflow", {"api_key": key, "system": system})
    assert good.status_code == 200, good.text
    assert good.json()["message"] == f"Ключ API Huntflow {system} действует"
    wrong = await test_key(observer, "huntflow", {"api_key": other, "system": system})
    assert wrong.status_code == 400, wrong.text


async def test_a_wrong_huntflow_key_at_a_given_configured_address_is_a_400(
    observer: httpx.AsyncClient,
) -> None:
    body = {"api_key": WRONG_KEY, "api_url": f"{SANDBOX}/huntflow/prod/v2", "system": "prod"}
    response = await test_key(observer, "huntflow", body)
    assert response.status_code == 400, response.text
    assert response.json() == {"success": False, "message": "Сервис не принял ключ API"}


@pytest.mark.parametrize(
    "url",
    [
        "https://huntflow.attacker.example",
        "https://api.huntflow.ru",
        f"{SANDBOX}/huntflow/prod.attacker.example/",
        "http://127.0.0.1:6379/",
        "http://169.254.169.254/latest",
    ],
)
async def test_a_huntflow_address_not_huntflows_is_refused_before_any_call(
    accounts: Accounts, observer: httpx.AsyncClient, url: str
) -> None:
    await accounts.save_key("observers", "huntflow_prod_api_key", SAVED_GEMINI + "-hf")
    sent: list[httpx.Request] = []

    async def keep(request: httpx.Request) -> None:
        sent.append(request)

    accounts.container.infrastructure.http_client().event_hooks["request"].append(keep)
    response = await test_key(observer, "huntflow", {"api_url": url, "system": "prod"})
    assert response.status_code == 400
    assert response.json() == {"api_url": ["Подходит только адрес Huntflow prod или sandbox"]}
    assert sent == []


async def test_a_saved_key_goes_to_the_configured_huntflow_address(
    accounts: Accounts, observer: httpx.AsyncClient
) -> None:
    await accounts.save_key("observers", "huntflow_sandbox_api_key", HUNTFLOW_SANDBOX_DEMO_KEY)
    sent = asked(accounts)
    body = {"api_url": f"{SANDBOX}/huntflow/sandbox/", "system": "sandbox"}
    response = await test_key(observer, "huntflow", body)
    assert response.status_code == 200, response.text
    assert sent == [f"{SANDBOX}/huntflow/sandbox/v2/me"]


async def test_no_key_and_none_saved_is_a_400_saying_so(observer: httpx.AsyncClient) -> None:
    response = await test_key(observer, "gemini", {})
    assert response.status_code == 400
    assert response.json() == {"success": False, "message": "Ключ API не передан"}


async def test_without_a_key_the_saved_one_is_tested(
    accounts: Accounts, observer: httpx.AsyncClient
) -> None:
    await accounts.save_key("observers", "instagram_access_token", DEMO_ACCESS_TOKEN)
    response = await test_key(observer, "instagram")
    assert response.status_code == 200, response.text
    assert response.json()["success"] is True


async def test_an_unknown_integration_is_a_404(observer: httpx.AsyncClient) -> None:
    response = await test_key(observer, "myspace", {"api_key": WRONG_KEY})
    assert response.status_code == 404
    assert response.json() == {"error": "Not found."}


@pytest.mark.parametrize(
    "body",
    [{"api_key": 12}, {"system": "staging"}, {"api_key": "a\x00b"}],
    ids=["not-a-string", "unknown-system", "nul"],
)
async def test_bad_input_is_a_400_by_field(observer: httpx.AsyncClient, body: Any) -> None:
    response = await test_key(observer, "huntflow", body)
    assert response.status_code == 400
    assert set(response.json()) == set(body)


async def test_a_form_body_is_refused_it_takes_json(observer: httpx.AsyncClient) -> None:
    response = await observer.post("/accounts/api/test-gemini/", data={"api_key": WRONG_KEY})
    assert response.status_code == 400
    assert WRONG_KEY not in response.text


async def test_no_key_is_ever_in_a_body_or_a_log_line(
    accounts: Accounts, observer: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await accounts.save_key("observers", "gemini_api_key", SAVED_GEMINI)
    await accounts.save_key("observers", "huntflow_sandbox_api_key", SAVED_GEMINI + "-hf")
    calls = [
        ("gemini", {}),
        ("gemini", {"api_key": WRONG_KEY}),
        ("huntflow", {"system": "sandbox"}),
        ("huntflow", {"api_key": WRONG_KEY, "api_url": "https://attacker.example/"}),
        ("huntflow", {"api_key": WRONG_KEY, "system": "nope"}),
        ("instagram", {"api_key": DEMO_ACCESS_TOKEN}),
        ("pinterest", {"api_key": WRONG_KEY}),
        ("notion", {"api_key": [WRONG_KEY]}),
        ("myspace", {"api_key": WRONG_KEY}),
    ]
    bodies = [(await test_key(observer, name, body)).text for name, body in calls]
    async with accounts.anonymous() as anonymous:
        bodies.append((await test_key(anonymous, "gemini", {"api_key": WRONG_KEY})).text)

    logged = "\n".join(
        f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records
    )
    assert caplog.records  # the checks were logged, without their keys
    for key in (WRONG_KEY, SAVED_GEMINI, DEMO_ACCESS_TOKEN):
        assert all(key not in body for body in bodies), key
        assert key not in logged, key
