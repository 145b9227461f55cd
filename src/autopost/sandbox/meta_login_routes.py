"""The login emulators' routes: the consent dialog stand-ins (``/facebook/dialog/oauth``,
``/instagram/oauth/authorize``), Instagram Login's code exchange
(``/instagram/oauth/access_token``) and Facebook Login's Graph endpoints (``/oauth/access_token``,
``/me``, ``/me/accounts``, with or without a version prefix), mounted before the Graph
catch-all.

Every call is logged without its secrets (client secret, code, tokens) and meets any armed
fault, which answers it with a Graph error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.facebook_login import facebook_token, me, my_pages
from autopost.sandbox.faults import Fault
from autopost.sandbox.graph_errors import GraphError
from autopost.sandbox.graph_request import GraphCall, read_call
from autopost.sandbox.instagram_oauth import InstagramOAuthError, instagram_token
from autopost.sandbox.meta_login_dialogs import facebook_dialog, instagram_dialog
from autopost.sandbox.meta_login_sandbox import MetaLoginSandbox
from autopost.sandbox.platform_calls import answer_platform_call
from autopost.sandbox.runtime import Sandbox

SECRET_PARAMS = frozenset({"access_token", "client_secret", "code", "fb_exchange_token"})

Endpoint = Callable[[Request], Awaitable[Response]]
Handler = Callable[[GraphCall, URL, datetime], Response]
Payload = dict[str, Any]


class GraphVersion(Convertor[str]):
    regex = r"v\d+(?:\.\d+)?"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


# Starlette keeps convertors in one registry; ``{version:graph_version}`` matches ``v24.0`` only,
# so ``/{ig-user-id}/...`` still reaches the Graph catch-all.
register_url_convertor("graph_version", GraphVersion())


def meta_login_routes(sandbox: Sandbox, login: MetaLoginSandbox) -> list[Route]:
    def endpoint(handler: Handler) -> Endpoint:
        async def answer(request: Request) -> Response:
            call = await read_call(request, sandbox.clock.now())
            loggable = {k: v for k, v in call.params.items() if k not in SECRET_PARAMS}

            def handle() -> Response:
                now = sandbox.clock.now()  # after any delay_before fault
                try:
                    return handler(call, request.url, now)
                except (GraphError, InstagramOAuthError) as error:
                    return error.response()

            return await answer_platform_call(
                sandbox, call.method, call.path, loggable, handle, _refusal
            )

        return answer

    def graph(answer: Callable[[GraphCall, URL, datetime], Payload]) -> Handler:
        return lambda call, url, now: JSONResponse(answer(call, url, now))

    facebook_consent = endpoint(lambda call, url, now: facebook_dialog(login, call.params, now))
    instagram_consent = endpoint(
        lambda call, url, now: instagram_dialog(sandbox, login, call.params, now)
    )
    instagram_code = endpoint(
        graph(lambda call, url, now: instagram_token(sandbox, login, call.params, now))
    )
    token = endpoint(graph(lambda call, url, now: facebook_token(login, call.params, now)))
    user = endpoint(graph(lambda call, url, now: me(sandbox, login, call.params, call.token, now)))
    pages = endpoint(
        graph(lambda call, url, now: my_pages(sandbox, login, call.params, call.token, now, url))
    )
    routes = [
        Route("/facebook/dialog/oauth", facebook_consent, methods=["GET"]),
        Route("/facebook/{version:graph_version}/dialog/oauth", facebook_consent, methods=["GET"]),
        Route("/instagram/oauth/authorize", instagram_consent, methods=["GET"]),
        Route("/instagram/oauth/access_token", instagram_code, methods=["POST"]),
    ]
    for prefix in ("", "/{version:graph_version}"):
        routes += [
            Route(f"{prefix}/oauth/access_token", token, methods=["GET"]),
            Route(f"{prefix}/me", user, methods=["GET"]),
            Route(f"{prefix}/me/accounts", pages, methods=["GET"]),
        ]
    return routes


def _refusal(fault: Fault) -> Response:
    return fault.graph_error().response()
