"""``InstagramGateway`` over httpx: the Instagram Graph API with Facebook Login tokens."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx

from autopost.adapters.platforms.graph_errors import (
    graph_error,
    parse_graph_error,
    retry_after,
    transport_error,
    unexpected_answer,
)
from autopost.adapters.platforms.graph_params import (
    Params,
    carousel_item_params,
    carousel_params,
    single_params,
)
from autopost.adapters.platforms.graph_throttle import UsageThrottle
from autopost.adapters.platforms.transport_errors import Method
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_gateway import (
    ContainerRequest,
    ContainerState,
    ContainerStatus,
    InstagramAccount,
    PublishedMedia,
    PublishingQuota,
)
from autopost.application.ports.platform_errors import PlatformError, TransientPlatformError

logger = logging.getLogger(__name__)

MEDIA_PAGES = 5


class HttpxInstagramGateway:
    """Never waits: near a rate limit it raises ``PlatformBusy`` so the caller defers the work.

    It remembers usage between calls, so one instance should serve the whole process."""

    def __init__(self, client: httpx.AsyncClient, base_url: str, clock: Clock) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")
        self._clock = clock
        self._throttle = UsageThrottle(clock)

    async def create_container(self, account: InstagramAccount, request: ContainerRequest) -> str:
        if not request.children:
            return await self._create(account, single_params(request))
        item_ids = [await self._create(account, p) for p in carousel_item_params(request)]
        return await self._create(account, carousel_params(request, item_ids))

    async def container_state(self, account: InstagramAccount, container_id: str) -> ContainerState:
        body = await self._call(
            "GET", account, _path(container_id), {"fields": "status_code,status"}
        )
        try:
            status = ContainerStatus(_text(body.get("status_code")) or "")
        except ValueError:
            raise unexpected_answer("GET", "known container status") from None
        return ContainerState(status, detail=_text(body.get("status")))

    async def publish_container(self, account: InstagramAccount, container_id: str) -> str:
        path = _path(account.ig_user_id, "media_publish")
        body = await self._call("POST", account, path, {"creation_id": container_id})
        return _id(body, "POST")

    async def permalink(self, account: InstagramAccount, media_id: str) -> str | None:
        body = await self._call("GET", account, _path(media_id), {"fields": "permalink"})
        return _text(body.get("permalink"))

    async def find_recent_media(
        self, account: InstagramAccount, caption: str | None, since: datetime
    ) -> PublishedMedia | None:
        # Graph timestamps have whole seconds: a media of the same second counts.
        since = since.replace(microsecond=0)
        wanted = _caption_key(caption)
        path = _path(account.ig_user_id, "media")
        params = {"fields": "id,caption,permalink,timestamp", "since": str(int(since.timestamp()))}
        for _ in range(MEDIA_PAGES):
            page = await self._call("GET", account, path, params)
            reached_older = False
            for item in _objects(page.get("data")):
                published = _timestamp(item.get("timestamp"))
                if published is None or published < since:
                    reached_older = reached_older or published is not None
                    continue
                media_id = _text(item.get("id"))
                if media_id and _caption_key(item.get("caption")) == wanted:
                    return PublishedMedia(media_id, _text(item.get("permalink")))
            after = _next_cursor(page.get("paging"))
            if reached_older or after is None:  # newest first: later pages are older still
                return None
            params = {**params, "after": after}
        return None

    async def publishing_quota(self, account: InstagramAccount) -> PublishingQuota:
        path = _path(account.ig_user_id, "content_publishing_limit")
        body = await self._call("GET", account, path, {"fields": "config,quota_usage"})
        entries = _objects(body.get("data"))
        entry = entries[0] if entries else {}
        config = entry.get("config")
        used = entry.get("quota_usage")
        total = config.get("quota_total") if isinstance(config, dict) else None
        if not isinstance(used, int) or not isinstance(total, int):
            raise unexpected_answer("GET", "publishing quota")
        return PublishingQuota(used=used, total=total)

    async def _create(self, account: InstagramAccount, params: Params) -> str:
        body = await self._call("POST", account, _path(account.ig_user_id, "media"), params)
        return _id(body, "POST")

    async def _call(
        self, method: Method, account: InstagramAccount, path: str, params: Params
    ) -> dict[str, Any]:
        self._throttle.check(account.ig_user_id)
        url = f"{self._base_url}/{path}"
        # The token goes in a header only: URLs end up in logs.
        headers = {"Authorization": f"Bearer {account.access_token}"}
        try:
            if method == "GET":
                response = await self._client.get(url, params=params, headers=headers)
            else:
                response = await self._client.post(url, data=params, headers=headers)
        except httpx.RequestError as exc:
            logger.warning("Graph %s %s: %s", method, path, type(exc).__name__)
            raise transport_error(exc, method) from None
        self._throttle.observe(account.ig_user_id, response.headers)
        if response.is_error:
            raise self._refusal(method, path, account, response)
        logger.debug("Graph %s %s: %s", method, path, response.status_code)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise unexpected_answer(method, "JSON object")
        return body

    def _refusal(
        self, method: Method, path: str, account: InstagramAccount, response: httpx.Response
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
        mapped = graph_error(error, method, wait)
        # A refusal that says when to come back holds the account back until then.
        refused_for_now = type(mapped) is TransientPlatformError
        if refused_for_now and wait is not None:
            self._throttle.hold(account.ig_user_id, wait)
        return mapped


def _path(node_id: str, edge: str | None = None) -> str:
    node = quote(node_id, safe="")
    return f"{node}/{edge}" if edge else node


def _id(body: dict[str, Any], method: Method) -> str:
    value = body.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value:
        raise unexpected_answer(method, "id")
    return value


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _objects(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _caption_key(caption: object) -> str:
    return caption.strip() if isinstance(caption, str) else ""


def _timestamp(value: object) -> datetime | None:
    """Graph writes ``2026-11-25T15:00:00+0000``."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


def _next_cursor(paging: object) -> str | None:
    if not isinstance(paging, dict) or not isinstance(paging.get("next"), str):
        return None
    cursors = paging.get("cursors")
    after = cursors.get("after") if isinstance(cursors, dict) else None
    if isinstance(after, str) and after:
        return after
    # Only the cursor is taken from ``next``: the URL itself could carry a token.
    found = parse_qs(urlsplit(paging["next"]).query).get("after")
    return found[0] if found else None
