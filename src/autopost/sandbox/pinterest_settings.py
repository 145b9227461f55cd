"""What the Pinterest emulator starts with, and the demo account a user can try Autopost with."""

from __future__ import annotations

import enum
from dataclasses import dataclass

PINTEREST_DEMO_USERNAME = "autopost_demo"
PINTEREST_DEMO_ACCESS_TOKEN = "sandbox-pinterest-token"  # noqa: S105 - a well-known fake
PINTEREST_DEMO_REFRESH_TOKEN = "sandbox-pinterest-refresh"  # noqa: S105 - a well-known fake
PINTEREST_CLIENT_ID = "sandbox-client-id"
PINTEREST_CLIENT_SECRET = "sandbox-client-secret"  # noqa: S105 - a well-known fake
DEMO_BOARDS = (("900579325426238155", "code"), ("900579325426238156", "Python"))

DAY_SECONDS = 24 * 60 * 60


class Environment(enum.StrEnum):
    """Pinterest's two API hosts: ``api-sandbox.pinterest.com`` and ``api.pinterest.com``."""

    SANDBOX = "sandbox"
    PRODUCTION = "production"


@dataclass(frozen=True)
class PinterestSettings:
    """Knobs of the Pinterest emulator; changed at run time through
    ``/_sandbox/pinterest/settings``."""

    environment: Environment = Environment.SANDBOX
    access_token_seconds: int = 30 * DAY_SECONDS
    refresh_token_seconds: int = 60 * DAY_SECONDS
    rate_limit_per_minute: int = 1_000_000
    client_id: str = PINTEREST_CLIENT_ID
    client_secret: str = PINTEREST_CLIENT_SECRET
    # The consent page refuses (``error=access_denied``) instead of granting at once.
    deny_consent: bool = False
    # How long an uploaded video is ``processing`` before it has ``succeeded``.
    video_processing_seconds: float = 5.0
