"""The ``state`` of an OAuth connect: single-use, expiring, tied to who started it."""

from __future__ import annotations

import enum
from datetime import datetime

from attrs import define

from autopost.domain.errors import DomainError


class StateRejected(DomainError):
    """The callback's state is missing, unknown, used, expired or for another provider."""


class StateProblem(enum.StrEnum):
    MISSING = "The sign-in link has no state: start connecting again."
    UNKNOWN = "The sign-in link was not issued here: start connecting again."
    USED = "The sign-in link was already used: start connecting again."
    EXPIRED = "The sign-in link has expired: start connecting again."
    OTHER_BROWSER = "The sign-in link was not started in this browser: start again from here."


@define(slots=False, eq=False)
class OAuthState:
    provider: str
    digest: str
    created_at: datetime
    expires_at: datetime
    user_id: int | None = None
    code_verifier: str | None = None
    used_at: datetime | None = None
    id: int | None = None

    def problem(self, provider: str, now: datetime) -> StateProblem | None:
        """Why this state cannot be used now for ``provider``, or None when it can."""
        if self.provider != provider:
            return StateProblem.UNKNOWN
        if self.used_at is not None:
            return StateProblem.USED
        if self.expires_at <= now:
            return StateProblem.EXPIRED
        return None
