"""Signing in with Google: ``/accounts/google-oauth/`` sends the browser to Google, and
``/accounts/google-oauth-callback/`` brings it back signed in. The seed's demo, test and
debug pages are development aids: they exist only when ``AUTOPOST_DEBUG`` is on, and show only
Google's non-secret settings."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from autopost.adapters.http.i18n import localized
from autopost.adapters.http.request_body import services
from autopost.adapters.http.responses import error
from autopost.adapters.http.session_cookies import client_ip, set_session_cookies
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.oauth_state import StateRejected

START_PATH = "/accounts/google-oauth/"
CALLBACK_PATH = "/accounts/google-oauth-callback/"
SIGNED_IN_PATH = "/accounts/"

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


async def start(request: Request) -> Response:
    url = await services(request).start_google_sign_in().execute()
    return RedirectResponse(url, status_code=302)


async def callback(request: Request) -> Response:
    """Any failure is a 400 that says why; never with the code, the state or a token."""
    params = request.query_params
    settings = services(request).sign_in_settings()
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
