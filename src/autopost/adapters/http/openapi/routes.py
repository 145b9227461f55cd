"""``/api/schema/`` and ``/api/docs/``: public, like the token endpoint."""

from __future__ import annotations

from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.openapi.docs_page import render_docs_page
from autopost.adapters.http.openapi.document import api_document
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.session_cookies import SignInSettings


class DocumentServices(Protocol):
    def sign_in_settings(self) -> SignInSettings: ...


services = ServicesOf[DocumentServices]("openapi")

SCHEMA_PATH = "/api/schema/"
DOCS_PATH = "/api/docs/"


def _document(request: Request) -> dict[str, Any]:
    return api_document(debug=services(request).sign_in_settings().debug)


async def schema(request: Request) -> Response:
    return JSONResponse(_document(request))


async def docs(request: Request) -> Response:
    return HTMLResponse(render_docs_page(_document(request)))


routes = [
    Route(SCHEMA_PATH, schema, methods=["GET"]),
    Route(DOCS_PATH, docs, methods=["GET"]),
]
