"""The Instagram Graph API endpoints Autopost uses, served from memory.

Paths work with or without a version prefix (``/v24.0/{ig-user-id}/media``). Every answer,
error or not, carries Meta's usage headers; every error is Graph-shaped (see ``graph_errors``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.faults import Fault
from autopost.sandbox.graph_errors import GraphError, unknown_path, unsupported_request
from autopost.sandbox.graph_request import GraphCall, read_call
from autopost.sandbox.graph_usage import account_limit_reached, app_limit_reached
from autopost.sandbox.graph_values import parse_fields
from autopost.sandbox.instagram_access import account_for
from autopost.sandbox.instagram_containers import create_container
from autopost.sandbox.instagram_fields import (
    render_container,
    render_media,
    render_publishing_limit,
    render_user,
)
from autopost.sandbox.instagram_listing import list_media
from autopost.sandbox.instagram_publishing import publish, quota_usage
from autopost.sandbox.instagram_state import Account, Media, ProductType
from autopost.sandbox.platform_calls import answer_platform_call
from autopost.sandbox.runtime import Sandbox

USER_EDGES = frozenset({"media", "media_publish", "content_publishing_limit", "stories"})
MEDIA_EDGES = frozenset({"children"})
STORY_LIFETIME = timedelta(hours=24)

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

    def answer(self) -> Response:
        self.now = self.clock.now()  # later than arrival when a fault delayed the call
        account_id: str | None = None
        try:
            self._count_app_call()
            if not self.call.segments:
                raise unknown_path("/")
            account = self._account()
            account_id = account.ig_user_id
            self._count_account_call(account_id)
            response: Response = JSONResponse(self._dispatch(account))
        except GraphError as error:
            response = error.response()
        return self._with_usage(response, account_id)

    def refuse(self, fault: Fault) -> Response:
        return self._with_usage(fault.graph_error().response(), None)

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
            self.instagram.state, self.call.token, self.call.method, segments[0], names_a_user
        )

    def _dispatch(self, account: Account) -> Payload:
        state = self.instagram.state
        object_id, *edges = self.call.segments
        if len(edges) > 1:
            raise unknown_path("/" + "/".join(edges))
        edge = edges[0] if edges else None
        if object_id in state.accounts:
            routes = self._user_routes(account)
        elif object_id in state.media:
            routes = self._media_routes(state.media[object_id])
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
            return {"id": container.id}

        def publish_container() -> Payload:
            arrived = self.call.arrived_at
            media = publish(state, account, params, self.now, arrived, settings.quota_total)
            return {"id": media.id}

        def publishing_limit() -> Payload:
            used = quota_usage(account, self.now)
            limit = render_publishing_limit(
                used, settings.quota_total, parse_fields(fields, "quota_usage")
            )
            return {"data": [limit]}

        def listing(include: Callable[[Media], bool]) -> Callable[[], Payload]:
            return lambda: list_media(state, params, self.request.url, include)

        def feed(media: Media) -> bool:
            return (
                media.owner == account.ig_user_id
                and media.parent_id is None
                and media.product != ProductType.STORY
            )

        def story(media: Media) -> bool:
            return (
                media.owner == account.ig_user_id
                and media.product == ProductType.STORY
                and self.now - media.timestamp < STORY_LIFETIME
            )

        return {
            ("GET", None): lambda: render_user(state, account, parse_fields(fields)),
            ("POST", "media"): create,
            ("GET", "media"): listing(feed),
            ("POST", "media_publish"): publish_container,
            ("GET", "content_publishing_limit"): publishing_limit,
            ("GET", "stories"): listing(story),
        }

    def _media_routes(self, media: Media) -> dict[tuple[str, str | None], Callable[[], Payload]]:
        state = self.instagram.state
        selections = parse_fields(self.call.params.get("fields"))

        def children() -> Payload:
            return {
                "data": [render_media(state, state.media[c], selections) for c in media.children]
            }

        return {
            ("GET", None): lambda: render_media(state, media, selections),
            ("GET", "children"): children,
        }

    def _container_routes(
        self, container_id: str
    ) -> dict[tuple[str, str | None], Callable[[], Payload]]:
        container = self.instagram.state.containers[container_id]
        selections = parse_fields(self.call.params.get("fields"))
        return {("GET", None): lambda: render_container(container, selections, self.now)}
