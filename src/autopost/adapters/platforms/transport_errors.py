"""What went wrong below a platform's own error answers: the network, or an answer we cannot read.

A request that never left this machine is safe to send again. One that was sent and got no
answer, or an answer we cannot read, may have done its work: for a POST or DELETE that is
``OutcomeUnknown``, and the caller has to find out before trying again.
"""

from __future__ import annotations

from typing import Literal

import httpx

from autopost.application.ports.platform_errors import OutcomeUnknown, TransientPlatformError

Method = Literal["GET", "POST", "DELETE"]

NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
    httpx.LocalProtocolError,
)


def transport_error(
    exc: httpx.RequestError, method: Method, platform: str
) -> TransientPlatformError:
    # Only the exception's type is kept: its text can carry the request.
    kind = type(exc).__name__
    if isinstance(exc, NOT_SENT):
        return TransientPlatformError(f"Could not reach {platform} ({kind}); nothing was sent.")
    if method != "GET":
        return OutcomeUnknown(f"{platform} did not answer ({kind}); it may have done it anyway.")
    return TransientPlatformError(f"{platform} did not answer ({kind}).")


def unexpected_answer(method: Method, missing: str, platform: str) -> TransientPlatformError:
    if method != "GET":
        return OutcomeUnknown(f"{platform}'s answer had no {missing}; it may have done it anyway.")
    return TransientPlatformError(f"{platform}'s answer had no {missing}.")
