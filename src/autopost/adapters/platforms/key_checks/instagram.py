"""Instagram: Graph's ``GET /me?fields=id``.

A token of an account connected with Instagram Login is only known to graph.instagram.com,
which graph.facebook.com refuses: a token the first refuses is asked of the second. (The
``GraphClient`` of the gateways is bound to an account and its usage throttle; this call has
neither.)

Graph answers most errors with a 400, its throttling ones too: only its token and permission
errors are a refusal of the token.
"""

from __future__ import annotations

import httpx

from autopost.adapters.platforms.key_checks.key_probe import probe
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions

FIELDS = {"fields": "id"}
# 190: the token is invalid, expired or revoked; 102: its session is; 10 and 200-299: the
# permission it needs was not granted or was removed.
TOKEN_ERRORS = frozenset({10, 102, 190, *range(200, 300)})


def graph_refusal(status: int, body: object) -> bool:
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return status in (401, 403)
    code = error.get("code")
    token_error = isinstance(code, int) and code in TOKEN_ERRORS
    return token_error and error.get("is_transient") is not True


class HttpxInstagramKeyChecker:
    def __init__(
        self, client: httpx.AsyncClient, graph_url: str, instagram_login_url: str | None = None
    ) -> None:
        self._client = client
        self._urls = [f"{graph_url.rstrip('/')}/me"]
        if instagram_login_url and instagram_login_url.rstrip("/") != graph_url.rstrip("/"):
            self._urls.append(f"{instagram_login_url.rstrip('/')}/me")

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        # The token goes in a header only, as the gateways send it: URLs end up in logs.
        headers = {"Authorization": f"Bearer {key}"}
        check = KeyCheck.refused("No Graph address to ask.")
        for url in self._urls:
            check = await probe(self._client, "Instagram", url, key, headers, FIELDS, graph_refusal)
            if check.valid or not check.reachable:
                return check
        return check
