"""``/``: a person's browser is sent to sign in (and, signed in, shown the calendar); a
program gets a short index of where things are."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.service import Index
from autopost.adapters.http.negotiation import wants_page
from autopost.adapters.http.pages import calendar_pages

INDEX = Index(
    name="Autopost",
    documentation="/api/docs/",
    schema="/api/schema/",
    token="/api/v1/api-token-auth/",  # noqa: S106 (an address, not a password)
    posts="/api/v1/posts/",
    sign_in="/accounts/login/",
    health="/health/",
)


async def home(request: Request) -> Response:
    if wants_page(request):
        # Signed out: sent to sign in, and back here.
        return await calendar_pages.calendar(request)
    return JSONResponse(INDEX.model_dump(mode="json"))


routes = [Route("/", home, methods=["GET"])]
