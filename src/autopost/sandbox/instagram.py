"""The Instagram Graph API endpoints Autopost uses, served from memory.

Paths work with or without a version prefix (``/v24.0/{ig-user-id}/media``). Every answer,
error or not, carries Meta's usage headers; every error is Graph-shaped (see ``graph_errors``).
Instagram Login's token endpoints (``/access_token``, ``/refresh_access_token``) are served here
too, as ``graph.instagram.com`` serves them beside the Graph API.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.faults import ACCOUNT_LIMITS, Fault
from autopost.sandbox.graph_errors import GraphError, unknown_path, unsupported_request
from autopost.sandbox.graph_request import GraphCall, graph_root, read_call
from autopost.sandbox.graph_usage import (
    account_limit_reached,
    app_limit_reached,
    limit_reached_headers,
)
from autopost.sandbox.graph_values import parse_fields
from autopost.sandbox.instagram_access import account_for
from autopost.sandbox.instagram_comment_edges import CommentEdges
from autopost.sandbox.instagram_containers import create_container
from autopost.sandbox.instagram_fields import (
    render_container,
    render_publishing_limit,
    render_user,
)
from autopost.sandbox.instagram_insights import media_insights, user_insights
from autopost.sandbox.instagram_listing import list_media
from autopost.sandbox.instagram_login import answer_login_call, is_login_call
from autopost.sandbox.instagram_media_fields import NodeRenderer
from autopost.sandbox.instagram_publishing import publish, quota_usage
from autopost.sandbox.instagram_rupload import rupload_uri
from autopost.sandbox.instagram_state import Account, Media
from autopost.sandbox.platform_calls import answer_platform_call
from autopost.sandbox.runtime import Sandbox

USER_EDGES = frozenset(
    {"media", "media_publish", "content_publishing_limit", "stories", "insights"}
)
STORY_LIFETIME = timedelta(hours=24)
_MICROSECOND = timedelta(microseconds=1)

Payload = dict[str, Any]


def graph_routes(sandbox: Sandbox) -> list[Route]:
    async def endpoint(request: Request) -> Response:
        call = await read_call(request, sandbox.clock.now())
        graph = InstagramGraph(sandbox, call, request)
        return await answer_platform_call(
            sandbox, call.method, call.path, call.params, graph.answer, graph.refuse
        )

    return [Route("/{path:path}", endpoint, methods=["GET", "POST", "DELETE"])]


class InstagramGraph:
    """One Graph call, answered against the sandbox's state."""

    def __init__(self, sandbox: Sandbox, call: GraphCall, request: Request) -> None:
        self.clock = sandbox.clock
        self.instagram = sandbox.instagram
        self.call = call
        self.request = request
        self.now = call.arrived_at
        self.renderer = NodeRenderer(sandbox.instagram.state, graph_root(request.url))

    def answer(self) -> Response:
        self.now = self.clock.now()  # later than arrival when a fault delayed the call
        account_id: str | None = None
        try:
            self._count_app_call()
            if not self.call.segments:
                raise unknown_path("/")
            if is_login_call(self.call.segments):
                secret = self.instagram.settings.app_secret
                payload = answer_login_call(self.instagram.state, self.call, secret, self.now)
            else:
                account = self._account()
                account_id = account.ig_user_id
                self._count_account_call(account_id)
                payload = self._dispatch(account)
            response: Response = JSONResponse(payload)
        except GraphError as error:
            response = error.response()
        return self._with_usage(response, account_id)

    def refuse(self, fault: Fault) -> Response:
        response = self._with_usage(fault.graph_error().response(), None)
        if fault.limits_rate:
            # Meta's usage headers say which limit was reached, and for how long.
            first = self.call.segments[0] if self.call.segments else None
            account = first if first in self.instagram.state.accounts else None
            minutes = math.ceil(fault.seconds / 60)
            account_wide = fault.code in ACCOUNT_LIMITS
            response.headers.update(limit_reached_headers(account_wide, account, minutes))
        return response

    def _with_usage(self, response: Response, account_id: str | None) -> Response:
        settings = self.instagram.settings
        response.headers.update(
            self.instagram.usage.headers(
                self.now, settings.app_call_limit, settings.account_call_limit, account_id
            )
        )
        return response

    def _count_app_call(self) -> None:
        usage = self.instagram.usage
        usage.app.record(self.now)
        if usage.app.count(self.now) > self.instagram.settings.app_call_limit:
            raise app_limit_reached()

    def _count_account_call(self, account_id: str) -> None:
        window = self.instagram.usage.account(account_id)
        window.record(self.now)
        if window.count(self.now) > self.instagram.settings.account_call_limit:
            raise account_limit_reached()

    def _account(self) -> Account:
        segments = self.call.segments
        names_a_user = len(segments) == 1 or segments[1] in USER_EDGES
        return account_for(
            self.instagram.state,
            self.call.token,
            self.call.method,
            segments[0],
            names_a_user,
            self.now,
        )

    def _dispatch(self, account: Account) -> Payload:
        state = self.instagram.state
        object_id, *edges = self.call.segments
        if len(edges) > 1:
            raise unknown_path("/" + "/".join(edges))
        edge = edges[0] if edges else None
        comment = state.comments.get(object_id)
        if object_id in state.accounts:
            routes = self._user_routes(account)
        elif object_id in state.media:
            routes = self._media_routes(account, state.media[object_id])
        elif comment is not None:
            routes = self._comment_edges(account).on_comment(comment)
        else:
            routes = self._container_routes(object_id)
        handler = routes.get((self.call.method, edge))
        if handler is not None:
            return handler()
        if edge is None or any(known == edge for _, known in routes):
            raise unsupported_request(self.call.method, object_id)
        raise unknown_path(f"/{edge}")

    def _user_routes(self, account: Account) -> dict[tuple[str, str | None], Callable[[], Payload]]:
        state, settings, params = self.instagram.state, self.instagram.settings, self.call.params
        fields = params.get("fields")

        def create() -> Payload:
            processing = timedelta(seconds=settings.video_processing_seconds)
            container = create_container(state, account.ig_user_id, params, self.now, processing)
            if container.awaiting_upload:
                origin = f"{self.request.url.scheme}://{self.request.url.netloc}"
                return {"id": container.id, "uri": rupload_uri(origin, container.id)}
            return {"id": container.id}

        def publish_container() -> Payload:
            arrived = self.call.arrived_at
            media = publish(
                state,
                account,
                params,
                self.now,
                arrived,
                settings.quota_total,
                refuse_second_publish=settings.refuse_second_publish,
            )
            return {"id": media.id}

        def publishing_limit() -> Payload:
            used = quota_usage(account, self.now)
            limit = render_publishing_limit(
                used, settings.quota_total, parse_fields(fields, "quota_usage")
            )
            return {"data": [limit]}

        def feed() -> Payload:
            return list_media(self.renderer, account.feed, params, self.request.url)

        def stories() -> Payload:
            # A story is listed for 24 hours after it was published.
            live_from = self.now - STORY_LIFETIME + _MICROSECOND
            return list_media(self.renderer, account.stories, params, self.request.url, live_from)

        return {
            ("GET", None): lambda: render_user(account, parse_fields(fields), self.now),
            ("POST", "media"): create,
            ("GET", "media"): feed,
            ("POST", "media_publish"): publish_container,
            ("GET", "content_publishing_limit"): publishing_limit,
            ("GET", "stories"): stories,
            ("GET", "insights"): lambda: user_insights(account, params, self.now),
        }

    def _media_routes(
        self, account: Account, media: Media
    ) -> dict[tuple[str, str | None], Callable[[], Payload]]:
        state, renderer = self.instagram.state, self.renderer

        def read() -> Payload:
            return renderer.media(media, parse_fields(self.call.params.get("fields")))

        def children() -> Payload:
            selections = parse_fields(self.call.params.get("fields"))
            return {"data": [renderer.media(state.media[c], selections) for c in media.children]}

        def insights() -> Payload:
            return media_insights(media, self.call.params, self.now)

        return {
            ("GET", None): read,
            ("GET", "children"): children,
            ("GET", "insights"): insights,
            **self._comment_edges(account).on_media(media),
        }

    def _comment_edges(self, account: Account) -> CommentEdges:
        return CommentEdges(self.renderer, account, self.call.params, self.request.url, self.now)

    def _container_routes(
        self, container_id: str
    ) -> dict[tuple[str, str | None], Callable[[], Payload]]:
        container = self.instagram.state.containers[container_id]
        selections = parse_fields(self.call.params.get("fields"))
        return {("GET", None): lambda: render_container(container, selections, self.now)}
