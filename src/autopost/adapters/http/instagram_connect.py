"""Connecting Instagram accounts with OAuth: Facebook Login or Instagram Login."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.accounts import AuthorizeUrl, InstagramConnected
from autopost.adapters.http.auth import acting
from autopost.adapters.http.connect_answers import connected, refused
from autopost.adapters.http.negotiation import wants_json
from autopost.adapters.http.responses import error
from autopost.adapters.http.serializers import credential_json
from autopost.adapters.http.services import ServicesOf
from autopost.application.instagram.connect import FinishInstagramConnect, StartInstagramConnect
from autopost.application.ports.instagram_login_gateway import InstagramLogin
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.errors import ValidationFailed
from autopost.domain.oauth_state import StateRejected


class InstagramConnectServices(Protocol):
    def finish_instagram_connect(self) -> FinishInstagramConnect: ...
    def start_instagram_connect(self) -> StartInstagramConnect: ...


services = ServicesOf[InstagramConnectServices]("instagram_connect")


async def authorize(request: Request) -> Response:
    """``?login=facebook`` (default: Instagram API with Facebook Login) or
    ``?login=instagram`` (Instagram API with Instagram Login)."""
    if not request.user.is_authenticated:
        return error(401, "Authentication credentials were not provided.")
    try:
        login = InstagramLogin(request.query_params.get("login", InstagramLogin.FACEBOOK.value))
    except ValueError:
        raise ValidationFailed({"login": ["Use facebook or instagram."]}) from None
    url = await services(request).start_instagram_connect().execute(acting(request), login)
    if wants_json(request):
        return JSONResponse(AuthorizeUrl(authorize_url=url).model_dump(mode="json"))
    return RedirectResponse(url, status_code=302)


async def callback(request: Request) -> Response:
    params = request.query_params
    try:
        credentials = (
            await services(request)
            .finish_instagram_connect()
            .execute(params.get("state"), params.get("code"), params.get("error"))
        )
    except PlatformError as failed:
        return refused(request, "Instagram", failed.message)
    except StateRejected as rejected:
        return refused(request, "Instagram", str(rejected))
    body = InstagramConnected(credentials=[credential_json(c) for c in credentials])
    return connected(request, "Instagram", credentials, body)


routes = [
    Route("/auth/instagram/authorize/", authorize, methods=["GET"]),
    Route("/auth/instagram/callback/", callback, methods=["GET"]),
]
