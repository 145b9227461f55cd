"""The Pinterest emulator's HTTP edge: every call is logged without its secrets, meets any
armed fault, and has its ``PinterestError`` turned into ``{"code", "message"}`` here.

API calls are also authenticated and counted against the rate limit, whose ``X-RateLimit-*``
headers every authenticated answer carries.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from autopost.sandbox.faults import Fault
from autopost.sandbox.pinterest_access import account_for
from autopost.sandbox.pinterest_errors import RATE_LIMITED, UNEXPECTED, PinterestError
from autopost.sandbox.pinterest_request import PinterestCall, read_call
from autopost.sandbox.pinterest_sandbox import PinterestSandbox
from autopost.sandbox.pinterest_state import Account
from autopost.sandbox.platform_calls import answer_platform_call
from autopost.sandbox.runtime import Sandbox

Endpoint = Callable[[Request], Awaitable[Response]]
Payload = dict[str, Any]


@dataclass(frozen=True)
class ApiCall:
    call: PinterestCall
    account: Account
    path_params: dict[str, str]
    now: datetime


ApiHandler = Callable[[ApiCall], tuple[int, Payload]]
PublicHandler = Callable[[PinterestCall, datetime], Response]


def api_endpoint(sandbox: Sandbox, pinterest: PinterestSandbox, handler: ApiHandler) -> Endpoint:
    """An endpoint that needs ``Authorization: Bearer <access token>``."""

    def answer(call: PinterestCall, path_params: dict[str, str]) -> Response:
        now = sandbox.clock.now()  # after any delay_before fault
        headers: dict[str, str] = {}
        try:
            account = account_for(pinterest, call.bearer, now)
            limit = pinterest.settings.rate_limit_per_minute
            headers = pinterest.rate_limiter.admit(account.username, now, limit)
            status, payload = handler(ApiCall(call, account, path_params, now))
            response: Response = JSONResponse(payload, status_code=status)
        except PinterestError as error:
            response = error.response()
        response.headers.update(headers)
        return response

    async def endpoint(request: Request) -> Response:
        call = await read_call(request)
        path_params = {k: str(v) for k, v in request.path_params.items()}
        return await _answer(sandbox, call, lambda: answer(call, path_params))

    return endpoint


def public_endpoint(sandbox: Sandbox, handler: PublicHandler) -> Endpoint:
    """An endpoint without a bearer token: the OAuth consent page and token exchange."""

    def answer(call: PinterestCall) -> Response:
        try:
            return handler(call, sandbox.clock.now())
        except PinterestError as error:
            return error.response()

    async def endpoint(request: Request) -> Response:
        call = await read_call(request)
        return await _answer(sandbox, call, lambda: answer(call))

    return endpoint


async def _answer(
    sandbox: Sandbox, call: PinterestCall, handle: Callable[[], Response]
) -> Response:
    return await answer_platform_call(
        sandbox, call.method, call.path, call.loggable_params(), handle, _refusal
    )


def _refusal(fault: Fault) -> Response:
    """An ``error`` fault in Pinterest's shape: a 429 is code 8, anything else the fault's code."""
    if fault.status == 429:
        error = PinterestError(429, 8, fault.message or RATE_LIMITED, {"Retry-After": "60"})
    else:
        error = PinterestError(fault.status, fault.code, fault.message or UNEXPECTED)
    return error.response()
