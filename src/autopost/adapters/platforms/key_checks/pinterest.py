"""Pinterest: ``GET /user_account``, the call connecting an account makes first."""

from __future__ import annotations

import httpx

from autopost.adapters.platforms.key_checks.key_probe import probe
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions


class HttpxPinterestKeyChecker:
    def __init__(self, client: httpx.AsyncClient, api_url: str) -> None:
        self._client = client
        self._url = f"{api_url.rstrip('/')}/user_account"

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        headers = {"Authorization": f"Bearer {key}"}
        return await probe(self._client, "Pinterest", self._url, key, headers)
