"""``InstagramGateway`` over httpx: the Instagram Graph API with Facebook Login tokens."""

from __future__ import annotations

from collections.abc import AsyncIterable, Collection
from datetime import datetime
from typing import Any

import httpx

from autopost.adapters.platforms.graph_answers import (
    graph_time,
    next_cursor,
    node_path,
    objects,
    text,
)
from autopost.adapters.platforms.graph_client import GraphClient, created_id
from autopost.adapters.platforms.graph_errors import PLATFORM, unexpected_answer
from autopost.adapters.platforms.graph_params import (
    Params,
    carousel_item_params,
    carousel_params,
    single_params,
)
from autopost.adapters.platforms.graph_throttle import UsageThrottle
from autopost.adapters.platforms.transport_errors import Method, transport_error
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_gateway import (
    ContainerRequest,
    ContainerState,
    ContainerStatus,
    InstagramAccount,
    PublishedMedia,
    PublishingQuota,
    ResumableUpload,
)
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    TransientPlatformError,
)

MEDIA_PAGES = 5
# The most media one page of an account's media edge holds.
MEDIA_PAGE_LIMIT = 100
# Places on that page for media the account published while ours were, by other means.
RECENT_SLACK = 10


class HttpxInstagramGateway:
    """Never waits: near a rate limit it raises ``PlatformBusy`` so the caller defers the work.

    It remembers usage between calls, so one instance should serve the whole process (or
    share its ``throttle`` with the other Graph gateways)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        base_url: str,
        clock: Clock,
        throttle: UsageThrottle | None = None,
        instagram_login_url: str | None = None,
    ) -> None:
        self._graph = GraphClient(client, base_url, clock, throttle, instagram_login_url)
        self._client = client

    async def create_resumable_container(
        self, account: InstagramAccount, request: ContainerRequest
    ) -> ResumableUpload:
        path = node_path(account.ig_user_id, "media")
        body = await self._call("POST", account, path, single_params(request))
        uri = text(body.get("uri"))
        if uri is None:
            raise unexpected_answer("POST", "upload uri")
        return ResumableUpload(created_id(body, "POST"), uri)

    async def upload_video(
        self,
        account: InstagramAccount,
        upload: ResumableUpload,
        chunks: AsyncIterable[bytes],
        size: int,
    ) -> None:
        headers = {
            "Authorization": f"OAuth {account.access_token}",
            "offset": "0",
            "file_size": str(size),
            "Content-Length": str(size),
        }
        try:
            response = await self._client.post(upload.upload_uri, content=chunks, headers=headers)
        except httpx.RequestError as exc:
            raise transport_error(exc, "POST", PLATFORM) from None
        if response.status_code >= 500:
            raise TransientPlatformError(f"Instagram's upload answered {response.status_code}.")
        if response.is_error:
            # Its message, never the request: the token is in a header.
            raise PermanentPlatformError(
                f"Instagram refused the video's upload (HTTP {response.status_code})."
            )

    async def create_container(self, account: InstagramAccount, request: ContainerRequest) -> str:
        if not request.children:
            return await self._create(account, single_params(request))
        item_ids = [await self._create(account, p) for p in carousel_item_params(request)]
        return await self._create(account, carousel_params(request, item_ids))

    async def container_state(self, account: InstagramAccount, container_id: str) -> ContainerState:
        body = await self._call(
            "GET", account, node_path(container_id), {"fields": "status_code,status"}
        )
        try:
            status = ContainerStatus(text(body.get("status_code")) or "")
        except ValueError:
            raise unexpected_answer("GET", "known container status") from None
        return ContainerState(status, detail=text(body.get("status")))

    async def publish_container(self, account: InstagramAccount, container_id: str) -> str:
        path = node_path(account.ig_user_id, "media_publish")
        body = await self._call("POST", account, path, {"creation_id": container_id})
        return created_id(body, "POST")

    async def permalink(self, account: InstagramAccount, media_id: str) -> str | None:
        body = await self._call("GET", account, node_path(media_id), {"fields": "permalink"})
        return text(body.get("permalink"))

    async def permalinks(
        self, account: InstagramAccount, media_ids: Collection[str]
    ) -> dict[str, str]:
        wanted = set(media_ids)
        if not wanted:
            return {}
        # Newest first: what was just published is on the first page, after whatever the
        # account published meanwhile by other means (a few more places allow for that).
        limit = min(len(wanted) + RECENT_SLACK, MEDIA_PAGE_LIMIT)
        path = node_path(account.ig_user_id, "media")
        page = await self._call(
            "GET", account, path, {"fields": "id,permalink", "limit": str(limit)}
        )
        found: dict[str, str] = {}
        for item in objects(page.get("data")):
            media_id, permalink = text(item.get("id")), text(item.get("permalink"))
            if media_id in wanted and permalink:
                found[media_id] = permalink
        return found

    async def find_recent_media(
        self, account: InstagramAccount, caption: str | None, since: datetime
    ) -> PublishedMedia | None:
        # Graph timestamps have whole seconds: a media of the same second counts.
        since = since.replace(microsecond=0)
        wanted = _caption_key(caption)
        path = node_path(account.ig_user_id, "media")
        params = {"fields": "id,caption,permalink,timestamp", "since": str(int(since.timestamp()))}
        for _ in range(MEDIA_PAGES):
            page = await self._call("GET", account, path, params)
            reached_older = False
            for item in objects(page.get("data")):
                published = graph_time(item.get("timestamp"))
                if published is None or published < since:
                    reached_older = reached_older or published is not None
                    continue
                media_id = text(item.get("id"))
                if media_id and _caption_key(item.get("caption")) == wanted:
                    return PublishedMedia(media_id, text(item.get("permalink")))
            after = next_cursor(page.get("paging"))
            if reached_older or after is None:  # newest first: later pages are older still
                return None
            params = {**params, "after": after}
        return None

    async def publishing_quota(self, account: InstagramAccount) -> PublishingQuota:
        path = node_path(account.ig_user_id, "content_publishing_limit")
        body = await self._call("GET", account, path, {"fields": "config,quota_usage"})
        entries = objects(body.get("data"))
        entry = entries[0] if entries else {}
        config = entry.get("config")
        used = entry.get("quota_usage")
        total = config.get("quota_total") if isinstance(config, dict) else None
        if not isinstance(used, int) or not isinstance(total, int):
            raise unexpected_answer("GET", "publishing quota")
        return PublishingQuota(used=used, total=total)

    async def _create(self, account: InstagramAccount, params: Params) -> str:
        body = await self._call("POST", account, node_path(account.ig_user_id, "media"), params)
        return created_id(body, "POST")

    async def _call(
        self, method: Method, account: InstagramAccount, path: str, params: Params
    ) -> dict[str, Any]:
        return await self._graph.call(method, account, path, params, refused="the post")


def _caption_key(caption: object) -> str:
    return caption.strip() if isinstance(caption, str) else ""
