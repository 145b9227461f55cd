"""The OpenAPI document and its page: public, complete, and true to the app's routes."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount, Route

from autopost.adapters.http.app import create_app
from autopost.adapters.http.pages.routes import routes as page_routes
from autopost.adapters.http.session_cookies import SignInSettings

pytestmark = pytest.mark.integration


class NoServices:
    """Nothing here may reach a use case: the document needs none, only to know whether the
    debug pages exist."""

    def __init__(self, debug: bool = False) -> None:
        self._settings = SignInSettings(debug=debug)

    def sign_in_settings(self) -> SignInSettings:
        return self._settings

    # Every area of the composition root is this one, which has nothing but the settings.
    def posting(self) -> NoServices:
        return self

    people = instagram = pinterest = integrations = notifications = webhooks = insights = (
        library
    ) = posting

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the document asked for {name}")


@pytest.fixture(params=[False, True], ids=["debug off", "debug on"])
def debug(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def app(debug: bool) -> Starlette:
    return create_app(NoServices(debug))  # type: ignore[arg-type]


@pytest.fixture
async def anonymous(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://autopost.test"
    ) as client:
        yield client


@pytest.fixture
async def document(anonymous: httpx.AsyncClient) -> dict[str, Any]:
    response = await anonymous.get("/api/schema/")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    return body


def app_operations(app: Starlette) -> set[tuple[str, str]]:
    """The API's operations: every route but the web pages, which are for people (their
    tests are in test_web_pages.py and the browser tests)."""
    operations = set()
    pages = {route.path_format for route in page_routes if isinstance(route, Route)}
    for route in app.routes:
        if isinstance(route, Mount) and route.name == "static":
            continue  # the desk's scripts and stylesheets: files, not operations
        assert isinstance(route, Route), f"{route!r}: describe what it mounts"
        if route.path_format in pages:
            continue
        for method in route.methods or ():
            if method != "HEAD":  # Starlette adds it to every GET
                operations.add((method.lower(), route.path_format))
    return operations


def documented_operations(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(method, path) for path, item in document["paths"].items() for method in item}


DEBUG_PAGES = {
    ("get", "/accounts/google-oauth-demo/"),
    ("get", "/accounts/google-oauth-test/"),
    ("get", "/accounts/oauth-debug/"),
}


def test_every_route_is_documented_and_every_documented_operation_is_a_route(
    app: Starlette, document: dict[str, Any], debug: bool
) -> None:
    """The debug pages answer 404 unless AUTOPOST_DEBUG is on: only then are they listed."""
    routes, documented = app_operations(app), documented_operations(document)
    if not debug:
        routes -= DEBUG_PAGES
    assert routes - documented == set(), "routes missing from the document"
    assert documented - routes == set(), "documented operations that are no route"
    assert (documented >= DEBUG_PAGES) is debug


def test_it_is_openapi_3_1_with_token_auth_everywhere_but_the_public_routes(
    document: dict[str, Any], debug: bool
) -> None:
    assert document["openapi"] == "3.1.0"
    scheme = document["components"]["securitySchemes"]["tokenAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}
    assert document["security"] == [{"tokenAuth": []}]
    public = {
        path
        for path, item in document["paths"].items()
        for op in item.values()
        if op.get("security") == []
    }
    assert public == {
        "/",
        "/health/",
        "/healthz",
        "/readyz",
        "/api/schema/",
        "/api/docs/",
        "/api/v1/api-token-auth/",
        "/auth/pinterest/callback/",
        "/auth/instagram/callback/",
        "/accounts/api/login/",
        "/accounts/api/logout/",
        "/accounts/google-oauth/",
        "/accounts/google-oauth-callback/",
        # A library file by its signed link: the signature is the permission.
        "/media-files/{name}",
        *(path for _, path in DEBUG_PAGES if debug),
    }


def named(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The component a schema refers to, or the schema itself."""
    if "$ref" not in schema:
        return schema
    found: dict[str, Any] = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return found


