"""``InstagramMediaGateway`` over httpx: an account's media and their comments on the Graph API."""

from __future__ import annotations

import logging

import httpx

from autopost.adapters.observability import metrics
from autopost.adapters.platforms.graph_answers import Json, next_cursor, node_path, objects
from autopost.adapters.platforms.graph_client import GraphClient, created_id
from autopost.adapters.platforms.graph_errors import unexpected_answer
from autopost.adapters.platforms.graph_throttle import UsageThrottle
from autopost.adapters.platforms.instagram_media_answers import (
    COMMENT_FIELDS,
    MEDIA_FIELDS,
    REPLY_FIELDS,
    remote_comment,
    remote_media,
)
from autopost.adapters.platforms.transport_errors import Method
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.instagram_media_gateway import (
    MediaPage,
    RemoteComment,
    RemoteMedia,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = 100  # comments and replies per page
COMMENT = "the comment"


class HttpxInstagramMediaGateway:
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

    async def media_page(
        self, account: InstagramAccount, after: str | None, limit: int
    ) -> MediaPage:
        params = {"fields": MEDIA_FIELDS, "limit": str(limit)}
        if after is not None:
            params["after"] = after
        path = node_path(account.ig_user_id, "media")
        page = await self._graph.call("GET", account, path, params)
        media: list[RemoteMedia] = []
        for item in objects(page.get("data")):
            read = remote_media(item)
            if read is None:
                _log_skipped("media", account.ig_user_id)
                continue
            media.append(read)
        metrics.SYNC_PAGES.labels("instagram").inc()
        metrics.SYNC_MEDIA.labels("instagram").inc(len(media))
        # Only the cursor: the ``next`` URL itself could carry a token.
        return MediaPage(tuple(media), next_cursor(page.get("paging")))

    async def comments(self, account: InstagramAccount, media_id: str) -> list[RemoteComment]:
        found: list[RemoteComment] = []
        for item in await self._every(account, node_path(media_id, "comments"), COMMENT_FIELDS):
            comment = remote_comment(item)
            if comment is None:
                _log_skipped("comment", media_id)
                continue
            found.append(comment)
            for reply_item in await self._replies(account, comment.comment_id, item):
                reply = remote_comment(reply_item, parent_id=comment.comment_id)
                if reply is None:
                    _log_skipped("reply", media_id)
                    continue
                found.append(reply)
        return found

    async def add_comment(self, account: InstagramAccount, media_id: str, text: str) -> str:
        path = node_path(media_id, "comments")
        body = await self._graph.call("POST", account, path, {"message": text}, COMMENT)
        return created_id(body, "POST")

    async def reply(self, account: InstagramAccount, comment_id: str, text: str) -> str:
        path = node_path(comment_id, "replies")
        body = await self._graph.call("POST", account, path, {"message": text}, COMMENT)
        return created_id(body, "POST")

    async def hide_comment(self, account: InstagramAccount, comment_id: str, hide: bool) -> None:
        params = {"hide": "true" if hide else "false"}
        body = await self._graph.call("POST", account, node_path(comment_id), params, COMMENT)
        _succeeded(body, "POST")

    async def delete_comment(self, account: InstagramAccount, comment_id: str) -> None:
        body = await self._graph.call("DELETE", account, node_path(comment_id), {}, COMMENT)
        _succeeded(body, "DELETE")

    async def _replies(self, account: InstagramAccount, comment_id: str, item: Json) -> list[Json]:
        """The replies that came with a comment, then the pages of them that did not fit."""
        embedded = item.get("replies")
        first = embedded if isinstance(embedded, dict) else {}
        replies = objects(first.get("data"))
        after = next_cursor(first.get("paging"))
        if after is not None:
            path = node_path(comment_id, "replies")
            replies += await self._every(account, path, REPLY_FIELDS, after)
        return replies

    async def _every(
        self, account: InstagramAccount, path: str, fields: str, after: str | None = None
    ) -> list[Json]:
        """Every item of an edge, page after page from ``after``."""
        items: list[Json] = []
        seen: set[str] = set()
        while True:
            params = {"fields": fields, "limit": str(PAGE_SIZE)}
            if after is not None:
                params["after"] = after
            page = await self._graph.call("GET", account, path, params)
            items += objects(page.get("data"))
            after = next_cursor(page.get("paging"))
            if after is None:
                return items
            if after in seen:  # a cursor that does not move on would page forever
                raise unexpected_answer("GET", "paging cursor that moves on")
            seen.add(after)


def _succeeded(body: Json, method: Method) -> None:
    if body.get("success") is not True:
        raise unexpected_answer(method, "success")


def _log_skipped(what: str, node: str) -> None:
    logger.warning("Graph %s of %s had no id, type or time: skipped", what, node)
