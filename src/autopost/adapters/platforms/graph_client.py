"""One Graph API call for an Instagram account: the token in a header, usage throttling, and
Graph's errors turned into the port's.

The Instagram gateways share it, so that each maps errors and holds back the same way.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

import httpx

from autopost.adapters.observability.platform_calls import record_call, record_held_back
from autopost.adapters.platforms.graph_answers import node_id
from autopost.adapters.platforms.graph_errors import (
    GraphRefusal,
    graph_error,
    parse_graph_error,
    retry_after,
    transport_error,
    unexpected_answer,
)
from autopost.adapters.platforms.graph_throttle import UsageThrottle
from autopost.adapters.platforms.transport_errors import Method
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    PlatformBusy,
    PlatformError,
    RateLimited,
    TransientPlatformError,
)

logger = logging.getLogger(__name__)

PLATFORM = "instagram"


class GraphClient:
    """Never waits: near a rate limit it raises ``PlatformBusy`` so the caller defers the work.

    ``throttle`` remembers usage between calls; pass the same one to every client of the
    process so that each learns from the others' answers."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        base_url: str,
        clock: Clock,
        throttle: UsageThrottle | None = None,
        instagram_login_url: str | None = None,
    ) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")
        # Accounts connected with Instagram Login are served by graph.instagram.com.
        self._instagram_login_url = (instagram_login_url or base_url).rstrip("/")
        self._clock = clock
        self._throttle = throttle or UsageThrottle(clock)

    async def call(
        self,
        method: Method,
        account: InstagramAccount,
        path: str,
        params: Mapping[str, str],
        refused: str = "the request",
        with_codes: bool = False,
    ) -> dict[str, Any]:
        """The answer's JSON object. ``refused`` names what a permanent refusal refused;
        ``with_codes`` makes it a ``GraphRefusal``, which keeps Graph's code and subcode."""
        try:
            self._throttle.check(account.ig_user_id)
        except PlatformBusy:
            record_held_back(PLATFORM)
            raise
        base = self._instagram_login_url if account.login == "instagram" else self._base_url
        url = f"{base}/{path}"
        # The token goes in a header only: URLs end up in logs.
        headers = {"Authorization": f"Bearer {account.access_token}"}
        started = time.perf_counter()
        try:
            if method == "POST":
                response = await self._client.post(url, data=params, headers=headers)
            else:
                response = await self._client.request(method, url, params=params, headers=headers)
        except httpx.RequestError as exc:
            took = time.perf_counter() - started
            record_call(PLATFORM, method, path, None, took, type(exc).__name__)
            raise transport_error(exc, method) from None
        record_call(PLATFORM, method, path, response.status_code, time.perf_counter() - started)
        self._throttle.observe(account.ig_user_id, response.headers)
        if response.is_error:
            raise self._refusal(method, path, account, response, refused, with_codes)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise unexpected_answer(method, "JSON object")
        return body

    def _refusal(
        self,
        method: Method,
        path: str,
        account: InstagramAccount,
        response: httpx.Response,
        refused: str,
        with_codes: bool,
    ) -> PlatformError:
        error = parse_graph_error(response, secret=account.access_token)
        logger.warning(
            "Graph %s %s: %s code=%s subcode=%s fbtrace_id=%s",
            method,
            path,
            error.status,
            error.code,
            error.subcode,
            error.fbtrace_id,
        )
        wait = retry_after(response.headers, self._clock.now())
        mapped = graph_error(error, method, wait, refused)
        if with_codes and type(mapped) is PermanentPlatformError:
            return GraphRefusal(mapped.message, error.code, error.subcode, error.detail)
        # A refusal that says when to come back holds the account back until then.
        refused_for_now = isinstance(mapped, RateLimited) or type(mapped) is TransientPlatformError
        if refused_for_now and wait is not None:
            self._throttle.hold(account.ig_user_id, wait)
        return mapped


def created_id(body: dict[str, Any], method: Method) -> str:
    """The ``id`` of what a call created; without one, the call may or may not have worked."""
    found = node_id(body.get("id"))
    if found is None:
        raise unexpected_answer(method, "id")
    return found
