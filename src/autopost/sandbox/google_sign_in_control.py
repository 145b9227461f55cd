"""Control route of the Google sign-in emulator, under ``/_sandbox/google``: who signs in.

``POST /_sandbox/google/account`` with any of ``sub``, ``email``, ``email_verified``,
``given_name``, ``family_name`` changes the Google account the consent page signs in as (the
rest stays); ``GET`` shows it. ``/_sandbox/reset`` brings back the demo account.
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.google_sign_in_state import GoogleAccount, GoogleSignInSandbox


def google_control_routes(google: GoogleSignInSandbox) -> list[Route]:
    async def get_account(request: Request) -> Response:
        """The Google account that signs in."""
        return JSONResponse(asdict(google.account))

    async def set_account(request: Request) -> Response:
        """Change the Google account that signs in (sub, email, email_verified...)."""
        google.account = replace(google.account, **_account_changes(await json_object(request)))
        return JSONResponse(asdict(google.account))

    return [
        control_route("/account", get_account, ["GET"]),
        control_route("/account", set_account, ["POST"]),
    ]


def _account_changes(body: dict[str, Any]) -> dict[str, Any]:
    kinds = {f.name: f.type for f in fields(GoogleAccount)}
    for name, value in body.items():
        if name not in kinds:
            raise ControlError(f"unknown field {name}; known: {', '.join(sorted(kinds))}")
        if kinds[name] == "bool" and not isinstance(value, bool):
            raise ControlError(f"{name} must be true or false")
        if kinds[name] == "str" and not isinstance(value, str):
            raise ControlError(f"{name} must be a string")
        if name in ("sub", "email") and not value.strip():
            raise ControlError(f"{name} must not be empty")
    return body
