from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sandbox_kit import FakeClock, bearer, required_contract_file

from autopost.sandbox import SandboxSettings, create_app
from autopost.sandbox.pinterest_contract import (
    IMAGE_ITEM_TEXTS,
    IMAGES_MAX_ITEMS,
    IMAGES_MIN_ITEMS,
    MEDIA_SOURCE_TYPES,
    OAUTH_GRANT_TYPES,
    PAGE_SIZE_DEFAULT,
    PAGE_SIZE_MAX,
    PIN_ID_FIELDS,
    PIN_TEXT_LIMITS,
    SECTION_NAME_MAX,
    SECTION_NAME_MIN,
)
from autopost.sandbox.pinterest_settings import (
    PINTEREST_CLIENT_ID,
    PINTEREST_CLIENT_SECRET,
    PINTEREST_DEMO_ACCESS_TOKEN,
    PINTEREST_DEMO_REFRESH_TOKEN,
    PinterestSettings,
)

pytestmark = pytest.mark.integration

API = "/pinterest/v5"
AUTH = {"Authorization": f"Bearer {PINTEREST_DEMO_ACCESS_TOKEN}"}
CLIENT = (PINTEREST_CLIENT_ID, PINTEREST_CLIENT_SECRET)
CODE_BOARD = "900579325426238155"
PYTHON_BOARD = "900579325426238156"
CALLBACK = "http://127.0.0.1:8000/auth/pinterest/callback/"
IMAGE = "https://cdn.example.com/quiz.png"


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message"}
    return body


async def authorize(client: httpx.AsyncClient, **params: str) -> dict[str, list[str]]:
    """The consent page's redirect, as the query of the callback it sends the browser to."""
    query = {
        "client_id": PINTEREST_CLIENT_ID,
        "redirect_uri": CALLBACK,
        "response_type": "code",
        "scope": "boards:read,pins:read,pins:write,user_accounts:read",
        "state": "s-123",
        **params,
    }
    response = await client.get("/pinterest/oauth/", params=query)
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(query["redirect_uri"])
    return parse_qs(urlsplit(location).query)


async def exchange(
    client: httpx.AsyncClient, code: str, redirect_uri: str = CALLBACK
) -> httpx.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    return await client.post(f"{API}/oauth/token", data=form, auth=CLIENT)


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return await client.post(f"{API}/oauth/token", data=form, auth=CLIENT)


async def connected(client: httpx.AsyncClient, **params: str) -> dict[str, Any]:
    code = (await authorize(client, **params))["code"][0]
    response = await exchange(client, code)
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


