"""What the sandbox holds for a person to try Autopost with: the demo accounts, apps, keys and
tokens, as they are now (the control API can change the apps' settings)."""

from __future__ import annotations

from typing import Any

from autopost.sandbox.demo_keys import (
    CLICKUP_DEMO_KEY,
    GEMINI_DEMO_KEY,
    HUNTFLOW_PROD_DEMO_KEY,
    HUNTFLOW_SANDBOX_DEMO_KEY,
    NOTION_DEMO_KEY,
)
from autopost.sandbox.google_sign_in_state import GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET
from autopost.sandbox.meta_login_sandbox import MetaLoginSandbox
from autopost.sandbox.meta_login_settings import DEMO_FACEBOOK_USER_ID, DEMO_PAGE_ID
from autopost.sandbox.pinterest_sandbox import PinterestSandbox
from autopost.sandbox.pinterest_settings import (
    PINTEREST_DEMO_ACCESS_TOKEN,
    PINTEREST_DEMO_REFRESH_TOKEN,
    PINTEREST_DEMO_USERNAME,
)
from autopost.sandbox.runtime import Sandbox
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID, DEMO_USERNAME
from autopost.sandbox.telegram_state import TELEGRAM_BOT_TOKEN, TELEGRAM_BOT_USERNAME


def demo_accounts(
    sandbox: Sandbox, pinterest: PinterestSandbox, login: MetaLoginSandbox
) -> dict[str, Any]:
    meta = login.settings
    return {
        "instagram": {
            "ig_user_id": DEMO_IG_USER_ID,
            "username": DEMO_USERNAME,
            "access_token": DEMO_ACCESS_TOKEN,
        },
        "facebook_login": {
            "app_id": meta.facebook_app_id,
            "app_secret": meta.facebook_app_secret,
            "user_id": DEMO_FACEBOOK_USER_ID,
            "page_id": DEMO_PAGE_ID,
        },
        "instagram_login": {
            "app_id": meta.instagram_app_id,
            "app_secret": sandbox.instagram.settings.app_secret,
        },
        "pinterest": {
            "username": PINTEREST_DEMO_USERNAME,
            "access_token": PINTEREST_DEMO_ACCESS_TOKEN,
            "refresh_token": PINTEREST_DEMO_REFRESH_TOKEN,
            "client_id": pinterest.settings.client_id,
            "client_secret": pinterest.settings.client_secret,
            "environment": pinterest.settings.environment.value,
        },
        "google_sign_in": {"client_id": GOOGLE_CLIENT_ID, "client_secret": GOOGLE_CLIENT_SECRET},
        "gemini": {"api_key": GEMINI_DEMO_KEY},
        "huntflow": {
            "prod_api_key": HUNTFLOW_PROD_DEMO_KEY,
            "sandbox_api_key": HUNTFLOW_SANDBOX_DEMO_KEY,
        },
        "clickup": {"api_key": CLICKUP_DEMO_KEY},
        "notion": {"integration_token": NOTION_DEMO_KEY},
        "telegram": {"bot_username": TELEGRAM_BOT_USERNAME, "bot_token": TELEGRAM_BOT_TOKEN},
    }
