"""What a platform's error means for the step it ended: the same on every platform."""

from __future__ import annotations

from datetime import datetime

from autopost.application.policy import PublishingPolicy
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    RateLimited,
    TransientPlatformError,
)
from autopost.application.publishing.outcomes import (
    AccountRejected,
    Failed,
    Outcome,
    PassingFailure,
    Paused,
)


def outcome_of(
    error: TransientPlatformError | PermanentPlatformError,
    now: datetime,
    policy: PublishingPolicy,
) -> Outcome:
    """A rate limit waits as long as the platform says (``policy.rate_limit_wait`` when it
    does not); a refused token asks for the account to be reconnected."""
    match error:
        case RateLimited():
            return Paused(now + (error.retry_after or policy.rate_limit_wait), error.message)
        case CredentialRejected():
            return AccountRejected(error.message)
        case TransientPlatformError():
            return PassingFailure(error.message, error.retry_after)
        case _:
            return Failed(error.message)
