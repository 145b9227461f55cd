"""The Gemini API's ``GET /{version}/models`` (``generativelanguage.googleapis.com``), mounted
at ``/gemini``: the one call a key check makes.

The key comes in ``x-goog-api-key`` or as ``?key=``, as Google takes it. No key: 403
``PERMISSION_DENIED``; a key that is not ``GEMINI_DEMO_KEY``: 400 ``INVALID_ARGUMENT`` with the
reason ``API_KEY_INVALID``. Errors are Google's ``{"error": {"code", "message", "status"}}``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from autopost.sandbox.demo_keys import GEMINI_DEMO_KEY
from autopost.sandbox.faults import Fault
from autopost.sandbox.key_service_edge import service_endpoint
from autopost.sandbox.runtime import Sandbox

UNREGISTERED = (
    "Method doesn't allow unregistered callers (callers without established identity). Please "
    "use API Key or other form of API consumer identity to call this API."
)
BAD_KEY = "API key not valid. Please pass a valid API key."
STATUS_NAMES = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 429: "RESOURCE_EXHAUSTED"}
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


def _model(name: str, shown: str, methods: list[str]) -> dict[str, Any]:
    return {
        "name": f"models/{name}",
        "version": "001",
        "displayName": shown,
        "inputTokenLimit": 1_048_576,
        "outputTokenLimit": 65_536,
        "supportedGenerationMethods": methods,
    }


MODELS = (
    _model("gemini-2.5-flash", "Gemini 2.5 Flash", ["generateContent", "countTokens"]),
    _model("gemini-2.5-pro", "Gemini 2.5 Pro", ["generateContent", "countTokens"]),
    _model("text-embedding-004", "Text Embedding 004", ["embedContent"]),
)


def gemini_routes(sandbox: Sandbox) -> list[BaseRoute]:
    endpoint = service_endpoint(sandbox, list_models, _refusal, frozenset({"key"}))
    return [Route("/{version}/models", endpoint, methods=["GET"])]


def gemini_unavailable() -> Response:
    return google_error(503, "The service is currently unavailable.", "UNAVAILABLE")


def list_models(request: Request) -> Response:
    key = request.headers.get("x-goog-api-key") or request.query_params.get("key")
    if not key:
        return google_error(403, UNREGISTERED, "PERMISSION_DENIED")
    if key != GEMINI_DEMO_KEY:
        reason = {"reason": "API_KEY_INVALID", "domain": "googleapis.com"}
        details = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", **reason}]
        return google_error(400, BAD_KEY, "INVALID_ARGUMENT", details)
    raw_size = request.query_params.get("pageSize", str(DEFAULT_PAGE_SIZE))
    raw_start = request.query_params.get("pageToken") or "0"
    if not raw_size.isdigit() or not raw_start.isdigit():
        return google_error(400, "Invalid value at 'page_size' or 'page_token'", "INVALID_ARGUMENT")
    size = min(int(raw_size) or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    start = int(raw_start)
    answer: dict[str, Any] = {"models": list(MODELS[start : start + size])}
    if start + size < len(MODELS):
        answer["nextPageToken"] = str(start + size)
    return JSONResponse(answer)


def google_error(
    status: int, message: str, name: str, details: list[dict[str, str]] | None = None
) -> Response:
    error: dict[str, Any] = {"code": status, "message": message, "status": name}
    if details:
        error["details"] = details
    return JSONResponse({"error": error}, status_code=status)


def _refusal(fault: Fault) -> Response:
    name = STATUS_NAMES.get(fault.status, "UNAVAILABLE" if fault.status == 503 else "INTERNAL")
    return google_error(fault.status, fault.message or "Internal error encountered.", name)
