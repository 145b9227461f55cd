"""What a sandbox starts with, and the demo account a user can try Autopost with."""

from __future__ import annotations

from dataclasses import dataclass, field

from autopost.sandbox.latency import PlatformLatency
from autopost.sandbox.meta_login_settings import MetaLoginSettings
from autopost.sandbox.pinterest_settings import PinterestSettings

DEMO_IG_USER_ID = "17841400000000001"
DEMO_USERNAME = "autopost_demo"
DEMO_ACCESS_TOKEN = "sandbox-instagram-token"  # noqa: S105 - a well-known fake, printed at start
INSTAGRAM_APP_SECRET = "sandbox-instagram-app-secret"  # noqa: S105 - a well-known fake too


@dataclass(frozen=True)
class InstagramSettings:
    """Knobs of the Graph emulator; changed at run time through ``/_sandbox/instagram/settings``."""

    video_processing_seconds: float = 2.0
    quota_total: int = 100
    app_call_limit: int = 1_000_000
    account_call_limit: int = 1_000_000
    # Meta's reference does not say that a container already published is refused: by
    # default a second ``media_publish`` of it makes another media, a duplicate, so that a
    # client which counts on a refusal is caught here. True: refuse it (code 24, 2207008).
    refuse_second_publish: bool = False
    # The Instagram app secret ``GET /access_token`` checks (Instagram Login's token exchange).
    app_secret: str = INSTAGRAM_APP_SECRET


@dataclass(frozen=True)
class SandboxSettings:
    instagram: InstagramSettings = field(default_factory=InstagramSettings)
    pinterest: PinterestSettings = field(default_factory=PinterestSettings)
    meta_login: MetaLoginSettings = field(default_factory=MetaLoginSettings)
    # How long each platform call takes (``autopost sandbox --delay-ms``); ``/_sandbox/latency``
    # changes it at run time and ``/_sandbox/reset`` brings this one back.
    latency: PlatformLatency = field(default_factory=PlatformLatency)
    # Where the SMTP sink listens (``autopost sandbox --smtp-port``); None: no sink. It is
    # started with the app (its lifespan), on the app's host.
    smtp_port: int | None = None
    smtp_host: str = "127.0.0.1"
