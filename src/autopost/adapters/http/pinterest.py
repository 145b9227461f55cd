"""Connecting a Pinterest account (OAuth), and the boards cache of a connected account."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.accounts import AuthorizeUrl, PinterestConnected
from autopost.adapters.http.auth import acting
from autopost.adapters.http.connect_answers import connected, refused
from autopost.adapters.http.negotiation import wants_json
from autopost.adapters.http.request_body import path_id
from autopost.adapters.http.responses import error
from autopost.adapters.http.serializers import board_json, credential_json
from autopost.adapters.http.services import ServicesOf
from autopost.application.pinterest.board_settings import ListStoredSections
from autopost.application.pinterest.boards import RefreshBoards
from autopost.application.pinterest.connect import FinishPinterestConnect, StartPinterestConnect
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.oauth_state import StateRejected


class PinterestServices(Protocol):
    def finish_pinterest_connect(self) -> FinishPinterestConnect: ...
    def list_stored_sections(self) -> ListStoredSections: ...
    def refresh_boards(self) -> RefreshBoards: ...
    def start_pinterest_connect(self) -> StartPinterestConnect: ...


services = ServicesOf[PinterestServices]("pinterest")


async def authorize(request: Request) -> Response:
    """Sends the signed-in user to Pinterest's consent page; an API client that asks for
    JSON (``?format=json`` or ``Accept: application/json``) gets the address instead."""
    if not request.user.is_authenticated:
        return error(401, "Authentication credentials were not provided.")
    url = await services(request).start_pinterest_connect().execute(acting(request))
    if wants_json(request):
        return JSONResponse(AuthorizeUrl(authorize_url=url).model_dump(mode="json"))
    return RedirectResponse(url, status_code=302)


async def callback(request: Request) -> Response:
    params = request.query_params
    try:
        credential = (
            await services(request)
            .finish_pinterest_connect()
            .execute(params.get("state"), params.get("code"), params.get("error"))
        )
    except PlatformError as failed:
        return refused(request, "Pinterest", failed.message)
    except StateRejected as rejected:
        return refused(request, "Pinterest", str(rejected))
    body = PinterestConnected(credential=credential_json(credential))
    return connected(request, "Pinterest", [credential], body)


async def boards(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    refresh = request.query_params.get("refresh") in ("1", "true", "yes")
    found = (
        await services(request)
        .refresh_boards()
        .execute(acting(request), credential_id, refresh=refresh)
    )
    sections = (
        await services(request).list_stored_sections().execute(acting(request), credential_id)
    )
    return JSONResponse([board_json(b, sections).model_dump(mode="json") for b in found])


routes = [
    Route("/auth/pinterest/authorize/", authorize, methods=["GET"]),
    Route("/auth/pinterest/callback/", callback, methods=["GET"]),
    Route("/api/v1/credentials/{credential_id:int}/boards/", boards, methods=["GET"]),
]
