"""What the login emulators' Graph answers may hold.

``IG_LOGIN_USER_FIELDS`` is copied from ``contracts/instagram-graph/IGUserForIGOnlyAPI.json``
(facebook/facebook-business-sdk-codegen, commit ad2b0b6f); ``tests/integration/sandbox`` checks
it still agrees with the file. The contracts have no Facebook ``User`` or ``Page`` node, so the
fields of those are the few the sandbox can answer; Graph knows many more.
"""

from __future__ import annotations

IG_LOGIN_USER_FIELDS = frozenset(
    {"account_type", "biography", "followers_count", "follows_count", "id", "media_count",
     "name", "profile_picture_url", "user_id", "username", "website"}
)  # fmt: skip

FACEBOOK_USER_FIELDS = frozenset({"id", "name"})

# Page fields; ``instagram_business_account`` and ``connected_instagram_account`` are IGUsers.
PAGE_FIELDS = frozenset(
    {"id", "name", "category", "tasks", "instagram_business_account",
     "connected_instagram_account"}
)  # fmt: skip
PAGE_DEFAULT_FIELDS = "id,name,category,tasks"
PAGE_CATEGORY = "Digital creator"
PAGE_TASKS = ("ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE")

# ``GET /oauth/access_token``: the code exchange and ``grant_type=fb_exchange_token``.
FACEBOOK_CODE_PARAMS = frozenset({"client_id", "client_secret", "redirect_uri", "code"})
FACEBOOK_EXCHANGE_PARAMS = frozenset(
    {"grant_type", "client_id", "client_secret", "fb_exchange_token"}
)
# ``POST api.instagram.com/oauth/access_token``.
INSTAGRAM_CODE_PARAMS = frozenset(
    {"client_id", "client_secret", "grant_type", "redirect_uri", "code"}
)
