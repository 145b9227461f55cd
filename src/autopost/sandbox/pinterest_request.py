"""Reading a Pinterest API call: its parameters, its body and its credentials.

``loggable_params`` is what the request log may keep: never a token, an authorization code or
a client secret (headers, where bearer tokens and Basic credentials travel, are never logged).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from autopost.sandbox.pinterest_errors import invalid_request

SECRET_PARAMS = frozenset({"access_token", "refresh_token", "code", "client_secret"})


@dataclass(frozen=True)
class PinterestCall:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    raw_body: bytes
    bearer: str | None
    basic: tuple[str, str] | None
    # Where the Pinterest API is mounted (``http://sandbox.test/pinterest``): for addresses
    # its answers give, such as a media upload's.
    base_url: str = ""

    def json_object(self) -> dict[str, Any]:
        try:
            body = json.loads(self.raw_body or b"null")
        except ValueError:
            raise invalid_request("Invalid request: the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise invalid_request("Invalid request: the body must be a JSON object")
        return body

    def loggable_params(self) -> dict[str, str]:
        params = {**self.query, **self.form, **_json_params(self.raw_body)}
        return {k: v for k, v in params.items() if k not in SECRET_PARAMS}


async def read_call(request: Request) -> PinterestCall:
    content_type = request.headers.get("content-type", "")
    form: dict[str, str] = {}
    raw = b""
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    else:
        raw = await request.body()
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    credentials = credentials.strip()
    return PinterestCall(
        method=request.method,
        path=request.url.path,
        query=dict(request.query_params),
        form=form,
        raw_body=raw,
        bearer=credentials if scheme.lower() == "bearer" and credentials else None,
        basic=_basic(credentials) if scheme.lower() == "basic" else None,
        base_url=f"{request.url.scheme}://{request.url.netloc}{request.scope.get('root_path', '')}",
    )


def _basic(credentials: str) -> tuple[str, str] | None:
    try:
        decoded = base64.b64decode(credentials, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    client_id, colon, secret = decoded.partition(":")
    return (client_id, secret) if colon else None


def _json_params(raw: bytes) -> dict[str, str]:
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        return {}
    if not isinstance(body, dict):
        return {}
    return {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
