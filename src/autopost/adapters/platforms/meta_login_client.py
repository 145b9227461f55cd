"""One call to Meta's login endpoints: its answer's JSON, or the port's error it stands for.

Meta's token endpoints take the app secret, the code and the token to trade in the query
string, so their URLs hold secrets: nothing here logs a URL, a request or an answer's body;
only the call's name, status and Meta's error codes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

import httpx
from attrs import frozen

from autopost.adapters.observability.platform_calls import record_call
from autopost.adapters.platforms import meta_login_answers as answers
from autopost.adapters.platforms.graph_answers import Json
from autopost.adapters.platforms.graph_errors import retry_after, transport_error, unexpected_answer
from autopost.adapters.platforms.meta_login_errors import Step, login_error, parse_login_error
from autopost.adapters.platforms.transport_errors import Method
from autopost.application.ports.clock import Clock

logger = logging.getLogger(__name__)

# Facebook Login and Instagram Login both connect Instagram accounts.
PLATFORM = "instagram"


@frozen
class LoginCall:
    method: Method
    url: str
    name: str  # what the log says instead of the URL
    step: Step
    app: str  # whose app credentials the call carries: "Facebook", "Instagram"


class MetaLoginClient:
    """``app_secrets`` are kept out of every message, whatever an answer echoes back."""

    def __init__(self, client: httpx.AsyncClient, clock: Clock, app_secrets: tuple[str, ...]):
        self._client = client
        self._clock = clock
        self._app_secrets = app_secrets

    async def token(
        self, call: LoginCall, secrets: tuple[str, ...], **request: Any
    ) -> answers.IssuedToken:
        token = answers.issued_token(await self.json(call, secrets, **request))
        if token is None:
            raise unexpected_answer(call.method, "access token")
        return token

    async def bearer(self, call: LoginCall, access_token: str, params: Mapping[str, str]) -> Json:
        # Where Meta takes it there, the token goes in a header: URLs end up in logs.
        headers = {"Authorization": f"Bearer {access_token}"}
        return await self.json(call, (access_token,), params=params, headers=headers)

    async def json(self, call: LoginCall, secrets: tuple[str, ...], **request: Any) -> Json:
        """``secrets`` are what the call carries (a code, a token) that an answer could echo."""
        started = time.perf_counter()
        try:
            response = await self._client.request(call.method, call.url, **request)
        except httpx.RequestError as exc:
            took = time.perf_counter() - started
            record_call(PLATFORM, call.method, call.name, None, took, type(exc).__name__)
            raise transport_error(exc, call.method) from None
        took = time.perf_counter() - started
        record_call(PLATFORM, call.method, call.name, response.status_code, took)
        if response.is_error:
            error = parse_login_error(response, *secrets, *self._app_secrets)
            logger.warning(
                "%s %s %s: %s code=%s subcode=%s fbtrace_id=%s",
                call.app,
                call.method,
                call.name,
                error.status,
                error.code,
                error.subcode,
                error.fbtrace_id,
            )
            wait = retry_after(response.headers, self._clock.now())
            raise login_error(error, call.method, call.step, call.app, wait)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise unexpected_answer(call.method, "JSON object")
        return body
