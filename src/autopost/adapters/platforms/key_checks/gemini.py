"""Gemini: ``GET /models``, one model long. A bad key gets a 400 whose ``ErrorInfo`` reason is
``API_KEY_INVALID``; a key of a project without the API, a 403. Another 400, such as
``FAILED_PRECONDITION`` where the API is not offered, says nothing of the key."""

from __future__ import annotations

import httpx

from autopost.adapters.platforms.key_checks.key_probe import probe
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions


def gemini_refusal(status: int, body: object) -> bool:
    if status in (401, 403):
        return True
    error = body.get("error") if isinstance(body, dict) else None
    details = error.get("details") if isinstance(error, dict) else None
    if status != 400 or not isinstance(details, list):
        return False
    reasons = [d.get("reason") for d in details if isinstance(d, dict)]
    return any(isinstance(r, str) and r.startswith("API_KEY_") for r in reasons)


class HttpxGeminiKeyChecker:
    def __init__(self, client: httpx.AsyncClient, api_url: str) -> None:
        self._client = client
        self._url = f"{api_url.rstrip('/')}/models"

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        # In the header, not as ``?key=``: URLs end up in logs.
        headers = {"x-goog-api-key": key}
        params = {"pageSize": "1"}
        return await probe(self._client, "Gemini", self._url, key, headers, params, gemini_refusal)
