"""What Pinterest API v5 allows, copied from the platform's own description.

Source: ``contracts/pinterest/openapi-v5.json`` (pinterest/api-description, release 5.23.0):
``PinCreate`` (maxLength of its text fields), ``PinMediaSource`` (its ``source_type`` values),
``PinMediaSourceImagesURL`` (how many images), ``BoardSection`` (its name's length), the
``bookmark``/``page_size`` parameters and those of ``GET /pins/{pin_id}/analytics``. Kept as
constants so the sandbox runs where the contract file is not installed;
``tests/integration/sandbox`` checks they still agree with it.
"""

from __future__ import annotations

# PinCreate: text field -> maxLength.
PIN_TEXT_LIMITS: dict[str, int] = {
    "title": 100,
    "description": 800,
    "alt_text": 500,
    "link": 2048,
}

# PinCreate properties holding a numeric id (``pattern: ^\d+$``).
PIN_ID_FIELDS = ("board_id", "board_section_id", "parent_pin_id", "sponsor_id")

# PinMediaSource's discriminator mapping.
MEDIA_SOURCE_TYPES = frozenset(
    {"image_base64", "image_url", "video_id", "multiple_image_base64", "multiple_image_urls",
     "pin_url"}
)  # fmt: skip

# PinMediaSourceImagesURL.items: minItems and maxItems; its items' string properties.
IMAGES_MIN_ITEMS = 2
IMAGES_MAX_ITEMS = 5
IMAGE_ITEM_TEXTS = ("title", "description", "link")

# BoardSection.name: minLength and maxLength.
SECTION_NAME_MIN = 1
SECTION_NAME_MAX = 180

PAGE_SIZE_DEFAULT = 25
PAGE_SIZE_MAX = 250

OAUTH_GRANT_TYPES = frozenset({"authorization_code", "refresh_token", "client_credentials"})

# ``GET /pins/{pin_id}/analytics``: its query parameters and their enums. metric_types takes
# either of two lists (standard and video pins); this is both.
PIN_ANALYTICS_PARAMS = frozenset(
    {"start_date", "end_date", "app_types", "metric_types", "split_field", "ad_account_id"}
)
PIN_ANALYTICS_METRIC_TYPES = frozenset(
    {"IMPRESSION", "OUTBOUND_CLICK", "PIN_CLICK", "SAVE", "SAVE_RATE", "TOTAL_COMMENTS",
     "TOTAL_REACTIONS", "USER_FOLLOW", "PROFILE_VISIT", "VIDEO_MRC_VIEW", "VIDEO_10S_VIEW",
     "QUARTILE_95_PERCENT_VIEW", "VIDEO_V50_WATCH_TIME", "VIDEO_START", "VIDEO_AVG_WATCH_TIME"}
)  # fmt: skip
PIN_ANALYTICS_APP_TYPES = frozenset({"ALL", "MOBILE", "TABLET", "WEB"})
PIN_ANALYTICS_SPLIT_FIELDS = frozenset({"NO_SPLIT", "APP_TYPE"})
