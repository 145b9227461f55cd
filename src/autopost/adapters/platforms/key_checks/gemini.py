"""Gemini: ``GET /models``, one model long. A bad key gets a 400 (``API_KEY_INVALID``)."""

from __future__ import annotations

import httpx

from autopost.adapters.platforms.key_checks.key_probe import probe
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions


class HttpxGeminiKeyChecker:
    def __init__(self, client: httpx.AsyncClient, api_url: str) -> None:
        self._client = client
        self._url = f"{api_url.rstrip('/')}/models"

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        # In the header, not as ``?key=``: URLs end up in logs.
        headers = {"x-goog-api-key": key}
        return await probe(self._client, "Gemini", self._url, key, headers, {"pageSize": "1"})
