"""Signing in over HTTP: the JSON login and logout, the session cookie on the API, CSRF, the
throttle, and signing in with Google through `autopost sandbox`; on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from dependency_injector import providers
from sandboxed_world import SANDBOX, sandboxed_container, sandboxed_settings
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.application.messages import Message
from autopost.entrypoints.container import Container, close_resources
from autopost.sandbox.google_sign_in_state import GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET

pytestmark = pytest.mark.integration

PASSWORD = "a long enough passphrase"
AUTOPOST = "http://autopost.test"
LOGIN, LOGOUT = "/accounts/api/login/", "/accounts/api/logout/"
TOKEN_AUTH = "/api/v1/api-token-auth/"
CALLBACK = "/accounts/google-oauth-callback/"
STATE_COOKIE = "autopost_google_state"
NOT_FOUND_CREDENTIAL = "/api/v1/credentials/999/"
GOOGLE = {
    "google_client_id": GOOGLE_CLIENT_ID,
    "google_client_secret": GOOGLE_CLIENT_SECRET,
    "google_redirect_uri": f"{AUTOPOST}/accounts/google-oauth-callback/",
    "google_authorize_url": f"{SANDBOX}/google/o/oauth2/v2/auth",
    "google_token_url": f"{SANDBOX}/google/token",
    "google_userinfo_url": f"{SANDBOX}/google/userinfo",
}

Browser = Callable[..., httpx.AsyncClient]


class RecordingPause:
    """Waits no real time. Notes each wait, and how many database connections were taken
    from the pool meanwhile."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._pool = engine.sync_engine.pool
        self.waits: list[timedelta] = []
        self.connections_held: list[int] = []

    async def wait(self, delay: timedelta) -> None:
        self.waits.append(delay)
        self.connections_held.append(self._pool.checkedout())  # type: ignore[attr-defined]


class World:
    def __init__(self, container: Container, sandbox: httpx.AsyncClient, token: str) -> None:
        self.container = container
        self.sandbox = sandbox
        self.token = token
        self.clients: list[httpx.AsyncClient] = []
        self.pause = RecordingPause(container.infrastructure.engine())
        container.infrastructure.pause.override(providers.Object(self.pause))

    def configure(self, **settings: Any) -> None:
        """Change settings; the HTTP edge's sign-in settings are read again."""
        changed = self.container.settings().model_copy(update=settings)
        self.container.settings.override(providers.Object(changed))
        self.container.people.sign_in_settings.reset()

    def browser(self, ip: str = "127.0.0.1", base_url: str = AUTOPOST) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=create_app(self.container), client=(ip, 50000))
        client = httpx.AsyncClient(transport=transport, base_url=base_url)
        self.clients.append(client)
        return client


@pytest.fixture
async def world(tmp_path: Path, database_url: str, sandbox_app: Starlette) -> AsyncIterator[World]:
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    settings = sandboxed_settings(tmp_path, database_url).model_copy(update=GOOGLE)
    container.settings.override(providers.Object(settings))
    await container.people.create_superuser().execute("admin", "admin@example.com", PASSWORD)
    token = await container.people.issue_api_token().execute("admin", PASSWORD, "127.0.0.1")
    transport = httpx.ASGITransport(app=sandbox_app)
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX) as sandbox:
        world = World(container, sandbox, token)
        yield world
        for client in world.clients:
            await client.aclose()
    await close_resources(container)


