"""Reading a Graph API call: its path, its parameters and its access token."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from starlette.datastructures import URL
from starlette.requests import Request

_VERSION = re.compile(r"^v\d+(\.\d+)?$")
_AUTH_SCHEMES = ("bearer", "oauth")


@dataclass(frozen=True)
class GraphCall:
    method: str
    path: str
    segments: tuple[str, ...]
    params: dict[str, str]
    token: str | None
    arrived_at: datetime


async def read_call(request: Request, arrived_at: datetime) -> GraphCall:
    params = dict(request.query_params)
    params.update(await _body_params(request))
    return GraphCall(
        method=request.method,
        path=request.url.path,
        segments=graph_segments(request.url.path),
        params=params,
        token=_token(request, params),
        arrived_at=arrived_at,
    )


def graph_segments(path: str) -> tuple[str, ...]:
    """The path's parts after an optional version prefix such as ``v24.0``."""
    parts = [p for p in path.split("/") if p]
    if parts and _VERSION.match(parts[0]):
        parts = parts[1:]
    return tuple(parts)


def graph_root(url: URL) -> URL:
    """The address paths are relative to: the host and any version prefix, no query."""
    parts = [p for p in url.path.split("/") if p]
    prefix = f"/{parts[0]}" if parts and _VERSION.match(parts[0]) else ""
    return url.replace(path=prefix, query="")


async def _body_params(request: Request) -> dict[str, str]:
    if request.method not in ("POST", "DELETE"):
        return {}
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            return {}
        if not isinstance(body, dict):
            return {}
        return {str(k): _as_param(v) for k, v in body.items()}
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}
    return {}


def _as_param(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _token(request: Request, params: dict[str, str]) -> str | None:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() in _AUTH_SCHEMES and credentials.strip():
        return credentials.strip()
    return params.get("access_token") or None
