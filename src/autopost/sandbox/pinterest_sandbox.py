"""The Pinterest emulator's live state and settings, and how a reset brings them back."""

from __future__ import annotations

from datetime import datetime, timedelta

from autopost.sandbox.clock import Clock
from autopost.sandbox.pinterest_rate_limit import RateLimiter
from autopost.sandbox.pinterest_settings import (
    PINTEREST_DEMO_ACCESS_TOKEN,
    PINTEREST_DEMO_REFRESH_TOKEN,
    PINTEREST_DEMO_USERNAME,
    Environment,
    PinterestSettings,
)
from autopost.sandbox.pinterest_state import PinterestState
from autopost.sandbox.pinterest_tokens import IssuedTokens, TokenBook

ALL_SCOPES = "boards:read,boards:write,pins:read,pins:write,user_accounts:read"


class PinterestSandbox:
    def __init__(self, settings: PinterestSettings, clock: Clock) -> None:
        self.initial_settings = settings
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        """Back to the settings it started with and only the demo account."""
        self.settings = self.initial_settings
        self.state = PinterestState(self.clock.now())
        self.tokens = TokenBook()
        self.rate_limiter = RateLimiter()
        self.tokens.issue(
            PINTEREST_DEMO_USERNAME,
            self.settings.environment,
            ALL_SCOPES,
            access_expires_at=None,
            refresh_expires_at=None,
            access_token=PINTEREST_DEMO_ACCESS_TOKEN,
            refresh_token=PINTEREST_DEMO_REFRESH_TOKEN,
        )

    def issue_tokens(
        self, username: str, scope: str, now: datetime, environment: Environment | None = None
    ) -> IssuedTokens:
        """A fresh pair with the lifetimes the settings give."""
        return self.tokens.issue(
            username,
            environment or self.settings.environment,
            scope,
            access_expires_at=now + timedelta(seconds=self.settings.access_token_seconds),
            refresh_expires_at=now + timedelta(seconds=self.settings.refresh_token_seconds),
        )
