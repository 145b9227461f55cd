"""``GoogleSignInGateway`` over httpx: Google's OpenID Connect authorization-code flow.

The code is traded at the token endpoint by a form POST carrying the client's id and secret
and the PKCE ``code_verifier``; the access token it gives is used once, as a Bearer header, to
read the account's ``sub``, e-mail address and names from the userinfo endpoint. Nothing here
logs a request or an answer's body: only the step and the status.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import httpx

from autopost.adapters.platforms.google_sign_in_errors import google_error
from autopost.adapters.platforms.transport_errors import Method, transport_error, unexpected_answer
from autopost.application.ports.google_sign_in_gateway import GoogleIdentity

logger = logging.getLogger(__name__)

PLATFORM = "Google"
SCOPES = "openid email profile"


class HttpxGoogleSignInGateway:
    def __init__(
        self,
        client: httpx.AsyncClient,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        authorize_url: str,
        token_url: str,
        userinfo_url: str,
    ) -> None:
        self._client = client
        self._client_id = client_id
        self._client_secret = client_secret
        self._redirect_uri = redirect_uri
        self._authorize_url = authorize_url
        self._token_url = token_url
        self._userinfo_url = userinfo_url

    def __repr__(self) -> str:  # the client secret must never reach a log line
        return f"HttpxGoogleSignInGateway(client_id={self._client_id!r})"

    def is_set_up(self) -> bool:
        return bool(self._client_id and self._client_secret)

    def authorize_url(self, state: str, code_challenge: str) -> str:
        query = urlencode(
            {
                "client_id": self._client_id,
                "redirect_uri": self._redirect_uri,
                "response_type": "code",
                "scope": SCOPES,
                "state": state,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
                "prompt": "select_account",
            }
        )
        return f"{self._authorize_url}{'&' if '?' in self._authorize_url else '?'}{query}"

    async def exchange(self, code: str, code_verifier: str) -> GoogleIdentity:
        secrets = (code, code_verifier, self._client_secret)
        form = {
            "client_id": self._client_id,
            "client_secret": self._client_secret,
            "code": code,
            "code_verifier": code_verifier,
            "redirect_uri": self._redirect_uri,
            "grant_type": "authorization_code",
        }
        granted = await self._json("POST", self._token_url, "token", secrets, data=form)
        access_token = granted.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise unexpected_answer("POST", "access_token", PLATFORM)
        headers = {"Authorization": f"Bearer {access_token}"}
        said = await self._json(
            "GET", self._userinfo_url, "userinfo", (*secrets, access_token), headers=headers
        )
        return _identity(said)

    async def _json(
        self, method: Method, url: str, step: str, secrets: tuple[str, ...], **request: Any
    ) -> dict[str, Any]:
        try:
            response = await self._client.request(method, url, **request)
        except httpx.RequestError as exc:
            logger.warning("Google %s: %s", step, type(exc).__name__)
            raise transport_error(exc, method, PLATFORM) from None
        if response.is_error:
            logger.warning("Google %s: HTTP %s", step, response.status_code)
            raise google_error(response, step, *secrets)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise unexpected_answer(method, "JSON object", PLATFORM)
        return body


def _identity(said: dict[str, Any]) -> GoogleIdentity:
    subject, email = said.get("sub"), said.get("email")
    if not isinstance(subject, str) or not subject:
        raise unexpected_answer("GET", "sub", PLATFORM)
    verified = said.get("email_verified")
    return GoogleIdentity(
        subject=subject,
        email=email if isinstance(email, str) else "",
        # OpenID Connect says a boolean; some of Google's endpoints have sent the string.
        email_verified=verified is True or verified == "true",
        given_name=_text(said.get("given_name")),
        family_name=_text(said.get("family_name")),
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
