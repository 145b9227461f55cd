"""``POST /api/v1/api-token-auth/``: the earlier API's token endpoint, throttled with the sign-in
(a refusal is a 429, see ``responses.domain_error``). It is part of the accounts API, and
speaks its language: every message of an answer in the request's language."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.service import Token
from autopost.adapters.http.request_body import read
from autopost.adapters.http.schemas import TokenAuthIn
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.session_cookies import SignInSettings, client_ip
from autopost.adapters.http.storable_text import NUL_REFUSED, SURROGATE_REFUSED
from autopost.application.messages import Message
from autopost.application.people.accounts import IssueApiToken
from autopost.domain.errors import ValidationFailed


class TokenServices(Protocol):
    def issue_api_token(self) -> IssueApiToken: ...
    def sign_in_settings(self) -> SignInSettings: ...


services = ServicesOf[TokenServices]("token_auth")

PATH = "/api/v1/api-token-auth/"
# The edge's messages about the body, as the accounts catalogue has them; any other (a
# number for a name, say) asks for what the endpoint takes.
_IN_ACCOUNTS_WORDS = {
    "This field is required.": Message.FIELD_REQUIRED,
    NUL_REFUSED: Message.TEXT_WITH_NUL,
    SURROGATE_REFUSED: Message.TEXT_WITH_SURROGATE,
}


def _in_accounts_words(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        name: [_IN_ACCOUNTS_WORDS.get(text, Message.CREDENTIALS_REQUIRED).value for text in texts]
        for name, texts in errors.items()
    }


async def api_token_auth(request: Request) -> Response:
    try:
        data = await read(request, TokenAuthIn)
    except ValidationFailed as invalid:
        raise ValidationFailed(_in_accounts_words(invalid.errors)) from None
    ip = client_ip(request, services(request).sign_in_settings())
    token = await services(request).issue_api_token().execute(data.username, data.password, ip)
    return JSONResponse(Token(token=token).model_dump(mode="json"))


routes = [Route(PATH, api_token_auth, methods=["POST"])]
