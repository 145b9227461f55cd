"""Notion: ``GET /users/me``, the integration's own bot user."""

from __future__ import annotations

import httpx

from autopost.adapters.platforms.key_checks.key_probe import probe
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions

NOTION_VERSION = "2022-06-28"


class HttpxNotionKeyChecker:
    def __init__(self, client: httpx.AsyncClient, api_url: str) -> None:
        self._client = client
        self._url = f"{api_url.rstrip('/')}/users/me"

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        headers = {"Authorization": f"Bearer {key}", "Notion-Version": NOTION_VERSION}
        return await probe(self._client, "Notion", self._url, key, headers)
