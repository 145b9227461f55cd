"""The Notion API's ``GET /v1/users/me`` (``api.notion.com``), mounted at ``/notion``: the bot
user of the integration whose token is sent.

``Notion-Version`` is required (400 ``missing_version``); ``Authorization: Bearer <token>``
with any token but ``NOTION_DEMO_KEY`` is a 401 ``unauthorized``. Errors are Notion's
``{"object": "error", "status", "code", "message"}``.
"""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from autopost.sandbox.demo_keys import NOTION_DEMO_KEY
from autopost.sandbox.faults import Fault
from autopost.sandbox.key_service_edge import bearer_token, service_endpoint
from autopost.sandbox.runtime import Sandbox

BOT_USER = {
    "object": "user",
    "id": "9a3b5ae0-c6e6-482d-b0e1-ed315ee6dc57",
    "name": "Autopost Demo",
    "avatar_url": None,
    "type": "bot",
    "bot": {"owner": {"type": "workspace", "workspace": True}, "workspace_name": "Autopost"},
}
CODES = {429: "rate_limited", 503: "service_unavailable", 504: "gateway_timeout"}


def notion_routes(sandbox: Sandbox) -> list[BaseRoute]:
    return [Route("/v1/users/me", service_endpoint(sandbox, me, _refusal), methods=["GET"])]


def notion_unavailable() -> Response:
    return notion_error(
        503, "service_unavailable", "Notion is unavailable, please try again later."
    )


def me(request: Request) -> Response:
    version = request.headers.get("notion-version")
    if not version:
        message = (
            "Notion-Version header failed validation: Notion-Version header should be defined, "
            "instead was `undefined`."
        )
        return notion_error(400, "missing_version", message)
    if bearer_token(request) != NOTION_DEMO_KEY:
        return notion_error(401, "unauthorized", "API token is invalid.")
    return JSONResponse({**BOT_USER, "request_id": str(uuid.uuid4())})


def notion_error(status: int, code: str, message: str) -> Response:
    body = {
        "object": "error",
        "status": status,
        "code": code,
        "message": message,
        "request_id": str(uuid.uuid4()),
    }
    return JSONResponse(body, status_code=status)


def _refusal(fault: Fault) -> Response:
    code = CODES.get(fault.status, "internal_server_error")
    return notion_error(fault.status, code, fault.message or "Unexpected error occurred.")
