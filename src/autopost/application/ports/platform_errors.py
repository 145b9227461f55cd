"""How a platform gateway says what went wrong, in words a person can act on."""

from __future__ import annotations

from datetime import timedelta


class PlatformError(Exception):
    """``message`` is safe to show a user and to log: it never holds a token."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransientPlatformError(PlatformError):
    """Worth trying again later: 5xx, timeouts, rate limits."""

    def __init__(self, message: str, retry_after: timedelta | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class OutcomeUnknown(TransientPlatformError):
    """The request was sent but no answer came: the platform may have done the work."""


class RateLimited(TransientPlatformError):
    """The platform's rate limit: wait as long as it says (``retry_after``, from its headers),
    then try again. Not a failure: it never brings a publication nearer to failing."""


class PlatformBusy(RateLimited):
    """We are near the platform's rate limit and hold back before it refuses us."""


class PublishingLimitReached(PlatformError):
    """The account's 24-hour publishing quota is spent."""


class PermanentPlatformError(PlatformError):
    """The platform refused the request as it stands: trying again will not help."""


class CredentialRejected(PermanentPlatformError):
    """The access token is expired or revoked: the account has to be reconnected."""


class AccessTokenRejected(CredentialRejected):
    """The platform refused the access token itself (HTTP 401): renewing it may help."""
