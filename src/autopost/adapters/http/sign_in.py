"""The earlier API's JSON sign-in: ``/accounts/api/login/`` and ``/accounts/api/logout/``, answered
``{"success", "message"}`` (and ``"user"`` on sign-in), the messages in the request's language."""

from __future__ import annotations

import json
import math
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers import people
from autopost.adapters.http.answers.base import Answer
from autopost.adapters.http.answers.errors import FieldErrors
from autopost.adapters.http.answers.service import LoginRefused, SignedIn, Succeeded
from autopost.adapters.http.csrf import is_json
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.session_cookies import (
    SESSION_COOKIE,
    SignInSettings,
    clear_session_cookies,
    client_ip,
    set_session_cookies,
)
from autopost.adapters.http.storable_text import text_errors
from autopost.adapters.http.user_json import user_json
from autopost.application.messages import Message
from autopost.application.people.password_check import SignInRefused, SignInThrottled
from autopost.application.people.sessions import SignOut
from autopost.application.people.sign_in import SignIn


class SignInServices(Protocol):
    def sign_in(self) -> SignIn: ...
    def sign_in_settings(self) -> SignInSettings: ...
    def sign_out(self) -> SignOut: ...


services = ServicesOf[SignInServices]("sign_in")

LOGIN_PATH = "/accounts/api/login/"
LOGOUT_PATH = "/accounts/api/logout/"
# Longer than any username (150) or e-mail address (254); a password this long is no password.
LONGEST_LOGIN = 254
LONGEST_PASSWORD = 4096


class LoginIn(BaseModel):
    """``username`` may also be the e-mail address."""

    model_config = ConfigDict(extra="ignore")

    username: str = Field(min_length=1, max_length=LONGEST_LOGIN)
    password: str = Field(min_length=1, max_length=LONGEST_PASSWORD)


def outcome(
    request: Request,
    status: int,
    message: Message,
    user: people.User | None = None,
    errors: dict[str, list[str]] | None = None,
) -> JSONResponse:
    """A success (with the ``user`` signed in) below 400, a refusal (with the fields to blame
    in ``errors``) from 400 on."""
    text = localized(request, message.value)
    answer: Answer
    if status >= 400:
        answer = LoginRefused(message=text, errors=None if errors is None else FieldErrors(errors))
    else:
        answer = Succeeded(message=text) if user is None else SignedIn(message=text, user=user)
    return JSONResponse(answer.model_dump(mode="json"), status_code=status)


def _credentials(raw: bytes) -> tuple[str, str] | dict[str, list[str]] | None:
    """The login and password; or, when one holds text that cannot be stored, why, by field."""
    try:
        body = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    login, password = body.get("username"), body.get("password")
    unstorable = text_errors({"username": login, "password": password})
    if unstorable:
        return unstorable
    for value, longest in ((login, LONGEST_LOGIN), (password, LONGEST_PASSWORD)):
        if not isinstance(value, str) or not value or len(value) > longest:
            return None
    assert isinstance(login, str) and isinstance(password, str)
    return login, password


async def login(request: Request) -> Response:
    if not is_json(request.headers):  # see csrf.py: why only JSON
        return outcome(request, 415, Message.JSON_REQUIRED)
    credentials = _credentials(await request.body())
    if isinstance(credentials, dict):
        return outcome(request, 400, Message.CREDENTIALS_REQUIRED, errors=credentials)
    if credentials is None:
        return outcome(request, 400, Message.CREDENTIALS_REQUIRED)
    settings = services(request).sign_in_settings()
    try:
        signed_in = (
            await services(request).sign_in().execute(*credentials, client_ip(request, settings))
        )
    except SignInThrottled as throttled:
        response = outcome(request, 429, throttled.message)
        response.headers["Retry-After"] = str(math.ceil(throttled.retry_after.total_seconds()))
        return response
    except SignInRefused as refused:
        return outcome(request, 400, refused.message)
    response = outcome(
        request, 200, Message.LOGGED_IN, user=user_json(signed_in.user, signed_in.groups)
    )
    set_session_cookies(response, request, settings, signed_in)
    return response


async def logout(request: Request) -> Response:
    """Ends the session the cookie names (on the server: the cookie opens nothing after);
    without one, there is nothing to end and the answer is the same."""
    await services(request).sign_out().execute(request.cookies.get(SESSION_COOKIE))
    response = outcome(request, 200, Message.LOGGED_OUT)
    clear_session_cookies(response, request, services(request).sign_in_settings())
    return response


routes = [
    Route(LOGIN_PATH, login, methods=["POST"]),
    Route(LOGOUT_PATH, logout, methods=["POST"]),
]
