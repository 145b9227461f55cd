"""A Facebook user token on the Instagram Graph endpoints, as Graph takes one: it acts for the
Instagram business accounts linked to the user's Pages.

The Graph emulator knows a token as one account's (``InstagramState.tokens``), so each call
made with a Facebook user token is handed on with a stand-in token bound to the account that
owns the object the call names, when that account is one of the user's. The stand-in expires
with the Facebook token, and revoking the account's tokens through the control API revokes it
too. A call about anything else gets a stand-in bound to no account, and so Graph's "does not
exist, cannot be loaded due to missing permissions" refusal. The token is read from the
``Authorization`` header or the query string, where Autopost and most clients put it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import datetime
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.sandbox.graph_request import graph_segments
from autopost.sandbox.instagram_login import is_login_call
from autopost.sandbox.instagram_state import InstagramState
from autopost.sandbox.instagram_tokens import TokenGrant, TokenKind
from autopost.sandbox.meta_login_sandbox import MetaLoginSandbox
from autopost.sandbox.meta_login_state import FacebookGrant
from autopost.sandbox.runtime import Sandbox

Endpoint = Callable[[Request], Awaitable[Response]]
NO_ACCOUNT = "0"  # Instagram ids are never 0: a stand-in bound to it reaches nothing


def with_facebook_tokens(
    sandbox: Sandbox, login: MetaLoginSandbox, routes: list[Route]
) -> list[Route]:
    return [
        Route(route.path, _bridged(sandbox, login, route.endpoint), methods=route.methods)
        for route in routes
    ]


def _bridged(sandbox: Sandbox, login: MetaLoginSandbox, endpoint: Endpoint) -> Endpoint:
    async def bridged(request: Request) -> Response:
        token = _token(request)
        grant = login.state.facebook_tokens.get(token) if token else None
        segments = graph_segments(request.url.path)
        if token is None or grant is None or not segments or is_login_call(segments):
            return await endpoint(request)
        state = sandbox.instagram.state
        owner = state.owner_of(segments[0])
        linked = login.state.linked_accounts(grant.user_id)
        target = owner if owner is not None and owner in linked else NO_ACCOUNT
        stand_in = _stand_in(state, token, grant, target, sandbox.clock.now())
        return await endpoint(_with_token(request, stand_in))

    return bridged


def _stand_in(
    state: InstagramState, token: str, grant: FacebookGrant, ig_user_id: str, now: datetime
) -> str:
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    stand_in = f"facebook-{digest}-{ig_user_id}"
    known = state.tokens.get(stand_in)
    if known is None:
        known = TokenGrant(ig_user_id, TokenKind.LONG_LIVED, grant.issued_at, grant.expires_at)
        state.tokens[stand_in] = known
    known.revoked = known.revoked or grant.revoked
    return stand_in


def _token(request: Request) -> str | None:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() in ("bearer", "oauth") and credentials.strip():
        return credentials.strip()
    return request.query_params.get("access_token") or None


def _with_token(request: Request, token: str) -> Request:
    scope = dict(request.scope)
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
    scope["headers"] = [*headers, (b"authorization", f"Bearer {token}".encode())]
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "access_token"]
    scope["query_string"] = urlencode(query).encode()
    return Request(scope, request.receive)
