"""CSRF protection for requests signed in by the session cookie.

A browser sends the cookie with any request to Autopost, including one a page elsewhere makes
it send. So an unsafe request (POST, PUT, PATCH, DELETE) signed in by the cookie must also
carry the session's CSRF token, which only Autopost's own pages can read: in the
``X-CSRFToken`` header or the ``csrfmiddlewaretoken`` form field. A request signed in by an
``Authorization`` header needs none (a page elsewhere cannot make a browser send that header),
nor does an anonymous one (there is nothing of anyone's to act on).

The JSON sign-in endpoint needs none either: it is what makes the session, and it takes only
``application/json``. The other ``/accounts/api/`` JSON endpoints need none when their body is
``application/json``: a page elsewhere cannot send that. An HTML form can only send
``application/x-www-form-urlencoded``, ``multipart/form-data`` or ``text/plain``, and a script
sending ``application/json`` to another site must first ask it (a CORS preflight), which
Autopost never grants. The cookie's SameSite=Lax already keeps it off other sites' POSTs in
current browsers; this holds without it.
"""

from __future__ import annotations

import hmac

from starlette.datastructures import FormData, Headers
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from autopost.adapters.http.answers.errors import Error
from autopost.adapters.http.body_replay import replaying, whole_body
from autopost.adapters.http.session_auth import SessionUser

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HEADER = "x-csrftoken"
FORM_FIELD = "csrfmiddlewaretoken"
LOGIN_PATH = "/accounts/api/login/"
JSON_API_PREFIX = "/accounts/api/"
REFUSED = "CSRF token missing or incorrect."
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def media_type(headers: Headers) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


def is_json(headers: Headers) -> bool:
    return media_type(headers) == "application/json"


class CsrfProtection:
    """``upload_paths``: where a form may be a large file (the media library's upload); there
    the token is taken from the header only, never by reading the whole body into memory.
    ``form_checked_paths``: upload paths of a page's form, posted without scripts (so without
    the header): a body without the header is let through to the route, which reads the form
    (the file part to disk) and refuses it unless ``form_token_matches``."""

    def __init__(
        self,
        app: ASGIApp,
        upload_paths: frozenset[str] = frozenset(),
        form_checked_paths: frozenset[str] = frozenset(),
    ) -> None:
        self.app = app
        self.upload_paths = upload_paths | form_checked_paths
        self.form_checked_paths = form_checked_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        user = scope.get("user") if scope["type"] == "http" else None
        if not isinstance(user, SessionUser) or scope["method"] not in UNSAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path: str = scope["path"]
        if path == LOGIN_PATH or (path.startswith(JSON_API_PREFIX) and is_json(headers)):
            await self.app(scope, receive, send)
            return
        sent = headers.get(HEADER)
        if sent is None and path in self.form_checked_paths:
            await self.app(scope, receive, send)
            return
        if sent is None and media_type(headers) in FORM_TYPES and path not in self.upload_paths:
            sent, receive = await _form_token(scope, receive)
        if sent is None or not hmac.compare_digest(sent.encode(), user.csrf_token.encode()):
            refusal = Error(error=REFUSED).model_dump(mode="json")
            await JSONResponse(refusal, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def form_token_matches(request: Request, form: FormData) -> bool:
    """Whether a form posted to one of the ``form_checked_paths`` carries the session's token
    in its ``csrfmiddlewaretoken`` field (or needs none: not signed in by the session)."""
    user = request.scope.get("user")
    if not isinstance(user, SessionUser):
        return True
    sent = form.get(FORM_FIELD)
    return isinstance(sent, str) and hmac.compare_digest(sent.encode(), user.csrf_token.encode())


async def _form_token(scope: Scope, receive: Receive) -> tuple[str | None, Receive]:
    """The form's token, and a ``receive`` that gives the app the body again."""
    body = await whole_body(receive) or b""
    try:
        form = await Request(scope, replaying(body, receive)).form()
    except Exception:  # a form that cannot be read carries no token
        return None, replaying(body, receive)
    token = form.get(FORM_FIELD)
    await form.close()
    return (token if isinstance(token, str) else None), replaying(body, receive)
