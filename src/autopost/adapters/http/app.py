"""The ASGI app, built from the areas of the composition root: each route module is handed the
use cases it declares it needs (``app_services.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from autopost.adapters.http import (
    approval,
    audit,
    best_times,
    credentials,
    google_sign_in,
    groups,
    health,
    home,
    insights,
    instagram_connect,
    integration_keys,
    library,
    media,
    pinterest,
    posts,
    queues,
    reports,
    series,
    sign_in,
    token_auth,
    users,
    webhooks,
)
from autopost.adapters.http.app_services import AppServices, hand_out
from autopost.adapters.http.csrf import CsrfProtection
from autopost.adapters.http.edge import BodyLimit, HttpEdge
from autopost.adapters.http.i18n import DEFAULT_LANGUAGE
from autopost.adapters.http.idempotency import IdempotencyKeys
from autopost.adapters.http.metrics_endpoint import MetricsEndpoint
from autopost.adapters.http.not_set_up import not_set_up
from autopost.adapters.http.openapi import routes as openapi
from autopost.adapters.http.pages import library_pages
from autopost.adapters.http.pages import routes as pages
from autopost.adapters.http.request_id import RequestId
from autopost.adapters.http.response_headers import ResponseHeaders
from autopost.adapters.http.responses import (
    database_conflict,
    domain_error,
    error,
    http_error,
    platform_error,
    unauthenticated,
)
from autopost.adapters.http.session_auth import TokenOrSessionBackend
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.errors import DomainError, NotSetUp

# The desk's scripts and stylesheets, served by Autopost itself (``response_headers``).
STATIC = Path(__file__).parent / "static"
PUBLIC_API_PATHS = frozenset({token_auth.PATH, openapi.SCHEMA_PATH, openapi.DOCS_PATH})


class RequireAuthentication:
    """Every ``/api/`` route but the token endpoint needs a signed-in user."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] == "http"
            and path.startswith("/api/")
            and path not in PUBLIC_API_PATHS
            and not scope["user"].is_authenticated
        ):
            response = error(401, "Authentication credentials were not provided.")
            response.headers["WWW-Authenticate"] = "Token"
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(
    areas: AppServices,
    on_shutdown: Callable[[], Awaitable[None]] | None = None,
    on_startup: Callable[[], Awaitable[None]] | None = None,
    language: str = DEFAULT_LANGUAGE,
    edge: HttpEdge | None = None,
    readiness: health.ReadinessServices | None = None,
) -> Starlette:
    """``areas``: the composition root's areas, each route module handed its use cases from
    them. ``language``: of messages, for a client that does not ask for one it has. ``edge``:
    the hosts answered, the body limit and the public address (the settings' in a real
    server). ``readiness``: what ``/readyz`` asks (the operations area); without it, the app
    answers that it is not ready."""
    edge = edge or HttpEdge()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if on_startup is not None:
            await on_startup()
        yield
        if on_shutdown is not None:
            await on_shutdown()

    app = Starlette(
        routes=[
            *home.routes,
            *health.routes,
            *token_auth.routes,
            *posts.routes,
            *approval.routes,
            *series.routes,
            *credentials.routes,
            *queues.routes,
            *best_times.routes,
            *reports.routes,
            *pinterest.routes,
            *media.routes,
            *insights.routes,
            *instagram_connect.routes,
            *integration_keys.routes,
            *users.routes,
            *groups.routes,
            *audit.routes,
            *webhooks.routes,
            *library.routes,
            *sign_in.routes,
            *google_sign_in.routes,
            *pages.routes,
            *openapi.routes,
            Mount("/static", app=StaticFiles(directory=STATIC, packages=None), name="static"),
        ],
        middleware=[
            Middleware(RequestId),
            Middleware(ResponseHeaders),
            # Before the hosts are checked: Prometheus scrapes each process at its own address.
            Middleware(MetricsEndpoint, token=edge.metrics_token),
            Middleware(TrustedHostMiddleware, allowed_hosts=edge.allowed_hosts, www_redirect=False),
            Middleware(
                BodyLimit,
                limit=edge.max_body_bytes,
                upload_limit=edge.max_upload_bytes,
                upload_paths=library.UPLOAD_PATHS | library_pages.UPLOAD_PATHS,
            ),
            Middleware(
                AuthenticationMiddleware,
                backend=TokenOrSessionBackend(areas.people()),
                on_error=unauthenticated,
            ),
            Middleware(RequireAuthentication),
            Middleware(
                CsrfProtection,
                upload_paths=library.UPLOAD_PATHS,
                form_checked_paths=library_pages.UPLOAD_PATHS,
            ),
            Middleware(IdempotencyKeys, services=areas.people()),
        ],
        exception_handlers={
            NotSetUp: not_set_up,
            DomainError: domain_error,
            PlatformError: platform_error,
            HTTPException: http_error,
            IntegrityError: database_conflict,
            StaleDataError: database_conflict,
        },
        lifespan=lifespan,
    )
    app.state.services = hand_out(areas)
    app.state.language = language
    app.state.edge = edge
    app.state.readiness = readiness
    return app
