"""Control routes of the Pinterest emulator, under ``/_sandbox/pinterest``: settings, accounts
and their boards, token revocation, expiry and minting, and the record of pins created."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.pinterest_control_values import (
    account_changes,
    board_specs,
    environment_of,
    settings_changes,
)
from autopost.sandbox.pinterest_sandbox import ALL_SCOPES, PinterestSandbox
from autopost.sandbox.pinterest_state import Account
from autopost.sandbox.pinterest_tokens import IssuedTokens


def pinterest_control_routes(pinterest: PinterestSandbox) -> list[Route]:
    async def get_settings(request: Request) -> Response:
        """The Pinterest emulator's settings: environment, token lifetimes, rate limit."""
        return JSONResponse(asdict(pinterest.settings))

    async def put_settings(request: Request) -> Response:
        """Change some of the Pinterest emulator's settings."""
        changes = settings_changes(await json_object(request))
        pinterest.settings = replace(pinterest.settings, **changes)
        return JSONResponse(asdict(pinterest.settings))

    async def add_account(request: Request) -> Response:
        """Add a Pinterest account with boards, and get its tokens."""
        body = await json_object(request)
        username, listing_empty = account_changes(body)
        boards = board_specs(body.get("boards"))
        state = pinterest.state
        for board_id, _ in boards:
            board = state.boards.get(board_id) if board_id else None
            if board is not None and board.owner != username:
                raise ControlError(f"board {board_id} belongs to another account", status=409)
        existed = username in state.accounts
        account = state.accounts.get(username) or state.add_account(username)
        if listing_empty is not None:
            account.boards_listing_empty = listing_empty
        now = pinterest.clock.now()
        for board_id, name in boards:
            if board_id is None or board_id not in state.boards:
                state.add_board(username, name, now, board_id)
        issued = pinterest.issue_tokens(username, ALL_SCOPES, now)
        return JSONResponse(
            _account_json(pinterest, account, issued), status_code=200 if existed else 201
        )

    async def revoke(request: Request) -> Response:
        """Revoke every token of an account."""
        account = _known_account(pinterest, request.path_params["username"])
        revoked = pinterest.tokens.revoke_all_of(account.username)
        return JSONResponse({"username": account.username, "revoked_tokens": revoked})

    async def expire_tokens(request: Request) -> Response:
        """Make an account's access tokens expired."""
        account = _known_account(pinterest, request.path_params["username"])
        expired = pinterest.tokens.expire_access_of(account.username, pinterest.clock.now())
        return JSONResponse({"username": account.username, "expired_tokens": expired})

    async def delete_board(request: Request) -> Response:
        """Delete a board, as the app does."""
        board_id = request.path_params["board_id"]
        if board_id not in pinterest.state.boards:
            raise ControlError(f"no board {board_id}", status=404)
        pinterest.state.delete_board(board_id)
        return Response(status_code=204)

    async def mint_token(request: Request) -> Response:
        """New tokens for an account, in an environment of your choice."""
        body = await json_object(request)
        account = _known_account(pinterest, body.get("username"))
        environment = environment_of(body.get("environment", pinterest.settings.environment))
        now = pinterest.clock.now()
        issued = pinterest.issue_tokens(account.username, ALL_SCOPES, now, environment)
        answer = {"username": account.username, "environment": environment.value}
        return JSONResponse({**answer, **_tokens_json(pinterest, issued)}, status_code=201)

    async def pins_created(request: Request) -> Response:
        """Every pin created through the API, oldest first."""
        events = [
            {
                **asdict(event),
                "created_at": event.created_at.astimezone(UTC).isoformat(timespec="seconds"),
            }
            for event in pinterest.state.created
        ]
        return JSONResponse({"data": events})

    return [
        control_route("/settings", get_settings, ["GET"]),
        control_route("/settings", put_settings, ["PUT"]),
        control_route("/accounts", add_account, ["POST"]),
        control_route("/accounts/{username}/revoke", revoke, ["POST"]),
        control_route("/accounts/{username}/expire_tokens", expire_tokens, ["POST"]),
        control_route("/boards/{board_id}", delete_board, ["DELETE"]),
        control_route("/tokens", mint_token, ["POST"]),
        control_route("/pins_created", pins_created, ["GET"]),
    ]


def _known_account(pinterest: PinterestSandbox, username: Any) -> Account:
    account = pinterest.state.accounts.get(username) if isinstance(username, str) else None
    if account is None:
        raise ControlError(f"no account {username}", status=404)
    return account


def _tokens_json(pinterest: PinterestSandbox, issued: IssuedTokens) -> dict[str, Any]:
    return {
        "access_token": issued.access_token,
        "refresh_token": issued.refresh_token,
        "expires_in": pinterest.settings.access_token_seconds,
    }


def _account_json(
    pinterest: PinterestSandbox, account: Account, issued: IssuedTokens
) -> dict[str, Any]:
    boards = [{"id": b.id, "name": b.name} for b in pinterest.state.boards_of(account.username)]
    return {
        "username": account.username,
        "id": account.id,
        "boards_listing_empty": account.boards_listing_empty,
        "boards": boards,
        **_tokens_json(pinterest, issued),
    }
