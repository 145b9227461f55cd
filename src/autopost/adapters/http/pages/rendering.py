"""Rendering a page: the template, and what every page shows (who is signed in, the CSRF
token its forms repeat, the language). A page speaks the request's language (``language``:
the API's rule): its template's ``_()``/``ngettext()`` and the ``words`` filter (for words a
page module hands it) use that language's catalogue, and the ``dated`` filter writes month
and weekday names in it."""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from autopost.adapters.http.auth import AuthenticatedUser
from autopost.adapters.http.i18n import language
from autopost.adapters.http.page_dates import date_words
from autopost.adapters.http.page_language import PageWords, page_words
from autopost.adapters.http.session_auth import SessionUser
from autopost.adapters.http.session_cookies import CSRF_COOKIE

TEMPLATES = Path(__file__).parent.parent / "templates" / "accounts"
# The publishing desk's pages; they extend the same ``base.html``.
DESK_TEMPLATES = TEMPLATES.parent / "desk"
LOGIN_PAGE = "/accounts/login/"


@cache
def _environment(lang: str) -> Environment:
    """One environment per language: the gettext callables are the environment's globals,
    and each keeps its own compiled templates."""
    loader = FileSystemLoader([TEMPLATES, DESK_TEMPLATES])
    environment = Environment(
        loader=loader, autoescape=select_autoescape(), extensions=["jinja2.ext.i18n"]
    )
    words = page_words(lang)
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        words.gettext, words.ngettext, newstyle=True
    )
    # Words that come from Python (labels, notices, advice): looked up, never marked safe,
    # so text that is not in the catalogue is escaped as any other value.
    environment.filters["words"] = words.gettext
    environment.filters["dated"] = date_words(lang).strftime
    return environment


def words_of(request: Request) -> PageWords:
    """The page's words for this request, for a page module that words something itself."""
    return page_words(language(request))


def signed_in(request: Request) -> AuthenticatedUser | None:
    user = request.user
    return user if isinstance(user, AuthenticatedUser) else None


def csrf_token(request: Request) -> str:
    """The session's token; before sign-in, the one the ``csrftoken`` cookie holds (or a new
    one, which ``render`` puts in that cookie): the sign-in form repeats it."""
    user = request.user
    if isinstance(user, SessionUser):
        return user.csrf_token
    existing = request.cookies.get(CSRF_COOKIE)
    if existing:
        return existing
    token: str = request.scope.setdefault("autopost.new_csrf", secrets.token_urlsafe(32))
    return token


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    lang = page_words(language(request)).language
    page = (
        _environment(lang)
        .get_template(template)
        .render(
            request=request,
            user=signed_in(request),
            csrf_token=csrf_token(request),
            lang=lang,
            **context,
        )
    )
    response = HTMLResponse(page, status_code=status)
    fresh = request.scope.get("autopost.new_csrf")
    if fresh:
        response.set_cookie(CSRF_COOKIE, fresh, path="/", httponly=False, samesite="lax")
    # Cache-Control, the content security policy and the framing refusal: response_headers.
    return response


def to_login(request: Request) -> Response:
    return RedirectResponse(f"{LOGIN_PAGE}?next={quote(request.url.path)}", status_code=303)


def back_to(path: str) -> Response:
    """After a form is handled: the page again, by GET (so that reloading does not post)."""
    return RedirectResponse(path, status_code=303)
