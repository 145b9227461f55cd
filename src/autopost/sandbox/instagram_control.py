"""Control routes of the Graph emulator, under ``/_sandbox/instagram``: settings, accounts,
tokens (revocation, expiry, short-lived tokens to exchange), quota, container expiry and the
record of publishes. Media and comments: ``instagram_media_control``."""

from __future__ import annotations

import secrets
from dataclasses import asdict, replace
from datetime import UTC
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.instagram_containers import container_status
from autopost.sandbox.instagram_control_values import known_account, settings_changes
from autopost.sandbox.instagram_login import SHORT_LIVED, issue_token
from autopost.sandbox.instagram_media_control import instagram_media_control_routes
from autopost.sandbox.instagram_state import Account, InstagramState
from autopost.sandbox.instagram_tokens import TokenKind
from autopost.sandbox.runtime import Sandbox


def instagram_control_routes(sandbox: Sandbox) -> list[Route]:
    ig = sandbox.instagram

    async def get_settings(request: Request) -> Response:
        """The Graph emulator's settings: video processing, quota, call limits."""
        return JSONResponse(asdict(ig.settings))

    async def put_settings(request: Request) -> Response:
        """Change some of the Graph emulator's settings."""
        ig.settings = replace(ig.settings, **settings_changes(await json_object(request)))
        return JSONResponse(asdict(ig.settings))

    async def add_account(request: Request) -> Response:
        """Add an Instagram account (or bind a token to one) and get its access token."""
        body = await json_object(request)
        existed = body.get("ig_user_id") in ig.state.accounts
        account, token = _account_with_token(ig.state, body)
        answer = {"ig_user_id": account.ig_user_id, "username": account.username}
        return JSONResponse({**answer, "access_token": token}, status_code=200 if existed else 201)

    async def revoke(request: Request) -> Response:
        """Revoke every token of an account, as a password change does."""
        account = known_account(ig.state, request.path_params["ig_user_id"])
        revoked = ig.state.revoke_tokens_of(account.ig_user_id)
        return JSONResponse({"ig_user_id": account.ig_user_id, "revoked_tokens": revoked})

    async def short_lived_token(request: Request) -> Response:
        """What Instagram Login hands a client first, to trade for a long-lived token."""
        account = known_account(ig.state, request.path_params["ig_user_id"])
        now = sandbox.clock.now()
        token = issue_token(ig.state, account.ig_user_id, TokenKind.SHORT_LIVED, now)
        answer = {"ig_user_id": account.ig_user_id, "access_token": token, "token_type": "bearer"}
        expires_in = int(SHORT_LIVED.total_seconds())
        return JSONResponse({**answer, "expires_in": expires_in}, status_code=201)

    async def expire_tokens(request: Request) -> Response:
        """Make an account's tokens expired."""
        account = known_account(ig.state, request.path_params["ig_user_id"])
        expired = ig.state.expire_tokens_of(account.ig_user_id, sandbox.clock.now())
        return JSONResponse({"ig_user_id": account.ig_user_id, "expired_tokens": expired})

    async def set_quota_usage(request: Request) -> Response:
        """Set how many posts of its 24-hour publishing quota an account has used."""
        account = known_account(ig.state, request.path_params["ig_user_id"])
        used = (await json_object(request)).get("used")
        if isinstance(used, bool) or not isinstance(used, int) or used < 0:
            raise ControlError("used must be an integer, 0 or more")
        account.quota_log = [sandbox.clock.now()] * used
        return JSONResponse({"ig_user_id": account.ig_user_id, "quota_usage": used})

    async def expire(request: Request) -> Response:
        """Make a media container expired."""
        container = ig.state.containers.get(request.path_params["container_id"])
        if container is None:
            raise ControlError("no such container", status=404)
        container.expired_by_hand = True
        status = container_status(container, sandbox.clock.now())
        return JSONResponse({"id": container.id, "status_code": status.value})

    async def published(request: Request) -> Response:
        """Every media published through the API, oldest first."""
        events = [
            {
                **asdict(event),
                "published_at": event.published_at.astimezone(UTC).isoformat(
                    timespec="microseconds"
                ),
            }
            for event in ig.state.published
        ]
        return JSONResponse({"data": events})

    return [
        control_route("/settings", get_settings, ["GET"]),
        control_route("/settings", put_settings, ["PUT"]),
        control_route("/accounts", add_account, ["POST"]),
        control_route("/accounts/{ig_user_id}/revoke", revoke, ["POST"]),
        control_route("/accounts/{ig_user_id}/short_lived_token", short_lived_token, ["POST"]),
        control_route("/accounts/{ig_user_id}/expire_tokens", expire_tokens, ["POST"]),
        control_route("/accounts/{ig_user_id}/quota_usage", set_quota_usage, ["PUT"]),
        control_route("/containers/{container_id}/expire", expire, ["POST"]),
        control_route("/published", published, ["GET"]),
        *instagram_media_control_routes(sandbox),
    ]


def _account_with_token(state: InstagramState, body: dict[str, Any]) -> tuple[Account, str]:
    ig_user_id = body.get("ig_user_id")
    token = body.get("access_token")
    username = body.get("username")
    for name, value in (
        ("ig_user_id", ig_user_id),
        ("access_token", token),
        ("username", username),
    ):
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ControlError(f"{name} must be a non-empty string")
    if ig_user_id is None:
        ig_user_id = state.new_account_id()
    elif not ig_user_id.isdigit():
        raise ControlError("ig_user_id must be numeric, as Instagram's are")
    elif ig_user_id not in state.accounts and state.is_known_id(ig_user_id):
        raise ControlError(f"{ig_user_id} is already the id of a container or media", status=409)
    token = token or "sandbox-" + secrets.token_urlsafe(24)
    grant = state.tokens.get(token)
    if grant is not None and grant.ig_user_id != ig_user_id:
        raise ControlError("that access_token is already bound to another account", status=409)
    account = state.accounts.get(ig_user_id) or state.add_account(ig_user_id, username)
    if username:
        account.username = username
    state.grant(token, ig_user_id)
    return account, token