async def signed_in(world: World, **browser: Any) -> httpx.AsyncClient:
    client = world.browser(**browser)
    response = await client.post(LOGIN, json={"username": "admin", "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client


def set_cookies(response: httpx.Response) -> dict[str, str]:
    """Each cookie's Set-Cookie line, by name, lower-cased."""
    lines = response.headers.get_list("set-cookie")
    return {line.split("=", 1)[0]: line.lower() for line in lines}


# The JSON login and logout


async def test_signing_in_answers_the_seeds_shape_and_sets_the_session_cookies(
    world: World,
) -> None:
    browser = world.browser()
    response = await browser.post(LOGIN, json={"username": "admin", "password": PASSWORD})
    body = response.json()
    assert (response.status_code, body["success"], body["message"]) == (
        200,
        True,
        "Вы вошли в систему",
    )
    assert (body["user"]["username"], body["user"]["is_admin"]) == ("admin", True)
    assert "password" not in str(body)
    cookies = set_cookies(response)
    session, csrf = cookies["autopost_session"], cookies["csrftoken"]
    for line in (session, csrf):
        assert "samesite=lax" in line and "path=/" in line and "max-age=1209600" in line
        assert "secure" not in line  # plain HTTP
    assert "httponly" in session and "httponly" not in csrf
    assert browser.cookies["autopost_session"] not in response.text


async def test_the_email_address_signs_in_too(world: World) -> None:
    response = await world.browser().post(
        LOGIN, json={"username": "ADMIN@example.com", "password": PASSWORD}
    )
    assert response.json()["user"]["username"] == "admin"


async def test_the_cookies_are_secure_over_https(world: World) -> None:
    browser = await signed_in(world, base_url="https://autopost.test")
    response = await browser.post(LOGIN, json={"username": "admin", "password": PASSWORD})
    assert all("secure" in line for line in set_cookies(response).values())


async def test_a_forwarded_proto_counts_only_behind_a_trusted_proxy(world: World) -> None:
    body = {"username": "admin", "password": PASSWORD}
    https = {"X-Forwarded-Proto": "https"}
    untrusted = await world.browser().post(LOGIN, json=body, headers=https)
    assert "secure" not in set_cookies(untrusted)["autopost_session"]
    world.configure(trust_proxy_headers=True)
    trusted = await world.browser().post(LOGIN, json=body, headers=https)
    assert "secure" in set_cookies(trusted)["autopost_session"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"username": "admin", "password": "wrong"}, "Имя пользователя или пароль указаны неверно"),
        (
            {"username": "nobody", "password": PASSWORD},
            "Имя пользователя или пароль указаны неверно",
        ),
        ({"username": "admin"}, "Введите имя пользователя и пароль"),
        (["admin", PASSWORD], "Введите имя пользователя и пароль"),
    ],
)
async def test_a_refused_sign_in_says_why_in_the_seeds_shape(
    world: World, body: Any, message: str
) -> None:
    response = await world.browser().post(LOGIN, json=body)
    assert (response.status_code, response.json()) == (400, {"success": False, "message": message})
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "ad\x00min", "password": PASSWORD}, "username"),
        ({"username": "admin\ud800", "password": PASSWORD}, "username"),
        ({"username": "admin", "password": "pass\udfffword"}, "password"),
    ],
)
async def test_text_that_cannot_be_stored_is_a_400_naming_the_field(
    world: World, body: dict[str, str], field: str
) -> None:
    # Escaped as JSON allows (\\ud800): httpx's own encoder would refuse a lone surrogate.
    sent = {"content": json.dumps(body), "headers": {"Content-Type": "application/json"}}
    response = await world.browser().post(LOGIN, **sent)
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert list(response.json()["errors"]) == [field]
    token = await world.browser().post("/api/v1/api-token-auth/", **sent)
    assert token.status_code == 400
    assert list(token.json()) == [field]


async def test_messages_follow_the_requests_language(world: World) -> None:
    response = await world.browser().post(
        LOGIN,
        json={"username": "admin", "password": "wrong"},
        headers={"Accept-Language": "en"},
    )
    assert response.json()["message"] == "The username or the password is not correct"


