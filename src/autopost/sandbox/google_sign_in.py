"""Google's sign-in, emulated: the consent page, the token endpoint and OpenID Connect's userinfo,
mounted at ``/google``.

``GET /google/o/oauth2/v2/auth`` stands in for https://accounts.google.com/o/oauth2/v2/auth: a
page where the person approves (a form posting back) or cancels; ``approve=1`` (or ``deny=1``)
in the query answers at once, for tests. It redirects to ``redirect_uri`` with ``code`` and
``state``, or ``error=access_denied``. A request it cannot send back (an unknown client, no
http(s) ``redirect_uri``, no ``scope``) gets an error page, as Google shows one.

``POST /google/token`` stands in for https://oauth2.googleapis.com/token: the form's client id
and secret (or HTTP Basic), the code once, the same ``redirect_uri``, and the PKCE
``code_verifier`` whose S256 (or plain) transform is the challenge the code was issued for,
refused as Google refuses (``{"error": "invalid_grant", "error_description": ...}``). A code is
spent by any exchange that names its client, right or wrong. ``GET /google/userinfo`` stands in
for https://openidconnect.googleapis.com/v1/userinfo (Bearer).
"""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from autopost.sandbox.google_consent_page import consent_page, error_page
from autopost.sandbox.google_sign_in_state import (
    CODE_LIFETIME,
    SCOPE,
    GoogleCode,
    GoogleSignInSandbox,
)
from autopost.sandbox.google_token_answer import token_answer

AUTH_PATH = "/o/oauth2/v2/auth"
NO_CLIENT = "Could not determine client ID from request."
CHALLENGE_METHODS = ("plain", "S256")


def google_sign_in_routes(google: GoogleSignInSandbox) -> list[Route]:
    async def consent(request: Request) -> Response:
        params = dict(request.query_params)
        if request.method == "POST":
            form = await request.form()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
        problem = _consent_problem(google, params)
        if problem:
            return error_page(problem)
        if params.get("response_type") != "code":
            return _back(params, {"error": "unsupported_response_type"})
        if params.get("deny") in ("1", "true"):
            return _back(params, {"error": "access_denied"})
        if params.get("approve") not in ("1", "true"):
            return HTMLResponse(consent_page(google.account, params))
        code = GoogleCode(
            client_id=params["client_id"],
            redirect_uri=params["redirect_uri"],
            code_challenge=params.get("code_challenge") or None,
            challenge_method=params.get("code_challenge_method") or "plain",
            account=google.account,
            expires_at=google.clock.now() + CODE_LIFETIME,
        )
        answer = {"code": google.new_code(code), "scope": SCOPE, "authuser": "0"}
        return _back(params, answer)

    async def token(request: Request) -> Response:
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        basic = _basic(request.headers.get("authorization", ""))
        client_id = form.get("client_id") or basic[0]
        if not client_id:
            return _oauth_error(400, "invalid_request", NO_CLIENT)
        if client_id != google.client_id:
            return _oauth_error(401, "invalid_client", "The OAuth client was not found.")
        if (form.get("client_secret") or basic[1]) != google.client_secret:
            return _oauth_error(401, "invalid_client", "Unauthorized")
        grant_type = form.get("grant_type", "")
        if grant_type != "authorization_code":
            return _oauth_error(400, "unsupported_grant_type", f"Invalid grant_type: {grant_type}")
        for name in ("code", "redirect_uri"):
            if not form.get(name):
                return _oauth_error(400, "invalid_request", f"Missing required parameter: {name}")
        code = google.codes.get(form["code"])
        if code is None or code.used or code.expires_at <= google.clock.now():
            return _oauth_error(400, "invalid_grant", "Bad Request")
        code.used = True
        if code.client_id != client_id:
            return _oauth_error(400, "invalid_grant", "Bad Request")
        if code.redirect_uri != form["redirect_uri"]:
            return _oauth_error(400, "redirect_uri_mismatch", "Bad Request")
        if code.code_challenge is not None:
            verifier = form.get("code_verifier")
            if not verifier:
                return _oauth_error(400, "invalid_grant", "Missing code verifier.")
            if not code.verifies(verifier):
                return _oauth_error(400, "invalid_grant", "Invalid code verifier.")
        return token_answer(google, code)

    async def userinfo(request: Request) -> Response:
        scheme, _, access_token = request.headers.get("authorization", "").partition(" ")
        account = google.account_of(access_token.strip()) if scheme.lower() == "bearer" else None
        if account is None:
            return JSONResponse(
                {"error": "invalid_request", "error_description": "Invalid Credentials"},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'},
            )
        return JSONResponse(account.userinfo())

    return [
        Route(AUTH_PATH, consent, methods=["GET", "POST"]),
        Route("/token", token, methods=["POST"]),
        Route("/userinfo", userinfo, methods=["GET"]),
    ]


def _consent_problem(google: GoogleSignInSandbox, params: dict[str, str]) -> str | None:
    if params.get("client_id") != google.client_id:
        return "Error 401: invalid_client. The OAuth client was not found."
    parts = urlsplit(params.get("redirect_uri", ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "Error 400: redirect_uri_mismatch. redirect_uri must be an http(s) URL."
    if not params.get("scope"):
        return "Error 400: invalid_request. Missing required parameter: scope"
    method = params.get("code_challenge_method")
    if method and method not in CHALLENGE_METHODS:
        return "Error 400: invalid_request. Invalid code_challenge_method value."
    if method and not params.get("code_challenge"):
        return "Error 400: invalid_request. Missing required parameter: code_challenge"
    return None


def _back(params: dict[str, str], answer: dict[str, str]) -> Response:
    if "state" in params:
        answer["state"] = params["state"]
    target = URL(params["redirect_uri"]).include_query_params(**answer)
    return RedirectResponse(str(target), status_code=302)


def _basic(header: str) -> tuple[str, str]:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return "", ""
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except ValueError:
        return "", ""
    client_id, _, secret = decoded.partition(":")
    return client_id, secret


def _oauth_error(status: int, error: str, description: str) -> Response:
    body = {"error": error, "error_description": description}
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})
