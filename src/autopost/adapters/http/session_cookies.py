"""The session's cookies: ``autopost_session`` (HttpOnly: scripts never read it) and
``csrftoken`` (readable, so a page's script can repeat it in ``X-CSRFToken``). Both SameSite=Lax,
Path=/, and Secure over HTTPS."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from attrs import field, frozen
from starlette.requests import HTTPConnection
from starlette.responses import Response

from autopost.application.people.sessions import SignedIn

SESSION_COOKIE = "autopost_session"
CSRF_COOKIE = "csrftoken"


@frozen
class SignInSettings:
    """``secure_cookies``: ``"auto"`` marks the cookies Secure when the request came over
    HTTPS. ``trust_proxy_headers``: believe ``X-Forwarded-Proto`` and ``X-Forwarded-For``
    (only behind a proxy that sets them). ``google``: Google's non-secret settings, which the
    debug pages show; never the client secret."""

    session_max_age_seconds: int = 14 * 24 * 3600
    secure_cookies: Literal["auto"] | bool = "auto"
    trust_proxy_headers: bool = False
    debug: bool = False
    google: Mapping[str, str] = field(factory=dict)


def is_https(conn: HTTPConnection, settings: SignInSettings) -> bool:
    if settings.trust_proxy_headers:
        forwarded = conn.headers.get("x-forwarded-proto", "")
        if forwarded:
            return forwarded.split(",")[0].strip().lower() == "https"
    return conn.url.scheme == "https"


def client_ip(conn: HTTPConnection, settings: SignInSettings) -> str:
    """The address a request came from. Behind a trusted proxy, the one it saw: the last of
    ``X-Forwarded-For`` (the ones before it are whatever the client chose to send)."""
    if settings.trust_proxy_headers:
        forwarded = [a.strip() for a in conn.headers.get("x-forwarded-for", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return conn.client.host if conn.client else "unknown"


def cookies_are_secure(conn: HTTPConnection, settings: SignInSettings) -> bool:
    """Whether Autopost's cookies are marked Secure on the answer to ``conn``."""
    if settings.secure_cookies == "auto":
        return is_https(conn, settings)
    return bool(settings.secure_cookies)


def set_session_cookies(
    response: Response, conn: HTTPConnection, settings: SignInSettings, signed_in: SignedIn
) -> None:
    secure = cookies_are_secure(conn, settings)
    for name, value, http_only in (
        (SESSION_COOKIE, signed_in.session, True),
        (CSRF_COOKIE, signed_in.csrf_token, False),
    ):
        response.set_cookie(
            name,
            value,
            max_age=settings.session_max_age_seconds,
            path="/",
            secure=secure,
            httponly=http_only,
            samesite="lax",
        )


def clear_session_cookies(
    response: Response, conn: HTTPConnection, settings: SignInSettings
) -> None:
    secure = cookies_are_secure(conn, settings)
    for name, http_only in ((SESSION_COOKIE, True), (CSRF_COOKIE, False)):
        response.delete_cookie(name, path="/", secure=secure, httponly=http_only, samesite="lax")
