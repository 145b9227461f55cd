"""Settings from ``AUTOPOST_*`` environment variables and a ``.env`` file."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger(__name__)

PINTEREST_SANDBOX_URL = "https://api-sandbox.pinterest.com/v5"
PINTEREST_PRODUCTION_URL = "https://api.pinterest.com/v5"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUTOPOST_", env_file=".env", extra="ignore")

    var_dir: Path = Path("var")
    database_url: str = ""
    # Connections each process holds to PostgreSQL at most; what more wants one waits for it.
    # Every process of a deployment counts against the server's ``max_connections``. (SQLite
    # takes one: its writers take turns.)
    database_pool_size: int = Field(default=10, ge=1)
    broker_url: str = ""
    secret_key: str = ""
    debug: bool = False
    # The language of the accounts messages when a client asks for none Autopost has: "ru"
    # (what the earlier API's clients expect) or "en".
    language: str = "ru"
    log_level: str = "INFO"
    # "text" (readable) or "json" (one JSON object a line, for a log collector).
    log_format: Literal["text", "json"] = "text"
    # The bearer token Prometheus scrapes /metrics with; unset, there is no /metrics.
    metrics_token: str = Field(default="", repr=False)
    # Where `autopost worker` serves its own /metrics (the same token); 0: it serves none.
    metrics_port: int = Field(default=0, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"

    instagram_graph_url: str = "https://graph.facebook.com/v24.0"
    instagram_login_graph_url: str = "https://graph.instagram.com"
    instagram_redirect_uri: str = "http://127.0.0.1:8000/auth/instagram/callback/"
    facebook_app_id: str = ""
    facebook_app_secret: str = ""
    facebook_dialog_url: str = "https://www.facebook.com/v24.0/dialog/oauth"
    instagram_app_id: str = ""
    instagram_app_secret: str = ""
    instagram_authorize_url: str = "https://www.instagram.com/oauth/authorize"
    instagram_token_url: str = "https://api.instagram.com/oauth/access_token"  # noqa: S105
    pinterest_api_url: str = ""
    pinterest_use_sandbox: bool = False
    pinterest_oauth_url: str = "https://www.pinterest.com/oauth/"
    pinterest_client_id: str = ""
    pinterest_client_secret: str = ""
    pinterest_redirect_uri: str = "http://127.0.0.1:8000/auth/pinterest/callback/"
    pinterest_boards_max_age_seconds: float = 3600.0
    pinterest_pins_max_pages: int = 5
    pinterest_refresh_margin_seconds: float = 86400.0
    pinterest_title_template: str = "Что вернет этот код {topic}?"
    pinterest_description_template: str = "Выбери правильный ответ"

    # Where the integration key tests (``/accounts/api/test-<integration>/``) ask.
    gemini_api_url: str = "https://generativelanguage.googleapis.com/v1beta"
    clickup_api_url: str = "https://api.clickup.com/api/v2"
    notion_api_url: str = "https://api.notion.com/v1"
    huntflow_prod_url: str = "https://api.huntflow.ru"
    huntflow_sandbox_url: str = "https://sandbox-api.huntflow.dev"

    # Signing in: server-side sessions, and Google as a way in.
    session_max_age_seconds: float = 14 * 24 * 3600.0
    # "auto": the cookies are Secure when the request came over HTTPS; or true / false.
    secure_cookies: Literal["auto"] | bool = "auto"
    # Believe X-Forwarded-Proto and X-Forwarded-For: only behind a proxy that sets them.
    trust_proxy_headers: bool = False
    # Where people and platforms reach Autopost (https://autopost.example.com): links in
    # answers are built from it, and its host is answered.
    public_url: str = ""
    # The Host names answered, separated by commas (default: the public URL's host and the
    # loopback names); "*" answers any.
    allowed_hosts: str = ""
    # The largest request body taken, in bytes; a larger one is refused with a 413.
    max_body_bytes: int = 2 * 1024 * 1024
    # The media library: where its files are kept (default: media/ in var_dir) and the
    # largest file taken, in bytes (the platforms' own limits hold below it: 20 MB for an
    # image, 2 GB for a video).
    media_dir: Path | None = None
    media_max_bytes: int = Field(default=300 * 1024 * 1024, gt=0)
    # How long a signed link to a library file (the one a platform fetches it from) opens it.
    media_link_seconds: float = Field(default=86400.0, gt=0)
    # The library's files in an S3 bucket instead (needed when the API and the workers run on
    # different machines). A bucket turns it on; the endpoint names an S3-compatible service
    # (MinIO...), empty for AWS; without an access key, the AWS_* variables, ~/.aws or the
    # machine's role are used; the prefix goes before every key ("autopost/").
    media_s3_bucket: str = ""
    media_s3_endpoint_url: str = ""
    media_s3_region: str = ""
    media_s3_access_key_id: str = ""
    media_s3_secret_access_key: str = Field(default="", repr=False)
    media_s3_prefix: str = ""
    google_client_id: str = ""
    google_client_secret: str = ""
    google_redirect_uri: str = "http://127.0.0.1:8000/accounts/google-oauth-callback/"
    google_authorize_url: str = "https://accounts.google.com/o/oauth2/v2/auth"
    google_token_url: str = "https://oauth2.googleapis.com/token"  # noqa: S105
    google_userinfo_url: str = "https://openidconnect.googleapis.com/v1/userinfo"

    # Notifications by Telegram: the bot's token (from @BotFather; empty: no Telegram), its
    # username as people find it, and where the Bot API is (the sandbox's, in tests).
    telegram_bot_token: str = Field(default="", repr=False)
    telegram_bot_username: str = ""
    telegram_api_url: str = "https://api.telegram.org"
    # How often a worker reads what people sent the bot (their /start CODE).
    telegram_poll_interval_seconds: float = Field(default=5.0, gt=0)
    # Notifications by e-mail: the SMTP server (empty host: no e-mail) and the From address.
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: str = Field(default="", repr=False)
    smtp_from: str = "autopost@localhost"
    smtp_starttls: bool = True
    # The daily digest comes at this hour of each person's day (their time zone).
    digest_hour: int = Field(default=8, ge=0, le=23)

    http_timeout_seconds: float = 30.0
    # A claim's lease: renewed while its work goes on (see lease_renewal_interval_seconds), so
    # a worker that dies gives its publications back within this long.
    publish_lease_seconds: float = 6.0
    # Instagram posts are made ready (quota, media container, video processing) this long
    # before their time, so that at the due second only the publishing call is left.
    prepare_ahead_seconds: float = 300.0
    container_poll_seconds: float = 5.0
    # After a request to publish that got no answer: how long before Instagram is asked
    # whether it published (a request still under way there must not be sent again).
    publish_settle_seconds: float = 60.0
    dispatch_horizon_seconds: float = 600.0
    overdue_grace_seconds: float = 2.0
    # Passing failures (timeouts, 5xx) are retried after pauses that start at the base and
    # double up to the longest pause, for as long as the window lasts past the post's time.
    retry_base_seconds: float = 5.0
    retry_max_delay_seconds: float = 300.0
    retry_window_seconds: float = 3600.0
    # Threads that take messages from the broker and start them on the worker's event loop.
    worker_threads: int = 8
    # Publications a worker carries at once, each mostly waiting for the platform.
    worker_concurrency: int = 500
    # At a stop (SIGTERM, SIGINT): how long the publications in flight (and the requests
    # being answered) get to end. What is still at work then is handed back to the other
    # workers; a process manager should wait a little longer than this before killing.
    stop_grace_seconds: float = Field(default=30.0, ge=0)

    # The worker's periodic jobs, each every so many seconds.
    # The safety sweep: hands over what came within the horizon, and what is overdue.
    sweep_interval_seconds: float = 2.0
    # Renewing the leases of the claims a worker holds; unset, a third of the lease, so that
    # two late renewals still keep a claim.
    lease_renewal_interval_seconds: float | None = Field(default=None, gt=0)
    # Tokens are renewed a day (Pinterest) or a week (Instagram Login) before they expire: a
    # look every minute is plenty.
    pinterest_token_renewal_interval_seconds: float = Field(default=60.0, gt=0)
    instagram_token_refresh_interval_seconds: float = Field(default=60.0, gt=0)
    # Each worker writes its heartbeat this often; it counts as alive while its last one is at
    # most three intervals old (/readyz, `autopost status`).
    heartbeat_seconds: float = Field(default=15.0, gt=0)
    # Bringing every Instagram account's media in; 0 turns it off.
    instagram_sync_interval_seconds: float = 3600.0
    # Collecting the insights of every account: each run asks only about what is due today
    # (a media once a day, weekly once it is a month old), so runs may be frequent; 0 turns
    # it off.
    insights_interval_seconds: float = Field(default=3600.0, ge=0)
    # Making the occurrences of recurring posts that came within the horizon.
    series_interval_seconds: float = Field(default=3600.0, gt=0)

    # Webhooks: private, loopback and link-local addresses (and plain http) are refused unless
    # allowed (a receiver on the operator's own network, or in tests).
    webhooks_allow_private: bool = False
    # How long a receiver has to answer one delivery.
    webhook_timeout_seconds: float = Field(default=15.0, gt=0)
    # Deliveries a worker sends at once; more wait their turn (never a publication's).
    webhook_concurrency: int = Field(default=32, gt=0)
    # The webhooks' sweep: hands on the events and sends the deliveries that were missed.
    webhook_sweep_interval_seconds: float = Field(default=10.0, gt=0)

    # The occurrences of a recurring post are made (and shown) this many weeks ahead.
    series_horizon_weeks: float = Field(default=4.0, gt=0, le=520)

    # A post scheduled or moved within this many minutes of another on the same account is
    # answered with a warning (it is scheduled all the same); 0 turns that warning off.
    conflict_window_minutes: float = Field(default=10.0, ge=0)
    # Contributors' posts wait for a Publisher's or an Administrator's approval on every
    # account (an account can ask for it alone: its ``requires_approval``).
    approval_required: bool = False

    @field_validator("media_s3_endpoint_url")
    @classmethod
    def _an_address(cls, url: str) -> str:
        if url and not url.startswith(("http://", "https://")):
            raise ValueError("an http:// or https:// address (http://minio.internal:9000)")
        return url

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'autopost.db'}"

    @property
    def effective_media_dir(self) -> Path:
        return self.media_dir or self.var_dir / "media"

    @property
    def effective_lease_renewal_interval_seconds(self) -> float:
        if self.lease_renewal_interval_seconds is not None:
            return self.lease_renewal_interval_seconds
        return self.publish_lease_seconds / 3

    @property
    def instagram_login_api_url(self) -> str:
        """graph.instagram.com at the Graph API version of ``instagram_graph_url``."""
        version = self.instagram_graph_url.rstrip("/").rsplit("/", 1)[-1]
        if not version.startswith("v"):
            version = "v24.0"
        return f"{self.instagram_login_graph_url.rstrip('/')}/{version}"

    @property
    def pinterest_environment(self) -> str:
        return "sandbox" if self.pinterest_use_sandbox else "production"

    @property
    def effective_pinterest_api_url(self) -> str:
        if self.pinterest_api_url:
            return self.pinterest_api_url
        return PINTEREST_SANDBOX_URL if self.pinterest_use_sandbox else PINTEREST_PRODUCTION_URL


def load_settings() -> Settings:
    """The settings, with a secret key generated into ``var/`` on first run if none is set."""
    settings = Settings()
    if "AUTOPOST_RETRY_MAX_ATTEMPTS" in os.environ:
        log.warning(
            "AUTOPOST_RETRY_MAX_ATTEMPTS no longer does anything: passing failures are retried "
            "for AUTOPOST_RETRY_WINDOW_SECONDS (%s s) past the post's time.",
            f"{settings.retry_window_seconds:g}",
        )
    if not settings.secret_key:
        settings.secret_key = _generated_secret_key(settings.var_dir / "secret_key")
    return settings


def _generated_secret_key(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # Created readable by its owner only, never for a moment by anyone else.
    with os.fdopen(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "w") as file:
        file.write(key)
    log.warning(
        "AUTOPOST_SECRET_KEY is not set: generated one into %s. Keep that file (or set the "
        "variable): without it, stored tokens cannot be decrypted.",
        path,
    )
    return key
