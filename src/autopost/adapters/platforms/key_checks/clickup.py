"""ClickUp: ``GET /user``. A personal token goes in ``Authorization`` as it is, no scheme."""

from __future__ import annotations

import httpx

from autopost.adapters.platforms.key_checks.key_probe import probe
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions


class HttpxClickUpKeyChecker:
    def __init__(self, client: httpx.AsyncClient, api_url: str) -> None:
        self._client = client
        self._url = f"{api_url.rstrip('/')}/user"

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        return await probe(self._client, "ClickUp", self._url, key, {"Authorization": key})
