"""One GET with the key, and what the answer says about the key.

2xx: the key works. A 5xx, a 429 or no answer at all: the service could not say. Any other
answer (401 and 403, and the 400 that Graph and Gemini give a bad key, the 404 of a wrong
address) is a refusal: the service answered and did not accept it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import httpx

from autopost.adapters.platforms.redaction import plain
from autopost.application.ports.integration_key_checker import KeyCheck

logger = logging.getLogger(__name__)

# A person is waiting for the answer: shorter than the platform calls' timeout. No redirect is
# followed (httpx's default): the key goes to the address asked, and nowhere else.
TIMEOUT = httpx.Timeout(10.0)
TOO_MANY_REQUESTS = 429


def usable_in_header(key: str) -> bool:
    """No key of these services has spaces, control or non-ASCII characters; one that does
    could not be sent in a header at all."""
    return key.isascii() and key.isprintable() and not any(c.isspace() for c in key)


async def probe(
    client: httpx.AsyncClient,
    service: str,
    url: str,
    key: str,
    headers: Mapping[str, str],
    params: Mapping[str, str] | None = None,
) -> KeyCheck:
    """``headers`` carry the key: never the URL, which ends up in logs."""
    if not usable_in_header(key):
        return _told(service, KeyCheck.refused(f"{service} keys have no such characters."), key)
    try:
        response = await client.get(url, headers=dict(headers), params=params, timeout=TIMEOUT)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        # Only the exception's type: its text can carry the request.
        check = KeyCheck.unreachable(f"{service} did not answer ({type(exc).__name__}).")
        return _told(service, check, key)
    return _told(service, _verdict(service, response.status_code), key)


def _verdict(service: str, status: int) -> KeyCheck:
    if 200 <= status < 300:
        return KeyCheck.accepted(f"{service} accepted the key.")
    if status >= 500 or status == TOO_MANY_REQUESTS:
        return KeyCheck.unreachable(f"{service} could not check the key now (HTTP {status}).")
    if status in (401, 403):
        return KeyCheck.refused(f"{service} refused the key (HTTP {status}).")
    return KeyCheck.refused(f"{service} did not accept the request (HTTP {status}).")


def _told(service: str, check: KeyCheck, key: str) -> KeyCheck:
    check = KeyCheck(check.valid, plain(check.detail, key), check.reachable)
    logger.info("Key check at %s: %s", service, check.detail)
    return check
