"""``/api/schema/`` and ``/api/docs/``: public, like the token endpoint."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.openapi.docs_page import render_docs_page
from autopost.adapters.http.openapi.document import api_document

SCHEMA_PATH = "/api/schema/"
DOCS_PATH = "/api/docs/"


async def schema(request: Request) -> Response:
    return JSONResponse(api_document())


async def docs(request: Request) -> Response:
    return HTMLResponse(render_docs_page(api_document()))


routes = [
    Route(SCHEMA_PATH, schema, methods=["GET"]),
    Route(DOCS_PATH, docs, methods=["GET"]),
]