async def new_account(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await client.post("/_sandbox/pinterest/accounts", json=body)
    assert response.status_code in (200, 201), response.text
    account: dict[str, Any] = response.json()
    return account


def images_source(count: int) -> dict[str, Any]:
    items = [
        {"url": f"https://cdn.example.com/{n}.png", "title": f"Image {n}"} for n in range(count)
    ]
    return {"source_type": "multiple_image_urls", "items": items}


def pin_body(**fields: Any) -> dict[str, Any]:
    return {
        "board_id": CODE_BOARD,
        "media_source": {"source_type": "image_url", "url": IMAGE},
        "title": "Что вернет этот код Python?",
        "description": "Выбери правильный ответ",
        "link": "https://mini.quiz-code.com",
        "alt_text": "A Python snippet",
        **fields,
    }


async def create_pin(
    client: httpx.AsyncClient, headers: dict[str, str] = AUTH, **fields: Any
) -> httpx.Response:
    return await client.post(f"{API}/pins", json=pin_body(**fields), headers=headers)


async def all_pages(
    client: httpx.AsyncClient, path: str, page_size: int, bookmark: str | None = None
) -> list[list[str]]:
    """The ids of every page from ``bookmark`` on, following the bookmark."""
    pages: list[list[str]] = []
    params: dict[str, Any] = {"page_size": page_size}
    if bookmark is not None:
        params["bookmark"] = bookmark
    while True:
        response = await client.get(path, params=params, headers=AUTH)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append([item["id"] for item in body["items"]])
        if body["bookmark"] is None:
            return pages
        params["bookmark"] = body["bookmark"]


# --- the contract ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def contract() -> dict[str, Any]:
    path = required_contract_file("pinterest", "openapi-v5.json")
    document: dict[str, Any] = json.loads(path.read_text())
    return document


class SchemaChecker:
    """The parts of OpenAPI 3.0 schemas the operations used here need: ``$ref``, ``allOf``,
    ``oneOf`` with a discriminator, types, ``nullable``, ``required``, ``enum``, ``pattern``,
    ``maxLength``, ``minimum`` (jsonschema is not installed)."""

    _TYPES: dict[str, tuple[type, ...]] = {
        "string": (str,),
        "integer": (int,),
        "number": (int, float),
        "boolean": (bool,),
        "object": (dict,),
        "array": (list,),
    }

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def errors(self, value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
        schema = self._resolve(schema)
        if value is None:
            return [] if schema.get("nullable") else [f"{where}: null is not allowed"]
        found = [e for part in schema.get("allOf", []) for e in self.errors(value, part, where)]
        found += self._discriminated(value, schema, where)
        kind = schema.get("type")
        if kind is not None:
            allowed = self._TYPES[kind]
            if not isinstance(value, allowed) or (kind != "boolean" and isinstance(value, bool)):
                return [*found, f"{where}: {value!r} is not of type {kind}"]
        if "enum" in schema and value not in schema["enum"]:
            found.append(f"{where}: {value!r} is not one of {schema['enum']}")
        if isinstance(value, str):
            if "pattern" in schema and not re.search(schema["pattern"], value):
                found.append(f"{where}: {value!r} does not match {schema['pattern']}")
            if len(value) > schema.get("maxLength", len(value)):
                found.append(f"{where}: longer than {schema['maxLength']}")
        if isinstance(value, int | float) and value < schema.get("minimum", value):
            found.append(f"{where}: below {schema['minimum']}")
        if isinstance(value, dict):
            found += [
                f"{where}.{n}: required" for n in schema.get("required", []) if n not in value
            ]
            for name, sub in schema.get("properties", {}).items():
                if name in value:
                    found += self.errors(value[name], sub, f"{where}.{name}")
        if isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value):
                found += self.errors(item, schema["items"], f"{where}[{index}]")
        return found

    def _discriminated(self, value: Any, schema: dict[str, Any], where: str) -> list[str]:
        discriminator = schema.get("discriminator")
        if discriminator is not None and isinstance(value, dict):
            target = discriminator.get("mapping", {}).get(value.get(discriminator["propertyName"]))
            if target is not None:
                return self.errors(value, {"$ref": target}, where)
        if "oneOf" in schema:
            options = [self.errors(value, option, where) for option in schema["oneOf"]]
            if all(options):
                return [f"{where}: matches none of oneOf"]
        return []

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            node: Any = self.document
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def response_schema(self, path: str, method: str, status: int) -> dict[str, Any]:
        responses = self.document["paths"][path][method]["responses"]
        response = responses.get(str(status)) or responses["default"]
        schema: dict[str, Any] = response["content"]["application/json"]["schema"]
        return schema


def test_the_limits_the_sandbox_enforces_are_the_contracts(contract: dict[str, Any]) -> None:
    schemas = contract["components"]["schemas"]
    pin_create = schemas["PinCreate"]["properties"]
    page_size = contract["components"]["parameters"]["Pinterest.Lib.BookmarkParams.page_size"]
    grant_types = schemas["OauthAccessTokenRequest"]["properties"]["grant_type"]["enum"]

    assert {name: pin_create[name]["maxLength"] for name in PIN_TEXT_LIMITS} == PIN_TEXT_LIMITS
    assert all(pin_create[name]["pattern"] == "^\\d+$" for name in PIN_ID_FIELDS)
    assert set(schemas["PinMediaSource"]["discriminator"]["mapping"]) == MEDIA_SOURCE_TYPES
    assert (page_size["schema"]["default"], page_size["schema"]["maximum"]) == (
        PAGE_SIZE_DEFAULT,
        PAGE_SIZE_MAX,
    )
    assert set(grant_types) == OAUTH_GRANT_TYPES
    images = schemas["PinMediaSourceImagesURL"]["properties"]["items"]
    assert (images["minItems"], images["maxItems"]) == (IMAGES_MIN_ITEMS, IMAGES_MAX_ITEMS)
    item = schemas["PinMediaSourceImagesURLItem"]
    assert set(item["properties"]) == {"url", *IMAGE_ITEM_TEXTS} and item["required"] == ["url"]
    name = schemas["BoardSection"]["properties"]["name"]
    assert (name["minLength"], name["maxLength"]) == (SECTION_NAME_MIN, SECTION_NAME_MAX)


def test_the_schema_checker_catches_what_breaks_a_schema(contract: dict[str, Any]) -> None:
    checker = SchemaChecker(contract)
    pin = checker.response_schema("/pins", "post", 201)

    assert checker.errors({"id": "1", "title": "x" * 101}, pin)
    assert checker.errors({"title": "no id"}, pin)
    assert checker.errors({"id": "1", "media": {"media_type": "image", "images": []}}, pin)
    assert not checker.errors({"id": "1", "title": None}, pin)


async def test_happy_path_answers_match_the_contracts_response_schemas(
    sandbox: httpx.AsyncClient, contract: dict[str, Any]
) -> None:
    checker = SchemaChecker(contract)
    tokens = await connected(sandbox)
    refreshed = await refresh(sandbox, tokens["refresh_token"])
    created = await create_pin(sandbox)
    section = await sandbox.post(
        f"{API}/boards/{CODE_BOARD}/sections", json={"name": "Loops"}, headers=AUTH
    )
    into_section = await create_pin(
        sandbox, board_section_id=section.json()["id"], media_source=images_source(3)
    )
    calls = [
        ("/oauth/token", "post", 200, tokens),
        ("/oauth/token", "post", 200, refreshed.json()),
        ("/pins", "post", 201, created.json()),
        ("/boards/{board_id}/sections", "post", 201, section.json()),
        ("/pins", "post", 201, into_section.json()),
    ]
    for path, url in [
        ("/user_account", f"{API}/user_account"),
        ("/boards", f"{API}/boards"),
        ("/boards/{board_id}", f"{API}/boards/{CODE_BOARD}"),
        ("/boards/{board_id}/pins", f"{API}/boards/{CODE_BOARD}/pins"),
        ("/boards/{board_id}/sections", f"{API}/boards/{CODE_BOARD}/sections"),
        ("/pins", f"{API}/pins"),
    ]:
        response = await sandbox.get(url, headers=AUTH)
        calls.append((path, "get", response.status_code, response.json()))
    refusals = [
        ("/user_account", "get", await sandbox.get(f"{API}/user_account")),
        ("/boards/{board_id}", "get", await sandbox.get(f"{API}/boards/1", headers=AUTH)),
        ("/pins", "post", await create_pin(sandbox, title="x" * 101)),
    ]

    assert [status for *_, status, _ in calls] == [200, 200, 201, 201, 201] + [200] * 6
    assert [r.status_code for *_, r in refusals] == [401, 404, 400]
    calls += [(path, method, r.status_code, r.json()) for path, method, r in refusals]
    for path, method, status, body in calls:
        schema = checker.response_schema(path, method, status)
        assert checker.errors(body, schema) == [], (path, method, body)
    refresh_schema = {"$ref": "#/components/schemas/OauthAccessTokenResponseRefresh"}
    assert checker.errors(refreshed.json(), refresh_schema) == []


# --- OAuth ----------------------------------------------------------------------------------


async def test_the_code_flow_connects_an_account_end_to_end(sandbox: httpx.AsyncClient) -> None:
    callback = await authorize(sandbox, username="quiz_code")
    assert callback["state"] == ["s-123"]

    answer = await exchange(sandbox, callback["code"][0])

    assert answer.status_code == 200, answer.text
    tokens = answer.json()
    assert tokens["token_type"] == "bearer"
    assert tokens["response_type"] == "authorization_code"
    assert tokens["expires_in"] == 30 * 24 * 3600
    assert tokens["scope"] == "boards:read,pins:read,pins:write,user_accounts:read"
    assert tokens["access_token"].startswith("pina_")
    assert tokens["refresh_token"].startswith("pinr_")
    account = await sandbox.get(f"{API}/user_account", headers=bearer(tokens["access_token"]))
    assert account.status_code == 200
    assert account.json()["username"] == "quiz_code"
    assert account.json()["account_type"] == "BUSINESS"
    assert account.json()["board_count"] == 0


async def test_the_consent_page_signs_in_the_demo_account_by_default(
    sandbox: httpx.AsyncClient,
) -> None:
    tokens = await connected(sandbox)

    account = await sandbox.get(f"{API}/user_account", headers=bearer(tokens["access_token"]))

    assert (account.json()["username"], account.json()["board_count"]) == ("autopost_demo", 2)


async def test_an_authorization_code_works_only_once(sandbox: httpx.AsyncClient) -> None:
    code = (await authorize(sandbox))["code"][0]

    first = await exchange(sandbox, code)
    second = await exchange(sandbox, code)

    assert first.status_code == 200
    assert error_of(second, 400)["code"] == 1


async def test_a_code_is_refused_for_another_redirect_uri(sandbox: httpx.AsyncClient) -> None:
    code = (await authorize(sandbox))["code"][0]

    wrong = await exchange(sandbox, code, redirect_uri="http://127.0.0.1:8000/elsewhere/")
    right = await exchange(sandbox, code)

    assert "redirect_uri" in error_of(wrong, 400)["message"]
    assert right.status_code == 200


async def test_a_code_expires_after_ten_minutes(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    code = (await authorize(sandbox))["code"][0]
    clock.advance(minutes=10)

    assert error_of(await exchange(sandbox, code), 400)["code"] == 1


async def test_the_token_endpoint_needs_the_clients_basic_credentials(
    sandbox: httpx.AsyncClient,
) -> None:
    code = (await authorize(sandbox))["code"][0]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK}

    wrong_secret = await sandbox.post(
        f"{API}/oauth/token", data=form, auth=(PINTEREST_CLIENT_ID, "guess")
    )
    no_auth = await sandbox.post(f"{API}/oauth/token", data=form)
    right = await sandbox.post(f"{API}/oauth/token", data=form, auth=CLIENT)

    assert error_of(wrong_secret, 401) == {"code": 2, "message": "Authentication failed."}
    assert error_of(no_auth, 401)["code"] == 2
    assert right.status_code == 200


async def test_consent_can_be_denied(sandbox: httpx.AsyncClient) -> None:
    by_query = await authorize(sandbox, deny="1")
    await sandbox.put("/_sandbox/pinterest/settings", json={"deny_consent": True})
    by_setting = await authorize(sandbox)

    for callback in (by_query, by_setting):
        assert callback == {"error": ["access_denied"], "state": ["s-123"]}


async def test_refresh_rotates_both_tokens_and_retires_the_old_refresh_token(
    sandbox: httpx.AsyncClient,
) -> None:
    tokens = await connected(sandbox)

    answer = await refresh(sandbox, tokens["refresh_token"])
    reused = await refresh(sandbox, tokens["refresh_token"])

    assert answer.status_code == 200, answer.text
    fresh = answer.json()
    assert fresh["response_type"] == "refresh_token"
    assert fresh["access_token"] != tokens["access_token"]
    assert fresh["refresh_token"] != tokens["refresh_token"]
    assert fresh["refresh_token_expires_in"] == 60 * 24 * 3600
    assert error_of(reused, 400)["code"] == 1
    account = await sandbox.get(f"{API}/user_account", headers=bearer(fresh["access_token"]))
    assert account.status_code == 200
    assert (await refresh(sandbox, fresh["refresh_token"])).status_code == 200


async def test_the_demo_refresh_token_refreshes(sandbox: httpx.AsyncClient) -> None:
    answer = await refresh(sandbox, PINTEREST_DEMO_REFRESH_TOKEN)

    token = answer.json()["access_token"]
    account = await sandbox.get(f"{API}/user_account", headers=bearer(token))
    assert account.json()["username"] == "autopost_demo"


async def test_refresh_may_narrow_the_scope_but_not_widen_it(sandbox: httpx.AsyncClient) -> None:
    tokens = await connected(sandbox, scope="boards:read,pins:read")
    form = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}

    wider = await sandbox.post(
        f"{API}/oauth/token", data={**form, "scope": "pins:write"}, auth=CLIENT
    )
    narrower = await sandbox.post(
        f"{API}/oauth/token", data={**form, "scope": "pins:read"}, auth=CLIENT
    )

    assert "pins:write" in error_of(wider, 400)["message"]
    assert narrower.json()["scope"] == "pins:read"


