"""``autopost sandbox``: local emulators of the platforms Autopost publishes to, and of the
services whose keys it checks.

The Graph routes are a catch-all under ``/``, so the control API (``/_sandbox``), Pinterest
(``/pinterest``), Google's sign-in (``/google``), the key-checked services (``key_services``)
and Meta's login endpoints (``meta_login_routes``) are mounted before them.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import BaseRoute, Mount, Route

from autopost.sandbox.channels_control import mail_control_routes, telegram_control_routes
from autopost.sandbox.clock import Clock, SystemClock
from autopost.sandbox.control import control_routes
from autopost.sandbox.control_index import control_index_routes
from autopost.sandbox.demo_accounts import demo_accounts
from autopost.sandbox.demo_keys import (
    CLICKUP_DEMO_KEY,
    GEMINI_DEMO_KEY,
    HUNTFLOW_PROD_DEMO_KEY,
    HUNTFLOW_SANDBOX_DEMO_KEY,
    NOTION_DEMO_KEY,
)
from autopost.sandbox.facebook_token_bridge import with_facebook_tokens
from autopost.sandbox.google_sign_in import google_sign_in_routes
from autopost.sandbox.google_sign_in_control import google_control_routes
from autopost.sandbox.google_sign_in_state import (
    GOOGLE_CLIENT_ID,
    GOOGLE_CLIENT_SECRET,
    GoogleSignInSandbox,
)
from autopost.sandbox.graph_errors import temporarily_unavailable
from autopost.sandbox.instagram import graph_routes
from autopost.sandbox.instagram_control import instagram_control_routes
from autopost.sandbox.instagram_rupload import rupload_routes
from autopost.sandbox.key_services import key_service_mounts
from autopost.sandbox.latency import Draw, Latency, Sleep
from autopost.sandbox.latency_control import latency_control_routes
from autopost.sandbox.mail_sink import MailSink
from autopost.sandbox.meta_login_control import meta_login_control_routes
from autopost.sandbox.meta_login_routes import meta_login_routes
from autopost.sandbox.meta_login_sandbox import MetaLoginSandbox
from autopost.sandbox.outage_control import outage_control_routes
from autopost.sandbox.outage_routes import while_up
from autopost.sandbox.pinterest_control import pinterest_control_routes
from autopost.sandbox.pinterest_errors import unavailable as pinterest_unavailable
from autopost.sandbox.pinterest_routes import pinterest_routes
from autopost.sandbox.pinterest_sandbox import PinterestSandbox
from autopost.sandbox.pinterest_settings import (
    PINTEREST_DEMO_ACCESS_TOKEN,
    PINTEREST_DEMO_REFRESH_TOKEN,
    PINTEREST_DEMO_USERNAME,
)
from autopost.sandbox.runtime import Sandbox
from autopost.sandbox.settings import (
    DEMO_ACCESS_TOKEN,
    DEMO_IG_USER_ID,
    DEMO_USERNAME,
    SandboxSettings,
)
from autopost.sandbox.telegram_bot_api import telegram_routes
from autopost.sandbox.telegram_state import (
    TELEGRAM_BOT_TOKEN,
    TELEGRAM_BOT_USERNAME,
    TelegramSandbox,
)


def create_app(
    settings: SandboxSettings | None = None,
    *,
    clock: Clock | None = None,
    sleep: Sleep = asyncio.sleep,
    draw: Draw = random.uniform,
) -> Starlette:
    """``sleep`` and ``draw`` (the jitter): how a platform call takes its latency."""
    settings = settings or SandboxSettings()
    clock = clock or SystemClock()
    sandbox = Sandbox(settings, clock, Latency(settings.latency, sleep, draw))
    pinterest = PinterestSandbox(settings.pinterest, clock)
    login = MetaLoginSandbox(settings.meta_login)
    google = GoogleSignInSandbox(clock)
    telegram = TelegramSandbox(clock)
    mail = MailSink(clock)
    also_reset = [pinterest.reset, login.reset, google.reset, telegram.reset, mail.reset]
    routes: list[BaseRoute] = [
        Mount("/_sandbox/telegram", routes=telegram_control_routes(telegram)),
        Mount("/_sandbox/mail", routes=mail_control_routes(mail)),
        Mount("/_sandbox/instagram", routes=instagram_control_routes(sandbox)),
        Mount("/_sandbox/pinterest", routes=pinterest_control_routes(pinterest)),
        Mount("/_sandbox/login", routes=meta_login_control_routes(sandbox, login)),
        Mount("/_sandbox/google", routes=google_control_routes(google)),
        # Without the slash, the Graph catch-all would answer.
        Route("/_sandbox", lambda request: RedirectResponse("/_sandbox/"), methods=["GET"]),
        Mount(
            "/_sandbox",
            routes=[
                *control_index_routes(lambda: demo_accounts(sandbox, pinterest, login)),
                *control_routes(sandbox, also_reset=also_reset),
                *outage_control_routes(sandbox),
                *latency_control_routes(sandbox.latency),
            ],
        ),
        Mount(
            "/pinterest",
            routes=while_up(
                sandbox,
                "pinterest",
                pinterest_routes(sandbox, pinterest),
                lambda: pinterest_unavailable().response(),
            ),
        ),
        Mount("/google", routes=google_sign_in_routes(google)),
        Mount("/telegram", routes=telegram_routes(sandbox, telegram)),
        *key_service_mounts(sandbox),
        *while_up(
            sandbox,
            "instagram",
            [
                *meta_login_routes(sandbox, login),
                *rupload_routes(sandbox),
                *with_facebook_tokens(sandbox, login, graph_routes(sandbox)),
            ],
            lambda: temporarily_unavailable().response(),
        ),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if settings.smtp_port is not None:
            app.state.smtp_port = await mail.start(settings.smtp_host, settings.smtp_port)
        try:
            yield
        finally:
            await mail.stop()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.sandbox = sandbox
    app.state.pinterest = pinterest
    app.state.meta_login = login
    app.state.google = google
    app.state.telegram = telegram
    app.state.mail = mail
    return app


def run(host: str = "127.0.0.1", port: int = 8900, settings: SandboxSettings | None = None) -> None:
    settings = settings or SandboxSettings()
    base = f"http://{host}:{port}"
    client = settings.pinterest
    print(f"Autopost sandbox on {base}")
    print(f"  Instagram Graph API: {base}/v24.0  (AUTOPOST_INSTAGRAM_GRAPH_URL)")
    print(f"  demo account: ig_user_id {DEMO_IG_USER_ID}, username {DEMO_USERNAME}")
    print(f"  demo access token: {DEMO_ACCESS_TOKEN}")
    print(f"  Instagram Login token endpoints: {base}/access_token, {base}/refresh_access_token")
    print(f"    app secret {settings.instagram.app_secret}")
    meta = settings.meta_login
    print(f"  Facebook Login dialog: {base}/facebook/dialog/oauth  (AUTOPOST_FACEBOOK_DIALOG_URL)")
    print(f"    app id {meta.facebook_app_id}, app secret {meta.facebook_app_secret}")
    print(f"  Instagram Login: AUTOPOST_INSTAGRAM_AUTHORIZE_URL={base}/instagram/oauth/authorize")
    print(f"    AUTOPOST_INSTAGRAM_TOKEN_URL={base}/instagram/oauth/access_token")
    print(f"    AUTOPOST_INSTAGRAM_LOGIN_GRAPH_URL={base}, app id {meta.instagram_app_id}")
    print(f"  Pinterest API v5: {base}/pinterest/v5  (AUTOPOST_PINTEREST_API_URL)")
    print(f"  Pinterest consent page: {base}/pinterest/oauth/  (AUTOPOST_PINTEREST_OAUTH_URL)")
    print(f"  Pinterest app: client id {client.client_id}  (AUTOPOST_PINTEREST_CLIENT_ID)")
    print(f"    client secret {client.client_secret}  (AUTOPOST_PINTEREST_CLIENT_SECRET)")
    print(f"  Pinterest demo account {PINTEREST_DEMO_USERNAME} ({client.environment.value}):")
    print(f"    access token {PINTEREST_DEMO_ACCESS_TOKEN}")
    print(f"    refresh token {PINTEREST_DEMO_REFRESH_TOKEN}")
    print(f"  Google sign-in: AUTOPOST_GOOGLE_AUTHORIZE_URL={base}/google/o/oauth2/v2/auth")
    print(f"    AUTOPOST_GOOGLE_TOKEN_URL={base}/google/token")
    print(f"    AUTOPOST_GOOGLE_USERINFO_URL={base}/google/userinfo")
    print(f"    client id {GOOGLE_CLIENT_ID}  (AUTOPOST_GOOGLE_CLIENT_ID)")
    print(f"    client secret {GOOGLE_CLIENT_SECRET}  (AUTOPOST_GOOGLE_CLIENT_SECRET)")
    print(f"    who signs in: {base}/_sandbox/google/account")
    print("  Key checks (/accounts/api/test-<integration>/), each with its demo key:")
    print(f"    Gemini: {base}/gemini/v1beta  (AUTOPOST_GEMINI_API_URL), {GEMINI_DEMO_KEY}")
    print(f"    Huntflow prod: {base}/huntflow/prod  (AUTOPOST_HUNTFLOW_PROD_URL),")
    print(f"      {HUNTFLOW_PROD_DEMO_KEY}")
    print(f"    Huntflow sandbox: {base}/huntflow/sandbox  (AUTOPOST_HUNTFLOW_SANDBOX_URL),")
    print(f"      {HUNTFLOW_SANDBOX_DEMO_KEY}")
    print(f"    ClickUp: {base}/clickup/api/v2  (AUTOPOST_CLICKUP_API_URL), {CLICKUP_DEMO_KEY}")
    print(f"    Notion: {base}/notion/v1  (AUTOPOST_NOTION_API_URL), {NOTION_DEMO_KEY}")
    print(f"  Telegram Bot API: {base}/telegram  (AUTOPOST_TELEGRAM_API_URL)")
    print(f"    bot @{TELEGRAM_BOT_USERNAME}  (AUTOPOST_TELEGRAM_BOT_USERNAME)")
    print(f"    token {TELEGRAM_BOT_TOKEN}  (AUTOPOST_TELEGRAM_BOT_TOKEN)")
    print(
        f'    a person writes to it: POST {base}/_sandbox/telegram/messages {{"chat_id", "text"}}'
    )
    if settings.smtp_port is not None:
        print(
            f"  SMTP sink: {settings.smtp_host}:{settings.smtp_port}  (AUTOPOST_SMTP_HOST, _PORT;"
        )
        print(f"    AUTOPOST_SMTP_STARTTLS=false); what it received: {base}/_sandbox/mail/")
    print(f'  a service down: PUT {base}/_sandbox/services/<name> {{"down": true}}')
    print(f"  platform latency: {settings.latency.describe()}")
    print(f'    PUT {base}/_sandbox/latency {{"ms": 500, "jitter_ms": 100}} changes it')
    print(f"  control API: {base}/_sandbox/", flush=True)
    # No access log: Graph clients may put access_token in the query string.
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False)
