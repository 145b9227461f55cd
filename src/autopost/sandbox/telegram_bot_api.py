"""The Telegram Bot API (``api.telegram.org``), mounted at ``/telegram``:
``/bot<token>/getMe``, ``/bot<token>/getUpdates`` (``offset``, ``limit``, ``timeout``: long
polling) and ``/bot<token>/sendMessage`` (``chat_id``, ``text``, ``parse_mode``), their
parameters in the query string, a form or JSON, GET or POST, as the reference allows.

Answers are ``{"ok": true, "result": ...}``; a refusal ``{"ok": false, "error_code",
"description"}``: a wrong token 401 ``Unauthorized``, a chat that never wrote to the bot 400
``Bad Request: chat not found``. While ``telegram`` is down (``/_sandbox/services/telegram``)
every call is a 503 page from the front. The token is in the path: calls are not
put in the request log."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from autopost.sandbox.runtime import Sandbox
from autopost.sandbox.telegram_state import UPDATE_LIMIT, TelegramSandbox

# A long poll is cut short at this many seconds (Telegram's own limit is 50).
LONGEST_POLL_S = 50
TEXT_LIMIT = 4096
PARSE_MODES = {"HTML", "Markdown", "MarkdownV2"}
OUTAGE_PAGE = "<html><center><h1>503 Service Temporarily Unavailable</h1></center></html>"


class Refused(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def telegram_routes(sandbox: Sandbox, telegram: TelegramSandbox) -> list[BaseRoute]:
    async def call(request: Request) -> Response:
        if sandbox.outages.is_down("telegram"):
            return HTMLResponse(OUTAGE_PAGE, 503)
        if request.path_params["token"] != telegram.token:
            return _refusal(Refused(401, "Unauthorized"))
        method = request.path_params["method"]
        handler = METHODS.get(method.lower())
        if handler is None:
            return _refusal(Refused(404, "Not Found"))
        try:
            result = await handler(telegram, await _parameters(request))
        except Refused as refused:
            return _refusal(refused)
        return JSONResponse({"ok": True, "result": result})

    return [Route("/bot{token}/{method}", call, methods=["GET", "POST"])]


async def get_me(telegram: TelegramSandbox, params: dict[str, Any]) -> Any:
    return telegram.bot_user() | {"can_join_groups": True, "supports_inline_queries": False}


async def get_updates(telegram: TelegramSandbox, params: dict[str, Any]) -> Any:
    offset = _integer(params, "offset")
    limit = _integer(params, "limit") or UPDATE_LIMIT
    if not 1 <= limit <= UPDATE_LIMIT:
        limit = UPDATE_LIMIT
    timeout = max(0, min(_integer(params, "timeout") or 0, LONGEST_POLL_S))
    found = telegram.pending(offset, limit)
    if not found and timeout:
        telegram.arrived.clear()
        try:
            await asyncio.wait_for(telegram.arrived.wait(), timeout)
        except TimeoutError:
            return []
        found = telegram.pending(offset, limit)
    return found


async def send_message(telegram: TelegramSandbox, params: dict[str, Any]) -> Any:
    chat_id = _integer(params, "chat_id")
    if chat_id is None:
        raise Refused(400, "Bad Request: chat_id is empty")
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Refused(400, "Bad Request: message text is empty")
    if len(text) > TEXT_LIMIT:
        raise Refused(400, "Bad Request: message is too long")
    parse_mode = params.get("parse_mode") or None
    if parse_mode is not None and parse_mode not in PARSE_MODES:
        raise Refused(400, f"Bad Request: unsupported parse_mode {parse_mode}")
    if chat_id not in telegram.chats:
        raise Refused(400, "Bad Request: chat not found")
    return telegram.send(chat_id, text, parse_mode)


METHODS = {"getme": get_me, "getupdates": get_updates, "sendmessage": send_message}


async def _parameters(request: Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query_params)
    if request.method != "POST":
        return params
    kind = request.headers.get("content-type", "")
    if kind.startswith("application/json"):
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            raise Refused(400, "Bad Request: can't parse JSON object") from None
        if isinstance(body, dict):
            params.update(body)
    elif kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        params.update({k: v for k, v in (await request.form()).items() if isinstance(v, str)})
    return params


def _integer(params: dict[str, Any], name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Refused(400, f"Bad Request: invalid {name} specified") from None


def _refusal(refused: Refused) -> Response:
    body = {"ok": False, "error_code": refused.code, "description": refused.description}
    return JSONResponse(body, status_code=refused.code)
