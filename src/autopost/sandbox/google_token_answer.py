"""What Google's token endpoint answers for a code: an access token, and an ``id_token``."""

from __future__ import annotations

import base64
import json
import secrets
from typing import Any

from starlette.responses import JSONResponse, Response

from autopost.sandbox.google_sign_in_state import (
    SCOPE,
    TOKEN_SECONDS,
    GoogleCode,
    GoogleSignInSandbox,
)


def token_answer(google: GoogleSignInSandbox, code: GoogleCode) -> Response:
    now = int(google.clock.now().timestamp())
    account = code.account
    claims = {
        "iss": "https://accounts.google.com",
        "azp": code.client_id,
        "aud": code.client_id,
        "sub": account.sub,
        "email": account.email,
        "email_verified": account.email_verified,
        "iat": now,
        "exp": now + TOKEN_SECONDS,
    }
    body: dict[str, Any] = {
        "access_token": google.new_token(account),
        "expires_in": TOKEN_SECONDS,
        "scope": SCOPE,
        "token_type": "Bearer",
        # Shaped like Google's, but signed by no key: it cannot be verified.
        "id_token": ".".join(
            _segment(part)
            for part in ({"alg": "RS256", "kid": "sandbox", "typ": "JWT"}, claims, None)
        ),
    }
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


def _segment(value: dict[str, Any] | None) -> str:
    raw = json.dumps(value).encode() if value is not None else secrets.token_bytes(32)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
