"""One GET with the key, and what the answer says about the key.

2xx: the key works. The service's own refusal: the key does not. That is a 401 or a 403 for
every service, and the 400 that Graph and Gemini give a bad key, which each checker recognises
by its body (``Refusal``). Anything else the service could not say, and the key is not blamed:
no answer at all, a 5xx, a 429 or a 408, a redirect, the 404 of a wrong address, a 400 about
the request rather than the key, Graph's throttling and transient errors whatever their status.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import httpx

from autopost.adapters.platforms.redaction import plain
from autopost.application.ports.integration_key_checker import KeyCheck

logger = logging.getLogger(__name__)

# A person is waiting for the answer: shorter than the platform calls' timeout. No redirect is
# followed (httpx's default): the key goes to the address asked, and nowhere else.
TIMEOUT = httpx.Timeout(10.0)

Refusal = Callable[[int, object], bool]
"""Whether a 4xx answer, by its status and its JSON body (None when it has none), is the
service refusing the key."""


def refused_with_401_or_403(status: int, body: object) -> bool:
    return status in (401, 403)


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
    refusal: Refusal = refused_with_401_or_403,
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
    return _told(service, _verdict(service, response, refusal), key)


def _verdict(service: str, response: httpx.Response, refusal: Refusal) -> KeyCheck:
    status = response.status_code
    if 200 <= status < 300:
        return KeyCheck.accepted(f"{service} accepted the key.")
    if 400 <= status < 500 and refusal(status, _json(response)):
        return KeyCheck.refused(f"{service} refused the key (HTTP {status}).")
    return KeyCheck.unreachable(f"{service} could not say whether the key works (HTTP {status}).")


def _json(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError:  # not JSON, or not text at all
        return None


def _told(service: str, check: KeyCheck, key: str) -> KeyCheck:
    check = KeyCheck(check.valid, plain(check.detail, key), check.reachable)
    logger.info("Key check at %s: %s", service, check.detail)
    return check
