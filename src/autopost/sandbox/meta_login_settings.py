"""What Meta's login emulators start with: the apps, the demo Facebook user and their Page.

The demo Facebook user has one Page, linked to the demo Instagram account; the Instagram app's
secret is ``InstagramSettings.app_secret``, which ``GET /access_token`` checks too.
"""

from __future__ import annotations

from dataclasses import dataclass

FACEBOOK_APP_ID = "sandbox-facebook-app"
FACEBOOK_APP_SECRET = "sandbox-facebook-secret"  # noqa: S105 - a well-known fake, printed at start
INSTAGRAM_APP_ID = "sandbox-instagram-app"
DEMO_FACEBOOK_USER_ID = "10200000000000001"
DEMO_FACEBOOK_USER_NAME = "Autopost Demo"
DEMO_PAGE_ID = "10300000000000001"
DEMO_PAGE_NAME = "Autopost Demo Page"


@dataclass(frozen=True)
class MetaLoginSettings:
    """Knobs of the login emulators; changed at run time through ``/_sandbox/login/settings``."""

    facebook_app_id: str = FACEBOOK_APP_ID
    facebook_app_secret: str = FACEBOOK_APP_SECRET
    instagram_app_id: str = INSTAGRAM_APP_ID
    # The consent dialogs refuse (``error=access_denied``) instead of granting at once.
    deny_facebook_consent: bool = False
    deny_instagram_consent: bool = False
