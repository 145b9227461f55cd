"""The Pinterest emulator's routes, mounted at ``/pinterest``: the OAuth consent page stand-in
(``/pinterest/oauth/``, for ``https://www.pinterest.com/oauth/``) and the v5 API
(``/pinterest/v5``, for ``https://api.pinterest.com/v5``)."""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route

from autopost.sandbox.pinterest_api import PinterestApi
from autopost.sandbox.pinterest_edge import ApiHandler, api_endpoint, public_endpoint
from autopost.sandbox.pinterest_errors import method_not_allowed, not_found
from autopost.sandbox.pinterest_media import UPLOAD_PATH, PinterestMedia
from autopost.sandbox.pinterest_oauth import consent, token
from autopost.sandbox.pinterest_request import PinterestCall
from autopost.sandbox.pinterest_sandbox import PinterestSandbox
from autopost.sandbox.runtime import Sandbox

_ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def pinterest_routes(sandbox: Sandbox, pinterest: PinterestSandbox) -> list[BaseRoute]:
    media = PinterestMedia(pinterest)
    api = PinterestApi(pinterest, media)

    def route(path: str, handler: ApiHandler, method: str) -> Route:
        return Route(path, api_endpoint(sandbox, pinterest, handler), methods=[method])

    consent_page = public_endpoint(sandbox, consent(pinterest))
    known: list[BaseRoute] = [
        Route("/oauth", consent_page, methods=["GET"]),
        Route("/oauth/", consent_page, methods=["GET"]),
        Route("/v5/oauth/token", public_endpoint(sandbox, token(pinterest)), methods=["POST"]),
        route("/v5/user_account", api.user_account, "GET"),
        route("/v5/boards", api.list_boards, "GET"),
        route("/v5/boards/{board_id}", api.get_board, "GET"),
        route("/v5/boards/{board_id}/pins", api.list_board_pins, "GET"),
        route("/v5/boards/{board_id}/sections", api.list_board_sections, "GET"),
        route("/v5/boards/{board_id}/sections", api.create_board_section, "POST"),
        route("/v5/pins", api.list_pins, "GET"),
        route("/v5/pins", api.create_pin, "POST"),
        route("/v5/pins/{pin_id}/analytics", api.pin_analytics, "GET"),
        route("/v5/media", media.register, "POST"),
        route("/v5/media/{media_id}", media.get, "GET"),
        Route(UPLOAD_PATH + "{media_id}", media.receive_upload, methods=["POST"]),
    ]

    async def unknown(request: Request) -> Response:
        # Without this, Starlette answers a known path's wrong method in plain text.
        partial = any(r.matches(request.scope)[0] == Match.PARTIAL for r in known)
        error = method_not_allowed() if partial else not_found(request.url.path)

        def refuse(call: PinterestCall, now: datetime) -> Response:
            raise error

        return await public_endpoint(sandbox, refuse)(request)

    return [*known, Route("/{path:path}", unknown, methods=_ANY_METHOD)]