def test_every_operation_documents_its_errors_in_the_api_shapes(
    document: dict[str, Any],
) -> None:
    """Bad input is a 400 by field; but an OAuth callback is the platform sending a browser
    back, and says why it failed in one message, as it always did; and the seed's JSON API
    (``/accounts/api/``) refuses in its own ``{"success": false, "message"}`` shape."""
    shapes = {"400": "FieldErrors", "401": "Error", "404": "Error", "409": "Error"}
    for path, item in document["paths"].items():
        for method, op in item.items():
            assert "401" in op["responses"], (method, path)
            for status, reply in op["responses"].items():
                shape = "Error" if path.endswith("callback/") else shapes.get(status)
                if path.startswith("/accounts/api/") and status == "400":
                    schema = reply["content"]["application/json"]["schema"]
                    alternatives = [named(document, s) for s in schema.get("anyOf", [schema])]
                    assert any(
                        s.get("properties", {}).get("success", {}).get("const") is False
                        for s in alternatives
                    ), (method, path)
                elif status in shapes:
                    schema = reply["content"]["application/json"]["schema"]
                    assert schema["$ref"] == f"#/components/schemas/{shape}", (method, path)
    errors = document["components"]["schemas"]
    assert errors["FieldErrors"]["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }
    assert errors["Error"]["required"] == ["error"]


# The names of the answers' schemas, which generated clients use as type names.
ANSWERS = {
    *("Post", "Credential", "Board", "Media", "MediaPage", "Comment", "NewComment"),
    *("SyncReport", "Token", "AuthorizeUrl", "PinterestConnected", "InstagramConnected"),
    *("Health", "Error", "FieldErrors", "User", "UserPage", "Group", "Permission"),
    *("UserSettings", "UserStats", "MessageAnswer", "AuditEntry", "AuditPage"),
}


def test_the_answers_keep_their_names_and_take_no_other_key(document: dict[str, Any]) -> None:
    """Every key is sent, but a new comment's `note`, which only a username sent brings."""
    schemas = document["components"]["schemas"]
    assert set(schemas) >= ANSWERS
    for name in ANSWERS - {"FieldErrors"}:
        schema = schemas[name]
        assert schema["additionalProperties"] is False, name
        assert schema["required"] == [key for key in schema["properties"] if key != "note"], name


def test_every_reference_names_a_schema(document: dict[str, Any]) -> None:
    references = set(re.findall(r'"#/components/schemas/([^"]+)"', str(document).replace("'", '"')))
    assert references, "the document refers to its schemas"
    assert references <= set(document["components"]["schemas"])


async def test_the_schema_and_docs_need_no_token_but_the_api_does(
    anonymous: httpx.AsyncClient,
) -> None:
    assert (await anonymous.get("/api/docs/")).status_code == 200
    refused = await anonymous.get("/api/v1/posts/")
    assert (refused.status_code, refused.json()["error"]) == (
        401,
        "Authentication credentials were not provided.",
    )


async def test_the_docs_page_lists_every_operation_and_loads_nothing_from_elsewhere(
    anonymous: httpx.AsyncClient, document: dict[str, Any]
) -> None:
    response = await anonymous.get("/api/docs/")
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for method, path in documented_operations(document):
        assert f'{method.upper()}</span> <span class="path">{path}</span>' in page
    for name in document["components"]["schemas"]:
        assert f'id="schema-{name}"' in page
    assert "<script" not in page and "@import" not in page
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert addresses and all(a.startswith(("#", "/")) for a in addresses), addresses


async def test_a_path_that_is_no_route_is_a_json_404(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.get("/no/such/route/")  # schemathesis: /api/v1/posts/-1/
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"error": "Not found."}


async def test_a_method_a_route_does_not_take_is_a_json_405(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.post("/health/")
    assert (response.status_code, response.json()) == (405, {"error": "Method Not Allowed"})
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}


def test_the_document_says_a_post_may_be_for_now_and_answers_warnings(
    document: dict[str, Any],
) -> None:
    schemas = document["components"]["schemas"]
    date_pub = schemas["PostIn"]["properties"]["date_pub"]
    assert {"const": "now", "type": "string"} in date_pub["anyOf"]
    assert {"format": "date-time", "type": "string"} in date_pub["anyOf"]
    warnings = schemas["Post"]["properties"]["warnings"]
    assert warnings["items"] == {"$ref": "#/components/schemas/PostWarning"}
    codes = schemas[schemas["PostWarning"]["properties"]["code"]["$ref"].rsplit("/", 1)[1]]
    assert set(codes["enum"]) == {"near_another_post", "same_media", "same_caption"}
