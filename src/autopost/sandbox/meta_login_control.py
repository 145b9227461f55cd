"""Control routes of the login emulators, under ``/_sandbox/login``: settings (the apps, and
consent denied on either dialog), the demo Facebook user's Pages, and revoking that user's
tokens."""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.meta_login_sandbox import MetaLoginSandbox
from autopost.sandbox.meta_login_settings import DEMO_FACEBOOK_USER_ID, MetaLoginSettings
from autopost.sandbox.meta_login_state import FacebookPage
from autopost.sandbox.runtime import Sandbox


def meta_login_control_routes(sandbox: Sandbox, login: MetaLoginSandbox) -> list[Route]:
    async def get_settings(request: Request) -> Response:
        """The login emulators' settings: the Meta apps, consent refused or not."""
        return JSONResponse(asdict(login.settings))

    async def put_settings(request: Request) -> Response:
        """Change some of the login emulators' settings."""
        login.settings = replace(login.settings, **_settings_changes(await json_object(request)))
        return JSONResponse(asdict(login.settings))

    async def list_pages(request: Request) -> Response:
        """The demo Facebook user's Pages and the Instagram accounts linked to them."""
        pages = login.state.pages_of(DEMO_FACEBOOK_USER_ID)
        return JSONResponse({"data": [_page_json(page) for page in pages]})

    async def add_page(request: Request) -> Response:
        """Give the demo Facebook user a Page, linked to an Instagram account or not."""
        body = await json_object(request)
        unknown = sorted(set(body) - {"name", "ig_user_id"})
        if unknown:
            raise ControlError(f"unknown field {unknown[0]}; known: ig_user_id, name")
        name, ig_user_id = body.get("name"), body.get("ig_user_id")
        for field_name, value in (("name", name), ("ig_user_id", ig_user_id)):
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ControlError(f"{field_name} must be a non-empty string")
        if ig_user_id is not None and ig_user_id not in sandbox.instagram.state.accounts:
            raise ControlError(f"no Instagram account {ig_user_id}", status=404)
        page = login.state.add_page(DEMO_FACEBOOK_USER_ID, name, ig_user_id)
        return JSONResponse(_page_json(page), status_code=201)

    async def revoke(request: Request) -> Response:
        """Revoke the demo Facebook user's tokens."""
        revoked = login.state.revoke_facebook_tokens(DEMO_FACEBOOK_USER_ID)
        return JSONResponse({"user_id": DEMO_FACEBOOK_USER_ID, "revoked_tokens": revoked})

    return [
        control_route("/settings", get_settings, ["GET"]),
        control_route("/settings", put_settings, ["PUT"]),
        control_route("/facebook/pages", list_pages, ["GET"]),
        control_route("/facebook/pages", add_page, ["POST"]),
        control_route("/facebook/revoke", revoke, ["POST"]),
    ]


def _settings_changes(body: dict[str, Any]) -> dict[str, Any]:
    kinds = {f.name: f.type for f in fields(MetaLoginSettings)}
    for name, value in body.items():
        if name not in kinds:
            raise ControlError(f"unknown setting {name}; known: {', '.join(sorted(kinds))}")
        if kinds[name] == "bool" and not isinstance(value, bool):
            raise ControlError(f"{name} must be true or false")
        if kinds[name] == "str" and (not isinstance(value, str) or not value.strip()):
            raise ControlError(f"{name} must be a non-empty string")
    return body


def _page_json(page: FacebookPage) -> dict[str, Any]:
    return {"id": page.id, "name": page.name, "ig_user_id": page.ig_user_id}
