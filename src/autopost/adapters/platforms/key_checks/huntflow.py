"""Huntflow: ``GET /v2/me``, at the address given (one of the configured ones: the use case
takes no other) or the configured one of the system."""

from __future__ import annotations

import httpx

from autopost.adapters.platforms.key_checks.key_probe import probe
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions
from autopost.domain.user import System


class HttpxHuntflowKeyChecker:
    def __init__(self, client: httpx.AsyncClient, prod_url: str, sandbox_url: str) -> None:
        self._client = client
        self._defaults = {System.PROD: prod_url, System.SANDBOX: sandbox_url}

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        base = options.api_url or self._defaults[options.system or System.PROD]
        # The earlier API's example is the host alone; an address that already names the version
        # must not get it twice.
        base = base.rstrip("/").removesuffix("/v2")
        headers = {"Authorization": f"Bearer {key}"}
        return await probe(self._client, "Huntflow", f"{base}/v2/me", key, headers)