# --- tokens ---------------------------------------------------------------------------------


async def test_a_missing_or_unknown_token_is_refused_with_code_2(
    sandbox: httpx.AsyncClient,
) -> None:
    missing = await sandbox.get(f"{API}/user_account")
    unknown = await sandbox.get(f"{API}/user_account", headers=bearer("pina_nope"))

    for response in (missing, unknown):
        assert error_of(response, 401) == {"code": 2, "message": "Authentication failed."}


async def test_an_access_token_is_refused_once_it_expires(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    tokens = await connected(sandbox)
    clock.advance(seconds=tokens["expires_in"] - 1)
    still = await sandbox.get(f"{API}/user_account", headers=bearer(tokens["access_token"]))
    clock.advance(seconds=1)

    expired = await sandbox.get(f"{API}/user_account", headers=bearer(tokens["access_token"]))

    assert still.status_code == 200
    assert error_of(expired, 401)["code"] == 2
    assert (await refresh(sandbox, tokens["refresh_token"])).status_code == 200


async def test_expire_tokens_expires_access_tokens_but_not_refresh_tokens(
    sandbox: httpx.AsyncClient,
) -> None:
    expired = await sandbox.post("/_sandbox/pinterest/accounts/autopost_demo/expire_tokens")

    assert expired.json()["expired_tokens"] >= 1
    assert error_of(await sandbox.get(f"{API}/user_account", headers=AUTH), 401)["code"] == 2
    assert (await refresh(sandbox, PINTEREST_DEMO_REFRESH_TOKEN)).status_code == 200


async def test_revoking_an_account_refuses_its_access_and_refresh_tokens(
    sandbox: httpx.AsyncClient,
) -> None:
    tokens = await connected(sandbox)

    await sandbox.post("/_sandbox/pinterest/accounts/autopost_demo/revoke")

    revoked = await sandbox.get(f"{API}/pins", headers=bearer(tokens["access_token"]))
    assert error_of(revoked, 401)["code"] == 2
    assert error_of(await sandbox.get(f"{API}/pins", headers=AUTH), 401)["code"] == 2
    assert error_of(await refresh(sandbox, tokens["refresh_token"]), 400)["code"] == 1


async def test_a_sandbox_token_is_refused_by_production_with_403(
    sandbox: httpx.AsyncClient,
) -> None:
    await sandbox.put("/_sandbox/pinterest/settings", json={"environment": "production"})
    minted = await sandbox.post("/_sandbox/pinterest/tokens", json={"username": "autopost_demo"})

    refused = await create_pin(sandbox)
    production = await create_pin(sandbox, headers=bearer(minted.json()["access_token"]))

    assert minted.json()["environment"] == "production"
    assert "Trial access" in error_of(refused, 403)["message"]
    assert error_of(refused, 403)["code"] == 3
    assert production.status_code == 201


async def test_a_production_token_is_refused_by_the_sandbox(sandbox: httpx.AsyncClient) -> None:
    minted = await sandbox.post(
        "/_sandbox/pinterest/tokens",
        json={"username": "autopost_demo", "environment": "production"},
    )
    token = minted.json()["access_token"]

    refused = await sandbox.get(f"{API}/user_account", headers=bearer(token))
    refresh_refused = await refresh(sandbox, minted.json()["refresh_token"])

    assert error_of(refused, 403)["code"] == 3
    assert error_of(refresh_refused, 403)["code"] == 3


# --- boards ---------------------------------------------------------------------------------


async def test_boards_are_paged_with_a_bookmark(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    names = [{"name": f"topic {n}"} for n in range(3)]
    await new_account(sandbox, username="autopost_demo", boards=names)

    pages = await all_pages(sandbox, f"{API}/boards", page_size=2)

    assert [len(page) for page in pages] == [2, 2, 1]
    ids = [board_id for page in pages for board_id in page]
    assert ids[:2] == [CODE_BOARD, PYTHON_BOARD]
    assert len(set(ids)) == 5


async def test_a_page_size_outside_the_contract_or_a_bad_bookmark_is_refused(
    sandbox: httpx.AsyncClient,
) -> None:
    for query in ("page_size=0", "page_size=251", "page_size=3e", "bookmark=garbage"):
        response = await sandbox.get(f"{API}/boards?{query}", headers=AUTH)
        assert error_of(response, 400)["code"] == 1, query


async def test_an_account_can_list_no_boards_while_counting_them(
    sandbox: httpx.AsyncClient,
) -> None:
    account = await new_account(
        sandbox,
        username="trial_pinner",
        boards=[{"id": "900000000000000001", "name": "code"}, {"name": "Python"}],
        boards_listing_empty=True,
    )
    headers = bearer(account["access_token"])

    listing = await sandbox.get(f"{API}/boards", headers=headers)
    user = await sandbox.get(f"{API}/user_account", headers=headers)
    board = await sandbox.get(f"{API}/boards/900000000000000001", headers=headers)

    assert listing.json() == {"items": [], "bookmark": None}
    assert user.json()["board_count"] == 2
    assert board.json()["name"] == "code"


async def test_a_board_is_found_by_id_only_by_its_owner(sandbox: httpx.AsyncClient) -> None:
    other = await new_account(sandbox, username="someone_else", boards=[{"name": "mine"}])
    their_board = other["boards"][0]["id"]

    own = await sandbox.get(f"{API}/boards/{CODE_BOARD}", headers=AUTH)
    foreign = await sandbox.get(f"{API}/boards/{their_board}", headers=AUTH)
    unknown = await sandbox.get(f"{API}/boards/123", headers=AUTH)

    assert (own.json()["id"], own.json()["name"], own.json()["pin_count"]) == (
        CODE_BOARD,
        "code",
        1,
    )
    for response in (foreign, unknown):
        assert error_of(response, 404) == {"code": 40, "message": "Board not found."}


# --- pins -----------------------------------------------------------------------------------


async def test_pins_are_listed_newest_first_in_pages(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    created = []
    for n in range(3):
        clock.advance(minutes=1)
        created.append((await create_pin(sandbox, title=f"pin {n}")).json()["id"])

    first = await sandbox.get(f"{API}/pins?page_size=2", headers=AUTH)
    clock.advance(minutes=1)
    newest = (await create_pin(sandbox, title="while paging")).json()["id"]
    rest = await all_pages(sandbox, f"{API}/pins", 2, bookmark=first.json()["bookmark"])

    first_ids = [pin["id"] for pin in first.json()["items"]]
    assert first_ids == [created[2], created[1]]
    later = [pin_id for page in rest for pin_id in page]
    assert later[0] == created[0]
    assert len(later) == 3  # the first pin of each demo board, and not the one made meanwhile
    assert newest not in first_ids + later
    times = [pin["created_at"] for pin in first.json()["items"]]
    assert times == sorted(times, reverse=True)


async def test_a_boards_pins_are_only_that_boards_newest_first(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    clock.advance(minutes=1)
    on_python = (await create_pin(sandbox, board_id=PYTHON_BOARD)).json()["id"]
    clock.advance(minutes=1)
    on_code = (await create_pin(sandbox)).json()["id"]

    listing = await sandbox.get(f"{API}/boards/{PYTHON_BOARD}/pins", headers=AUTH)

    pins = listing.json()["items"]
    assert pins[0]["id"] == on_python
    assert on_code not in [pin["id"] for pin in pins]
    assert {pin["board_id"] for pin in pins} == {PYTHON_BOARD}
    assert listing.json()["bookmark"] is None


async def test_a_created_pin_is_answered_201_and_recorded(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    answer = await create_pin(sandbox)

    assert answer.status_code == 201, answer.text
    pin = answer.json()
    assert pin["id"].isdigit()
    assert (pin["board_id"], pin["title"], pin["link"]) == (
        CODE_BOARD,
        "Что вернет этот код Python?",
        "https://mini.quiz-code.com",
    )
    assert pin["created_at"] == "2026-11-25T15:00:00"
    assert pin["media"]["media_type"] == "image"
    events = (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"]
    assert events == [
        {
            "pin_id": pin["id"],
            "board_id": CODE_BOARD,
            "username": "autopost_demo",
            "title": pin["title"],
            "link": pin["link"],
            "created_at": "2026-11-25T15:00:00+00:00",
            "media_id": None,  # an image pin: no video upload
            "board_section_id": None,
            "image_count": 1,
        }
    ]
    user = (await sandbox.get(f"{API}/user_account", headers=AUTH)).json()
    assert user["pin_count"] == 3


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"title": "x" * 101}, "title"),
        ({"description": "x" * 801}, "description"),
        ({"alt_text": "x" * 501}, "alt_text"),
        ({"link": "https://e.com/" + "x" * 2035}, "link"),
        ({"link": "not a url"}, "link"),
        ({"title": 7}, "title"),
        ({"board_id": None}, "board_id"),
        ({"board_id": "code"}, "board_id"),
        ({"media_source": None}, "media_source"),
        ({"media_source": {"source_type": "image_url"}}, "media_source.url"),
        ({"media_source": {"source_type": "image_url", "url": "http://e.com/a.png"}}, "url"),
        ({"media_source": {"source_type": "gif"}}, "source_type"),
        ({"media_source": {"source_type": "video_id", "media_id": "1"}}, "cover"),
        (
            {
                "media_source": {
                    "source_type": "video_id",
                    "media_id": "1",
                    "cover_image_key_frame_time": 0,
                }
            },
            "media 1 was not found",
        ),
        ({"media_source": {"source_type": "image_url", "url": IMAGE + "?fail-download"}}, "url"),
        ({"media_source": images_source(1)}, "media_source.items"),
        ({"media_source": images_source(6)}, "media_source.items"),
        ({"media_source": {"source_type": "multiple_image_urls"}}, "media_source.items"),
        ({"media_source": {**images_source(2), "items": [{"url": IMAGE}, {}]}}, "items[1].url"),
        (
            {"media_source": {**images_source(2), "items": [{"url": IMAGE}, {"url": "http://x"}]}},
            "items[1].url",
        ),
        (
            {"media_source": {**images_source(2), "items": [{"url": IMAGE, "title": 3}] * 2}},
            "items[0].title",
        ),
        ({"board_section_id": "sec"}, "board_section_id"),
    ],
)
async def test_a_pin_breaking_the_contract_is_refused_naming_the_field(
    sandbox: httpx.AsyncClient, fields: dict[str, Any], named: str
) -> None:
    refused = await create_pin(sandbox, **fields)

    error = error_of(refused, 400)
    assert error["code"] == 1
    assert named in error["message"]
    assert (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"] == []


async def test_text_at_the_contracts_limits_is_accepted(sandbox: httpx.AsyncClient) -> None:
    accepted = await create_pin(
        sandbox,
        title="x" * 100,
        description="x" * 800,
        alt_text="x" * 500,
        link="https://e.com/" + "x" * 2034,
    )

    assert accepted.status_code == 201, accepted.text


async def test_a_body_that_is_not_a_json_object_is_refused(sandbox: httpx.AsyncClient) -> None:
    broken = await sandbox.post(
        f"{API}/pins", content=b"{", headers={**AUTH, "content-type": "application/json"}
    )
    listed = await sandbox.post(f"{API}/pins", json=[pin_body()], headers=AUTH)

    assert error_of(broken, 400)["code"] == error_of(listed, 400)["code"] == 1


async def test_a_pin_on_another_accounts_or_a_deleted_board_is_404(
    sandbox: httpx.AsyncClient,
) -> None:
    deleted = await sandbox.delete(f"/_sandbox/pinterest/boards/{PYTHON_BOARD}")
    other = await new_account(sandbox, username="someone_else", boards=[{"name": "theirs"}])

    on_deleted = await create_pin(sandbox, board_id=PYTHON_BOARD)
    on_foreign = await create_pin(sandbox, board_id=other["boards"][0]["id"])

    assert deleted.status_code == 204
    for response in (on_deleted, on_foreign):
        assert error_of(response, 404) == {"code": 40, "message": "Board not found."}
    assert error_of(await sandbox.get(f"{API}/boards/{PYTHON_BOARD}", headers=AUTH), 404)
    pins = (await sandbox.get(f"{API}/pins", headers=AUTH)).json()["items"]
    assert PYTHON_BOARD not in {pin["board_id"] for pin in pins}


async def test_a_board_section_unknown_or_of_another_board_is_404(
    sandbox: httpx.AsyncClient,
) -> None:
    listed = await sandbox.get(f"{API}/boards/{CODE_BOARD}/sections", headers=AUTH)
    on_code_board = listed.json()["items"][0]["id"]

    unknown = await create_pin(sandbox, board_section_id="42")
    elsewhere = await create_pin(sandbox, board_id=PYTHON_BOARD, board_section_id=on_code_board)

    for refused in (unknown, elsewhere):
        assert error_of(refused, 404)["code"] == 2031
    assert (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"] == []


async def test_a_pin_goes_into_a_section_made_through_the_api(sandbox: httpx.AsyncClient) -> None:
    made = await sandbox.post(
        f"{API}/boards/{PYTHON_BOARD}/sections", json={"name": "Decorators"}, headers=AUTH
    )
    assert made.status_code == 201, made.text
    section = made.json()

    pin = await create_pin(sandbox, board_id=PYTHON_BOARD, board_section_id=section["id"])

    assert pin.status_code == 201, pin.text
    assert pin.json()["board_section_id"] == section["id"]
    listed = await sandbox.get(f"{API}/boards/{PYTHON_BOARD}/sections", headers=AUTH)
    assert listed.json() == {"items": [section], "bookmark": None}
    (event,) = (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"]
    assert event["board_section_id"] == section["id"]


async def test_the_demo_boards_sections_are_paged_with_a_bookmark(
    sandbox: httpx.AsyncClient,
) -> None:
    await sandbox.post(f"{API}/boards/{CODE_BOARD}/sections", json={"name": "Z"}, headers=AUTH)

    pages = await all_pages(sandbox, f"{API}/boards/{CODE_BOARD}/sections", page_size=2)

    assert [len(page) for page in pages] == [2, 1]
    first = await sandbox.get(f"{API}/boards/{CODE_BOARD}/sections", headers=AUTH)
    assert [s["name"] for s in first.json()["items"]] == ["Basics", "Quizzes", "Z"]


@pytest.mark.parametrize("name", [None, "", "x" * 181, 7])
async def test_a_section_name_outside_the_contract_is_refused(
    sandbox: httpx.AsyncClient, name: Any
) -> None:
    refused = await sandbox.post(
        f"{API}/boards/{CODE_BOARD}/sections", json={"name": name}, headers=AUTH
    )

    assert error_of(refused, 400)["code"] == 1
    listed = await sandbox.get(f"{API}/boards/{CODE_BOARD}/sections", headers=AUTH)
    assert len(listed.json()["items"]) == 2


async def test_sections_of_another_accounts_board_are_404(sandbox: httpx.AsyncClient) -> None:
    other = await new_account(sandbox, username="someone_else", boards=[{"name": "theirs"}])
    theirs = other["boards"][0]["id"]

    listed = await sandbox.get(f"{API}/boards/{theirs}/sections", headers=AUTH)
    made = await sandbox.post(f"{API}/boards/{theirs}/sections", json={"name": "x"}, headers=AUTH)

    assert error_of(listed, 404)["code"] == error_of(made, 404)["code"] == 40


async def test_a_multi_image_pin_keeps_each_image_with_its_texts(
    sandbox: httpx.AsyncClient,
) -> None:
    for count in (IMAGES_MIN_ITEMS, IMAGES_MAX_ITEMS):
        created = await create_pin(sandbox, media_source=images_source(count))
        assert created.status_code == 201, created.text
        media = created.json()["media"]
        assert media["media_type"] == "multiple_images"
        assert [item["title"] for item in media["items"]] == [f"Image {n}" for n in range(count)]
    events = (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"]
    assert [event["image_count"] for event in events] == [IMAGES_MIN_ITEMS, IMAGES_MAX_ITEMS]


# --- rate limits ----------------------------------------------------------------------------


async def test_calls_past_the_rate_limit_are_refused_with_429_and_retry_after(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    await sandbox.put("/_sandbox/pinterest/settings", json={"rate_limit_per_minute": 2})

    first = await sandbox.get(f"{API}/pins", headers=AUTH)
    clock.advance(seconds=20)
    second = await sandbox.get(f"{API}/pins", headers=AUTH)
    refused = await create_pin(sandbox)
    clock.advance(seconds=40)
    again = await sandbox.get(f"{API}/pins", headers=AUTH)

    assert [first.headers["x-ratelimit-remaining"], second.headers["x-ratelimit-remaining"]] == [
        "1",
        "0",
    ]
    assert first.headers["x-ratelimit-limit"] == "2"
    assert error_of(refused, 429)["code"] == 8
    assert refused.headers["retry-after"] == refused.headers["x-ratelimit-reset"] == "40"
    assert again.status_code == 200
    assert (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"] == []


# --- faults, log and control ----------------------------------------------------------------


async def test_an_error_fault_on_pins_answers_without_creating(
    sandbox: httpx.AsyncClient,
) -> None:
    fault = {"method": "POST", "path_suffix": "pins", "action": "error", "status": 503}
    assert (await sandbox.post("/_sandbox/faults", json=fault)).status_code == 201

    failed = await create_pin(sandbox)
    retried = await create_pin(sandbox)

    assert error_of(failed, 503)["code"] == 2
    assert retried.status_code == 201
    assert len((await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"]) == 1


async def test_a_429_fault_is_pinterest_shaped(sandbox: httpx.AsyncClient) -> None:
    fault = {"path_suffix": "user_account", "action": "error", "status": 429}
    await sandbox.post("/_sandbox/faults", json=fault)

    refused = await sandbox.get(f"{API}/user_account", headers=AUTH)

    assert error_of(refused, 429)["code"] == 8
    assert "retry-after" in refused.headers


async def test_a_delay_after_fault_creates_the_pin_although_the_client_times_out(
    live_sandbox: str,
) -> None:
    async with httpx.AsyncClient(base_url=live_sandbox) as client:
        fault = {"method": "POST", "path_suffix": "pins", "action": "delay_after", "seconds": 0.5}
        await client.post("/_sandbox/faults", json=fault)

        with pytest.raises(httpx.ReadTimeout):
            await client.post(f"{API}/pins", json=pin_body(), headers=AUTH, timeout=0.1)

        events = (await client.get("/_sandbox/pinterest/pins_created")).json()["data"]
        assert [e["board_id"] for e in events] == [CODE_BOARD]
        pins = (await client.get(f"{API}/pins", headers=AUTH)).json()["items"]
        assert pins[0]["id"] == events[0]["pin_id"]


async def test_the_request_log_never_holds_a_token_a_code_or_the_client_secret(
    sandbox: httpx.AsyncClient,
) -> None:
    code = (await authorize(sandbox))["code"][0]
    tokens = (await exchange(sandbox, code)).json()
    fresh = (await refresh(sandbox, tokens["refresh_token"])).json()
    await sandbox.get(f"{API}/pins?access_token={fresh['access_token']}", headers=AUTH)
    await create_pin(sandbox, headers=bearer(fresh["access_token"]))

    log = json.dumps((await sandbox.get("/_sandbox/requests")).json()["data"])

    basic = base64.b64encode(f"{PINTEREST_CLIENT_ID}:{PINTEREST_CLIENT_SECRET}".encode()).decode()
    secrets = [
        PINTEREST_DEMO_ACCESS_TOKEN,
        PINTEREST_CLIENT_SECRET,
        basic,
        code,
        tokens["access_token"],
        tokens["refresh_token"],
        fresh["access_token"],
        fresh["refresh_token"],
    ]
    assert [secret for secret in secrets if secret in log] == []
    assert "/pinterest/v5/oauth/token" in log
    assert "authorization_code" in log


async def test_unknown_pinterest_paths_answer_in_pinterests_shape(
    sandbox: httpx.AsyncClient,
) -> None:
    unknown = await sandbox.get(f"{API}/ad_accounts", headers=AUTH)
    wrong_method = await sandbox.delete(f"{API}/pins", headers=AUTH)

    assert error_of(unknown, 404)["code"] == 404
    assert error_of(wrong_method, 405) == {"code": 5, "message": "Method not allowed"}


async def test_reset_brings_pinterest_back_to_the_demo_account(
    sandbox: httpx.AsyncClient,
) -> None:
    await sandbox.put("/_sandbox/pinterest/settings", json={"environment": "production"})
    other = await new_account(sandbox, username="someone_else")
    await create_pin(sandbox)

    await sandbox.post("/_sandbox/reset")

    settings = (await sandbox.get("/_sandbox/pinterest/settings")).json()
    assert settings["environment"] == "sandbox"
    assert (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"] == []
    assert len((await sandbox.get(f"{API}/pins", headers=AUTH)).json()["items"]) == 2
    stale = await sandbox.get(f"{API}/pins", headers=bearer(other["access_token"]))
    assert error_of(stale, 401)["code"] == 2


async def test_control_refuses_unknown_settings_and_bad_values(
    sandbox: httpx.AsyncClient,
) -> None:
    unknown = await sandbox.put("/_sandbox/pinterest/settings", json={"speed": 1})
    environment = await sandbox.put("/_sandbox/pinterest/settings", json={"environment": "beta"})
    limit = await sandbox.put("/_sandbox/pinterest/settings", json={"rate_limit_per_minute": 0})
    no_name = await sandbox.post("/_sandbox/pinterest/accounts", json={"boards": []})
    taken = await sandbox.post(
        "/_sandbox/pinterest/accounts",
        json={"username": "someone_else", "boards": [{"id": CODE_BOARD, "name": "code"}]},
    )
    nobody = await sandbox.post("/_sandbox/pinterest/accounts/nobody/revoke")

    for response, status in [
        (unknown, 400),
        (environment, 400),
        (limit, 400),
        (no_name, 400),
        (taken, 409),
        (nobody, 404),
    ]:
        assert response.status_code == status, response.text
        assert response.json()["error"]
    assert "speed" in unknown.json()["error"]


async def test_settings_given_at_start_are_kept(clock: FakeClock) -> None:
    settings = SandboxSettings(pinterest=PinterestSettings(access_token_seconds=60))
    transport = httpx.ASGITransport(app=create_app(settings, clock=clock))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        tokens = await connected(client)

    assert tokens["expires_in"] == 60
