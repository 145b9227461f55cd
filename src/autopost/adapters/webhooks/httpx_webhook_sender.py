"""Sending a delivery with httpx, to an address checked after resolving its host.

The host is resolved here, every address checked (``check_resolved``), and the request made
to one of those addresses, with the URL's host name in the ``Host`` header and as the TLS
server name (so the certificate is checked against the name): a name that resolves to a
public address when checked and to a private one a moment later (DNS rebinding) cannot lead
the request elsewhere. Redirects are not followed (the Standard Webhooks advice: a 3xx is a
failure).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import httpx

from autopost.adapters.platforms.retry_after import retry_after_header
from autopost.application.ports.host_resolver import HostResolver
from autopost.application.ports.webhook_sender import ReceiverAnswer, ReceiverUnreachable
from autopost.domain.webhook_addresses import (
    AddressRefused,
    IpAddress,
    check_resolved,
    target_of,
)


class HttpxWebhookSender:
    def __init__(
        self, client: httpx.AsyncClient, resolver: HostResolver, *, allow_private: bool
    ) -> None:
        """``client``: the webhooks' own (its timeout is the receivers')."""
        self._client = client
        self._resolver = resolver
        self._allow_private = allow_private

    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> ReceiverAnswer:
        try:
            target = target_of(url, allow_private=self._allow_private)
            try:
                found = await self._resolver.resolve(target.host, target.port)
            except OSError as failed:
                raise ReceiverUnreachable(f"The host name does not resolve ({failed}).") from None
            check_resolved(found, allow_private=self._allow_private)
        except AddressRefused as refused:
            raise ReceiverUnreachable(str(refused)) from None
        parts = urlsplit(url.strip())
        pinned = urlunsplit(parts._replace(netloc=_netloc(found[0], parts.port)))
        host_header = parts.netloc.rsplit("@", 1)[-1]
        started = time.perf_counter()
        try:
            answer = await self._client.post(
                pinned,
                content=body,
                headers={**headers, "host": host_header},
                extensions={"sni_hostname": target.host},
                follow_redirects=False,
            )
        except httpx.TimeoutException:
            raise ReceiverUnreachable(
                "The receiver did not answer in time.", _since(started)
            ) from None
        except httpx.HTTPError as failed:
            raise ReceiverUnreachable(
                f"The receiver could not be reached ({type(failed).__name__}).", _since(started)
            ) from None
        return ReceiverAnswer(
            answer.status_code,
            _since(started),
            retry_after_header(answer.headers, datetime.now(UTC)),
        )


def _netloc(address: IpAddress, port: int | None) -> str:
    host = f"[{address}]" if address.version == 6 else str(address)
    return f"{host}:{port}" if port else host


def _since(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
