"""Who a request is: ``Authorization: Token <key>``, or else the ``autopost_session`` cookie."""

from __future__ import annotations

from typing import Protocol

from starlette.authentication import AuthCredentials, AuthenticationBackend, BaseUser
from starlette.requests import HTTPConnection

from autopost.adapters.http.auth import AuthenticatedUser, TokenAuthBackend, TokenAuthServices
from autopost.adapters.http.session_cookies import SESSION_COOKIE
from autopost.application.people.sessions import AuthenticateSession, SessionPrincipal
from autopost.domain.errors import AuthenticationFailed


class SessionAuthServices(TokenAuthServices, Protocol):
    def authenticate_session(self) -> AuthenticateSession: ...


class SessionUser(AuthenticatedUser):
    """Signed in by the session cookie: its unsafe requests must carry ``csrf_token``."""

    def __init__(self, principal: SessionPrincipal) -> None:
        super().__init__(principal)
        self.csrf_token = principal.csrf_token


class TokenOrSessionBackend(AuthenticationBackend):
    """A request with an ``Authorization`` header is judged by it alone (a wrong one is a 401
    anywhere); without one, the session cookie. A cookie that names no live session counts
    as no cookie: the request is anonymous, and ``/api/`` answers it 401."""

    def __init__(self, services: SessionAuthServices) -> None:
        self._services = services
        self._tokens = TokenAuthBackend(services)

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        if conn.headers.get("authorization"):
            return await self._tokens.authenticate(conn)
        raw = conn.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        try:
            principal = await self._services.authenticate_session().execute(raw)
        except AuthenticationFailed:
            return None
        return AuthCredentials(["authenticated", "session"]), SessionUser(principal)
