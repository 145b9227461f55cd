"""Signing in with Google: ``/accounts/google-oauth/`` sends the browser to Google, and
``/accounts/google-oauth-callback/`` brings it back signed in. The earlier service's demo, test and
debug pages are development aids: they exist only when ``AUTOPOST_DEBUG`` is on, and show only
Google's non-secret settings."""

from __future__ import annotations

import hmac
from html import escape
from typing import Protocol

from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from autopost.adapters.http.i18n import localized
from autopost.adapters.http.responses import error
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.session_cookies import (
    SignInSettings,
    client_ip,
    cookies_are_secure,
    set_session_cookies,
)
from autopost.application.oauth.states import STATE_LIFETIME, state_digest
from autopost.application.people.google_sign_in import FinishGoogleSignIn, StartGoogleSignIn
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.oauth_state import StateProblem, StateRejected


class GoogleSignInServices(Protocol):
    def finish_google_sign_in(self) -> FinishGoogleSignIn: ...
    def sign_in_settings(self) -> SignInSettings: ...
    def start_google_sign_in(self) -> StartGoogleSignIn: ...


services = ServicesOf[GoogleSignInServices]("google_sign_in")

START_PATH = "/accounts/google-oauth/"
CALLBACK_PATH = "/accounts/google-oauth-callback/"
SIGNED_IN_PATH = "/accounts/"
STATE_COOKIE = "autopost_google_state"

DEBUG_PAGES = {
    "/accounts/google-oauth-demo/": (
        "Google sign-in: demo",
        "Signing in with Google, as a person would.",
    ),
    "/accounts/google-oauth-test/": (
        "Google sign-in: test",
        "Check the settings below, then try the flow.",
    ),
    "/accounts/oauth-debug/": (
        "Google sign-in: diagnostics",
        "What Autopost sends to Google. The client secret is never shown.",
    ),
}


def _bind_state(
    response: Response, conn: HTTPConnection, settings: SignInSettings, state: str
) -> None:
    """Ties the state to this browser (login CSRF: someone else's consent link, opened here,
    must not sign this browser in as them). The cookie holds the state's digest; it is sent
    only to the callback (SameSite=Lax lets Google's redirect, a top-level GET, carry it)
    and lives as long as the state."""
    response.set_cookie(
        STATE_COOKIE,
        state_digest(state),
        max_age=int(STATE_LIFETIME.total_seconds()),
        path=CALLBACK_PATH,
        secure=cookies_are_secure(conn, settings),
        httponly=True,
        samesite="lax",
    )


def _state_is_bound(conn: HTTPConnection, state: str) -> bool:
    bound = conn.cookies.get(STATE_COOKIE, "")
    return hmac.compare_digest(bound.encode(), state_digest(state).encode())


def _unbind_state(response: Response, conn: HTTPConnection, settings: SignInSettings) -> None:
    response.delete_cookie(
        STATE_COOKIE,
        path=CALLBACK_PATH,
        secure=cookies_are_secure(conn, settings),
        httponly=True,
        samesite="lax",
    )


async def start(request: Request) -> Response:
    consent = await services(request).start_google_sign_in().execute()
    response = RedirectResponse(consent.url, status_code=302)
    _bind_state(response, request, services(request).sign_in_settings(), consent.state)
    return response


async def callback(request: Request) -> Response:
    """Any failure is a 400 that says why; never with the code, the state or a token. A state
    this browser did not start is refused before it is spent, and leaves the browser's own
    cookie (a sign-in it may have under way) alone; past that, the cookie is cleared."""
    params = request.query_params
    settings = services(request).sign_in_settings()
    state = params.get("state")
    if state and not _state_is_bound(request, state):
        return error(400, localized(request, StateProblem.OTHER_BROWSER.value))
    response = await _finish(request, settings)
    _unbind_state(response, request, settings)
    return response


async def _finish(request: Request, settings: SignInSettings) -> Response:
    params = request.query_params
    try:
        signed_in = (
            await services(request)
            .finish_google_sign_in()
            .execute(
                params.get("state"),
                params.get("code"),
                client_ip(request, settings),
                error=params.get("error"),
            )
        )
    except StateRejected as rejected:
        return error(400, localized(request, str(rejected)))
    except PlatformError as refused:
        return error(400, localized(request, refused.message))
    response = RedirectResponse(SIGNED_IN_PATH, status_code=302)
    set_session_cookies(response, request, settings, signed_in)
    return response


async def debug_page(request: Request) -> Response:
    settings = services(request).sign_in_settings()
    if not settings.debug:
        return error(404, "Not found.")
    title, intro = DEBUG_PAGES[request.url.path]
    rows = "".join(
        f"<tr><th scope='row'>{escape(name)}</th><td><code>{escape(value)}</code></td></tr>"
        for name, value in settings.google.items()
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body><main>
<h1>{escape(title)}</h1>
<p>{escape(intro)}</p>
<table><caption>Google sign-in settings</caption>{rows}</table>
<p><a href="{START_PATH}">Sign in with Google</a></p>
</main></body></html>"""
    return HTMLResponse(page)


routes = [
    Route(START_PATH, start, methods=["GET"]),
    Route(CALLBACK_PATH, callback, methods=["GET"]),
    *(Route(path, debug_page, methods=["GET"]) for path in DEBUG_PAGES),
]