async def test_only_json_signs_in(world: World) -> None:
    response = await world.browser().post(LOGIN, data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 415
    assert response.json() == {
        "success": False,
        "message": "Тело запроса должно быть в JSON (Content-Type: application/json)",
    }


async def test_signing_out_ends_the_session_on_the_server(world: World) -> None:
    browser = await signed_in(world)
    old_cookie = browser.cookies["autopost_session"]
    response = await browser.post(LOGOUT, json={})
    assert response.json() == {"success": True, "message": "Вы вышли из системы"}
    cookies = set_cookies(response)
    assert 'autopost_session=""' in cookies["autopost_session"]
    assert "max-age=0" in cookies["autopost_session"] and "max-age=0" in cookies["csrftoken"]
    replayed = world.browser()
    replayed.cookies.set("autopost_session", old_cookie)
    assert (await replayed.get("/api/v1/posts/")).status_code == 401


async def test_signing_out_without_a_session_answers_the_same(world: World) -> None:
    response = await world.browser().post(LOGOUT)
    assert (response.status_code, response.json()["success"]) == (200, True)


# The session on the API, and CSRF


async def test_the_session_cookie_signs_in_api_calls(world: World) -> None:
    browser = await signed_in(world)
    assert (await browser.get("/api/v1/posts/")).status_code == 200
    assert (await world.browser().get("/api/v1/posts/")).status_code == 401


async def test_an_unsafe_call_with_the_session_needs_the_csrf_token(world: World) -> None:
    browser = await signed_in(world)
    token = browser.cookies["csrftoken"]
    refused = await browser.delete(NOT_FOUND_CREDENTIAL)
    assert (refused.status_code, refused.json()) == (
        403,
        {"error": "CSRF token missing or incorrect."},
    )
    wrong = await browser.delete(NOT_FOUND_CREDENTIAL, headers={"X-CSRFToken": token[::-1]})
    assert wrong.status_code == 403
    allowed = await browser.delete(NOT_FOUND_CREDENTIAL, headers={"X-CSRFToken": token})
    assert allowed.status_code == 404  # past CSRF: there is no such account


async def test_a_form_may_carry_the_csrf_token_and_still_reaches_the_handler(
    world: World,
) -> None:
    browser = await signed_in(world)
    form = {"username": "admin", "password": PASSWORD}
    refused = await browser.post("/api/v1/api-token-auth/", data=form)
    assert refused.status_code == 403
    token = browser.cookies["csrftoken"]
    allowed = await browser.post(
        "/api/v1/api-token-auth/", data={**form, "csrfmiddlewaretoken": token}
    )
    assert allowed.status_code == 200 and allowed.json()["token"]


async def test_a_token_call_needs_no_csrf_token_even_with_the_cookie(world: World) -> None:
    browser = await signed_in(world)
    headers = {"Authorization": f"Token {world.token}"}
    assert (await browser.delete(NOT_FOUND_CREDENTIAL, headers=headers)).status_code == 404


async def test_the_json_api_needs_no_csrf_token_for_json_but_does_for_anything_else(
    world: World,
) -> None:
    browser = await signed_in(world)
    as_text = await browser.post(LOGOUT, content=b"{}", headers={"Content-Type": "text/plain"})
    assert as_text.status_code == 403
    assert (await browser.get("/api/v1/posts/")).status_code == 200  # still signed in
    as_json = await browser.post(LOGOUT, json={})
    assert as_json.status_code == 200


# The throttle


TOO_MANY = Message.TOO_MANY_ATTEMPTS.value
GUESS, RIGHT = (
    {"username": "admin", "password": "wrong"},
    {"username": "admin", "password": PASSWORD},
)


async def test_guesses_from_other_addresses_refuse_them_but_not_the_owner(world: World) -> None:
    for n in range(5):
        guess = await world.browser(ip=f"10.0.0.{n}").post(LOGIN, json=GUESS)
        assert guess.status_code == 400
    # Refused until its own failure is 15 minutes old: the last guesser's is the newest.
    refused = await world.browser(ip="10.0.0.4").post(LOGIN, json=RIGHT)
    assert (refused.status_code, refused.json()) == (429, {"success": False, "message": TOO_MANY})
    assert refused.headers["retry-after"] == "900"
    owner = await world.browser(ip="10.0.1.1").post(LOGIN, json=RIGHT)
    assert owner.status_code == 200, owner.text
    assert world.pause.waits == [timedelta(seconds=1)]


async def test_a_guarded_accounts_wait_holds_no_database_connection(world: World) -> None:
    """On SQLite the one connection holds the write lock: held, it would stall everyone."""
    for n in range(5):
        await world.browser(ip=f"10.0.0.{n}").post(LOGIN, json=GUESS)
    await world.browser(ip="10.0.1.1").post(LOGIN, json=RIGHT)
    await world.browser(ip="10.0.1.2").post(TOKEN_AUTH, json=GUESS)
    assert world.pause.connections_held == [0, 0]


async def test_five_failures_from_one_address_lock_that_address(world: World) -> None:
    guesser = world.browser(ip="192.0.2.7")
    for name in ("anna", "boris", "clara", "dmitri", "elena"):
        await guesser.post(LOGIN, json={"username": name, "password": "guess"})
    locked = await guesser.post(LOGIN, json={"username": "admin", "password": PASSWORD})
    assert locked.status_code == 429
    elsewhere = await world.browser(ip="192.0.2.8").post(
        LOGIN, json={"username": "admin", "password": PASSWORD}
    )
    assert elsewhere.status_code == 200


@pytest.mark.parametrize(
    ("language", "refused", "required", "throttled"),
    [
        (
            "ru",
            Message.TOKEN_REFUSED.value,
            Message.FIELD_REQUIRED.value,
            Message.TOO_MANY_ATTEMPTS.value,
        ),
        (
            "en",
            "Could not sign in with these credentials.",
            "Fill in this field.",
            "Too many sign-ins failed; try again later",
        ),
    ],
)
async def test_the_token_endpoint_speaks_the_requests_language_in_every_answer(
    world: World, language: str, refused: str, required: str, throttled: str
) -> None:
    client = world.browser(ip="10.0.9.1")
    client.headers["Accept-Language"] = language
    wrong = await client.post(TOKEN_AUTH, json=GUESS)
    assert wrong.json() == {"non_field_errors": [refused]}
    missing = await client.post(TOKEN_AUTH, json={"username": "admin"})
    assert missing.json() == {"password": [required]}
    for _ in range(4):
        await client.post(TOKEN_AUTH, json=GUESS)
    locked = await client.post(TOKEN_AUTH, json=RIGHT)
    assert (locked.status_code, locked.json()) == (429, {"non_field_errors": [throttled]})


async def test_the_token_endpoint_shares_the_logins_guard(world: World) -> None:
    for n in range(5):
        refused = await world.browser(ip=f"10.0.2.{n}").post(TOKEN_AUTH, json=GUESS)
        assert (refused.status_code, refused.json()) == (
            400,
            {"non_field_errors": [Message.TOKEN_REFUSED.value]},
        )
    locked = await world.browser(ip="10.0.2.4").post(TOKEN_AUTH, json=RIGHT)
    assert (locked.status_code, locked.json()) == (429, {"non_field_errors": [TOO_MANY]})
    assert locked.headers["retry-after"] == "900"
    assert (await world.browser(ip="10.0.2.0").post(LOGIN, json=RIGHT)).status_code == 429
    owner = await world.browser(ip="10.0.3.1").post(TOKEN_AUTH, json=RIGHT)
    assert owner.status_code == 200 and owner.json()["token"]
    assert (await world.browser(ip="10.0.3.2").post(LOGIN, json=RIGHT)).status_code == 200
    assert world.pause.waits == [timedelta(seconds=1)] * 2


async def test_the_token_endpoint_counts_failures_by_the_clients_address(world: World) -> None:
    guesser = world.browser(ip="192.0.2.17")
    for name in ("anna", "boris", "clara", "dmitri", "elena"):
        await guesser.post(TOKEN_AUTH, json={"username": name, "password": "guess"})
    right = {"username": "admin", "password": PASSWORD}
    assert (await guesser.post(TOKEN_AUTH, json=right)).status_code == 429
    assert (await guesser.post(LOGIN, json=right)).status_code == 429
    elsewhere = await world.browser(ip="192.0.2.18").post(TOKEN_AUTH, json=right)
    assert elsewhere.status_code == 200 and elsewhere.json()["token"]


async def test_an_issued_token_is_audited_without_the_token(world: World) -> None:
    response = await world.browser().post(
        TOKEN_AUTH, json={"username": "admin", "password": PASSWORD}
    )
    token = response.json()["token"]
    admin = world.browser()
    admin.headers["Authorization"] = f"Token {token}"
    entries = (await admin.get("/api/audit/")).json()["results"]
    assert [(e["action"], e["actor_name"]) for e in entries[:2]] == [
        ("token_issued", "admin"),
        ("token_issued", "admin"),  # the fixture's
    ]
    assert token not in str(entries) and PASSWORD not in str(entries)


# Google


async def test_the_google_debug_pages_exist_only_in_debug(world: World) -> None:
    pages = (
        "/accounts/google-oauth-demo/",
        "/accounts/google-oauth-test/",
        "/accounts/oauth-debug/",
    )
    for page in pages:
        assert (await world.browser().get(page)).status_code == 404
    world.configure(debug=True)
    for page in pages:
        response = await world.browser().get(page)
        assert response.status_code == 200
        assert GOOGLE_CLIENT_ID in response.text and GOOGLE["google_redirect_uri"] in response.text
        assert GOOGLE_CLIENT_SECRET not in response.text


async def google_round_trip(world: World, browser: httpx.AsyncClient) -> httpx.Response:
    """Autopost → the sandbox's consent page, approved → back to Autopost's callback."""
    start = await browser.get("/accounts/google-oauth/")
    assert start.status_code == 302, start.text
    location = start.headers["location"]
    assert location.startswith(GOOGLE["google_authorize_url"])
    assert "code_challenge_method=S256" in location
    page = await world.sandbox.get(location)
    assert page.status_code == 200 and "<form" in page.text
    consent = await world.sandbox.get(httpx.URL(location).copy_add_param("approve", "1"))
    assert consent.status_code == 302, consent.text
    back = consent.headers["location"]
    assert back.startswith(GOOGLE["google_redirect_uri"])
    return await browser.get(back.removeprefix(AUTOPOST))


async def test_google_sign_in_makes_an_observer_and_a_session(world: World) -> None:
    await world.sandbox.post(
        "/_sandbox/google/account",
        json={"email": "maria@example.com", "given_name": "Maria", "family_name": "Ivanova"},
    )
    browser = world.browser()
    response = await google_round_trip(world, browser)
    assert (response.status_code, response.headers["location"]) == (302, "/accounts/")
    assert "httponly" in set_cookies(response)["autopost_session"]
    admin = world.browser()
    admin.headers["Authorization"] = f"Token {world.token}"
    users = (await admin.get("/api/users/", params={"search": "maria"})).json()["results"]
    assert [(u["username"], u["groups_display"], u["full_name"]) for u in users] == [
        ("maria", ["Observers"], "Ivanova Maria")
    ]
    assert (await browser.get("/api/v1/posts/")).status_code == 200


async def test_google_sign_in_links_the_user_with_that_email(world: World) -> None:
    await world.sandbox.post("/_sandbox/google/account", json={"email": "admin@example.com"})
    browser = world.browser()
    assert (await google_round_trip(world, browser)).status_code == 302
    me = await browser.get("/api/users/profile/")
    assert me.json()["username"] == "admin"


async def test_an_unverified_google_email_is_refused(world: World) -> None:
    await world.sandbox.post(
        "/_sandbox/google/account", json={"email": "eve@example.com", "email_verified": False}
    )
    response = await google_round_trip(world, world.browser())
    assert (response.status_code, response.json()) == (
        400,
        {"error": "Google не подтвердил, что это ваш адрес почты"},
    )
    assert "autopost_session" not in set_cookies(response)


async def test_a_google_callback_works_once_and_never_shows_the_code(world: World) -> None:
    browser = world.browser()
    start = await browser.get("/accounts/google-oauth/")
    binding = browser.cookies[STATE_COOKIE]
    approve = httpx.URL(start.headers["location"]).copy_add_param("approve", "1")
    consent = await world.sandbox.get(approve)
    back = consent.headers["location"].removeprefix(AUTOPOST)
    assert (await browser.get(back)).status_code == 302
    browser.cookies.set(STATE_COOKIE, binding, path=CALLBACK)  # as if kept: the state is spent
    again = await browser.get(back)
    assert again.status_code == 400 and "already used" in again.json()["error"]
    code = httpx.URL(back).params["code"]
    assert code not in again.text


async def consent_link(world: World, browser: httpx.AsyncClient) -> str:
    """The address Google sends ``browser``'s person back to, once they approve."""
    start = await browser.get("/accounts/google-oauth/")
    approve = httpx.URL(start.headers["location"]).copy_add_param("approve", "1")
    consent = await world.sandbox.get(approve)
    return str(consent.headers["location"]).removeprefix(AUTOPOST)


async def test_starting_google_sign_in_ties_the_state_to_the_browser(world: World) -> None:
    browser = world.browser()
    start = await browser.get("/accounts/google-oauth/")
    state = httpx.URL(start.headers["location"]).params["state"]
    line = set_cookies(start)[STATE_COOKIE]
    for attribute in ("httponly", "samesite=lax", f"path={CALLBACK}", "max-age=600"):
        assert attribute in line
    assert "secure" not in line  # plain HTTP
    assert browser.cookies[STATE_COOKIE] == hashlib.sha256(state.encode()).hexdigest()
    secure = await world.browser(base_url="https://autopost.test").get("/accounts/google-oauth/")
    assert "secure" in set_cookies(secure)[STATE_COOKIE]


async def test_a_google_callback_without_the_browsers_cookie_signs_no_one_in(
    world: World,
) -> None:
    """Login CSRF: the attacker's own consent link, opened in the victim's browser."""
    await world.sandbox.post("/_sandbox/google/account", json={"email": "mallory@example.com"})
    link = await consent_link(world, world.browser(ip="203.0.113.66"))
    victim = world.browser()
    refused = await victim.get(link)
    assert (refused.status_code, refused.json()) == (
        400,
        {"error": "The sign-in link was not started in this browser: start again from here."},
    )
    assert "autopost_session" not in set_cookies(refused)
    await victim.get("/accounts/google-oauth/")  # the victim's own sign-in: another state
    assert (await victim.get(link)).status_code == 400
    assert "autopost_session" not in victim.cookies
    assert (await victim.get("/api/users/profile/")).status_code == 401


async def test_the_google_state_cookie_is_cleared_after_the_callback(world: World) -> None:
    browser = world.browser()
    response = await browser.get(await consent_link(world, browser))
    assert response.status_code == 302
    assert "max-age=0" in set_cookies(response)[STATE_COOKIE]
    assert STATE_COOKIE not in browser.cookies
