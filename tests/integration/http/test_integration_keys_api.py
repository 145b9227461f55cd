"""``POST /accounts/api/test-<integration>/`` over the real container, the platforms answered
by `autopost sandbox` in process (every other service's address reaches the sandbox too, which
refuses it as Graph refuses an unknown token)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandboxed_world import sandboxed_container, sqlite_copy
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.application.use_cases.accounts import put_in_role
from autopost.application.use_cases.integration_keys import INTEGRATIONS
from autopost.domain.access import Role
from autopost.domain.user import User, UserSecret
from autopost.entrypoints.container import Container, close_resources
from autopost.sandbox.pinterest_settings import PINTEREST_DEMO_ACCESS_TOKEN
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN

pytestmark = pytest.mark.integration

PASSWORD = "a long enough passphrase"
WRONG_KEY = "pk_a-wrong-key-that-must-never-leak"
SAVED_GEMINI = "AIzaSy-saved-gemini-key-never-shown"


class Accounts:
    def __init__(self, container: Container, app: Starlette, sandbox: Starlette) -> None:
        self.container = container
        self.app = app
        self.sandbox = sandbox

    async def sign_up(self, role: Role) -> httpx.AsyncClient:
        """A client signed in (by API token) as a new user of ``role``."""
        name = role.value.lower()
        async with self.container.uow() as uow:
            user = User(
                name,
                f"{name}@example.com",
                self.container.password_hasher().hash(PASSWORD),
                self.container.clock().now(),
            )
            await uow.users.add(user)
            await uow.commit()
            await put_in_role(uow, user, role)
            await uow.commit()
        token = await self.container.issue_api_token().execute(name, PASSWORD, "127.0.0.1")
        client = self.anonymous()
        client.headers["Authorization"] = f"Token {token}"
        return client

    async def save_key(self, username: str, name: str, key: str) -> None:
        async with self.container.uow() as uow:
            user = await uow.users.by_login(username)
            assert user is not None and user.id is not None
            sealed = self.container.secret_box().seal(key)
            await uow.user_secrets.put(
                UserSecret(user.id, name, sealed, self.container.clock().now())
            )
            await uow.commit()

    def anonymous(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://autopost.test"
        )


@pytest.fixture
async def accounts(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette
) -> AsyncIterator[Accounts]:
    container = sandboxed_container(tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app)
    yield Accounts(container, create_app(container), sandbox_app)
    await close_resources(container)


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
    assert set(accounts.container.key_checkers()) == set(INTEGRATIONS)


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
    assert response.json() == {"success": True, "message": "Instagram access token валиден"}


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
    assert response.json() == {"success": True, "message": "The Pinterest access token is valid"}


@pytest.mark.parametrize("integration", ["instagram", "pinterest", "gemini", "clickup", "notion"])
async def test_a_wrong_key_is_a_400_in_the_seeds_shape(
    observer: httpx.AsyncClient, integration: str
) -> None:
    response = await test_key(observer, integration, {"api_key": WRONG_KEY})
    assert response.status_code == 400, response.text
    assert response.json() == {"success": False, "message": "API ключ недействителен"}


async def test_a_wrong_huntflow_key_at_a_given_https_address_is_a_400(
    observer: httpx.AsyncClient,
) -> None:
    body = {"api_key": WRONG_KEY, "api_url": "https://api.huntflow.ru", "system": "prod"}
    response = await test_key(observer, "huntflow", body)
    assert response.status_code == 400, response.text
    assert response.json()["success"] is False


@pytest.mark.parametrize(
    "url",
    [
        "https://huntflow.attacker.example",
        "https://api.huntflow.ru.attacker.example/",
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

    accounts.container.http_client().event_hooks["request"].append(keep)
    response = await test_key(observer, "huntflow", {"api_url": url, "system": "prod"})
    assert response.status_code == 400
    assert response.json() == {"api_url": ["Принимается только адрес Huntflow prod или sandbox"]}
    assert sent == []


async def test_a_saved_key_goes_to_the_configured_huntflow_address(
    accounts: Accounts, observer: httpx.AsyncClient
) -> None:
    await accounts.save_key("observers", "huntflow_sandbox_api_key", SAVED_GEMINI + "-hf")
    sent: list[httpx.Request] = []

    async def keep(request: httpx.Request) -> None:
        sent.append(request)

    accounts.container.http_client().event_hooks["request"].append(keep)
    body = {"api_url": "https://sandbox-api.huntflow.dev/", "system": "sandbox"}
    response = await test_key(observer, "huntflow", body)
    assert response.status_code in (400, 502), response.text  # the sandbox knows no Huntflow
    assert [str(r.url) for r in sent] == ["https://sandbox-api.huntflow.dev/v2/me"]


async def test_a_service_that_fails_is_a_502(
    accounts: Accounts, observer: httpx.AsyncClient
) -> None:
    fault = {"action": "error", "path_suffix": "/user_account", "status": 503, "code": 2}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=accounts.sandbox), base_url="http://sandbox.test"
    ) as control:
        assert (await control.post("/_sandbox/faults", json=fault)).status_code == 201
    response = await test_key(observer, "pinterest", {"api_key": PINTEREST_DEMO_ACCESS_TOKEN})
    assert response.status_code == 502, response.text
    assert response.json() == {"success": False, "message": "Сервис недоступен, попробуйте позже"}


async def test_no_key_and_none_saved_is_a_400_saying_so(observer: httpx.AsyncClient) -> None:
    response = await test_key(observer, "gemini", {})
    assert response.status_code == 400
    assert response.json() == {"success": False, "message": "API ключ не указан"}


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
