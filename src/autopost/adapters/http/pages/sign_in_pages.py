"""``/accounts/login/`` and ``/accounts/logout/``: the earlier sign-in form and sign-out."""

from __future__ import annotations

import hmac
from typing import Protocol

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from autopost.adapters.http.csrf import FORM_FIELD
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.pages.forms import UnstorableForm, local_path, read_form, text
from autopost.adapters.http.pages.rendering import LOGIN_PAGE, render, signed_in
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.session_cookies import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    SignInSettings,
    clear_session_cookies,
    client_ip,
    set_session_cookies,
)
from autopost.application.people.password_check import SignInRefused, SignInThrottled
from autopost.application.people.sessions import SignOut
from autopost.application.people.sign_in import SignIn


class SignInPageServices(Protocol):
    def sign_in(self) -> SignIn: ...
    def sign_in_settings(self) -> SignInSettings: ...
    def sign_out(self) -> SignOut: ...


services = ServicesOf[SignInPageServices]("sign_in_pages")


def _form_page(request: Request, status: int = 200, **context: object) -> Response:
    context.setdefault("next", local_path(request.query_params.get("next", "")))
    context.setdefault("login", "")
    google = bool(services(request).sign_in_settings().google.get("client_id"))
    return render(request, "login.html", status, google=google, **context)


async def login_page(request: Request) -> Response:
    if request.method == "GET":
        if signed_in(request) is not None:
            return RedirectResponse("/accounts/", status_code=303)
        return _form_page(request)
    try:
        form = await read_form(request)
    except UnstorableForm as refused:
        return _form_page(request, 400, problems=refused.errors)
    # Signed out, there is no session token to repeat: the form repeats the csrftoken
    # cookie's value instead (a page elsewhere can neither read that cookie nor set it).
    cookie, sent = request.cookies.get(CSRF_COOKIE, ""), text(form, FORM_FIELD)
    login, next_page = text(form, "username"), local_path(text(form, "next"))
    if not cookie or not hmac.compare_digest(cookie.encode(), sent.encode()):
        problems = {"non_field_errors": ["The form expired: sign in again."]}
        return _form_page(request, 403, problems=problems, login=login, next=next_page)
    settings = services(request).sign_in_settings()
    try:
        signed = (
            await services(request)
            .sign_in()
            .execute(login, text(form, "password"), client_ip(request, settings))
        )
    except SignInThrottled as throttled:
        problems = {"non_field_errors": [localized(request, throttled.message.value)]}
        return _form_page(request, 429, problems=problems, login=login, next=next_page)
    except SignInRefused as refused:
        problems = {"non_field_errors": [localized(request, refused.message.value)]}
        return _form_page(request, 400, problems=problems, login=login, next=next_page)
    response = RedirectResponse(next_page, status_code=303)
    set_session_cookies(response, request, settings, signed)
    return response


async def logout_page(request: Request) -> Response:
    """GET asks (a link must not sign anyone out); POST, with the CSRF token, signs out."""
    if request.method == "GET":
        if signed_in(request) is None:
            return RedirectResponse(LOGIN_PAGE, status_code=303)
        return render(request, "logout.html")
    await services(request).sign_out().execute(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(LOGIN_PAGE, status_code=303)
    clear_session_cookies(response, request, services(request).sign_in_settings())
    return response


routes = [
    Route(LOGIN_PAGE, login_page, methods=["GET", "POST"]),
    Route("/accounts/logout/", logout_page, methods=["GET", "POST"]),
]
