"""What the Graph node specs allow, copied from the platform's own description.

Source: ``contracts/instagram-graph/{IGUser,IGMedia,IGComment,ShadowIGMediaBuilder,
ContentPublishingLimitResponse,IGAccessTokenForIGOnlyAPI,IGRefreshAccessTokenForIGOnlyAPI,
enum_types.instagram}.json``
(facebook/facebook-business-sdk-codegen, commit ad2b0b6f). Kept as constants so the sandbox
runs where the contract files are not installed; ``tests/integration/sandbox`` checks they still
agree with the files.
"""

from __future__ import annotations

# Graph-wide parameters every call may carry besides the edge's own.
COMMON_PARAMS = frozenset({"access_token", "appsecret_proof"})

# IGUser ``POST media``: name -> contract type.
MEDIA_CREATE_PARAMS: dict[str, str] = {
    "alt_text": "string",
    "audio_name": "string",
    "caption": "string",
    "children": "list<string>",
    "collaborators": "list<string>",
    "cover_url": "string",
    "image_url": "string",
    "is_carousel_item": "bool",
    "location_id": "string",
    "media_type": "string",
    "product_tags": "list<map>",
    "share_to_feed": "bool",
    "thumb_offset": "string",
    "trial_params": "map",
    "upload_type": "string",
    "user_tags": "list<map>",
    "video_url": "string",
}

# IGUser ``POST media_publish``.
MEDIA_PUBLISH_PARAMS: dict[str, str] = {"creation_id": "unsigned int"}

IG_USER_FIELDS = frozenset(
    {
        "biography", "business_discovery", "followers_count", "follows_count", "has_profile_pic",
        "id", "ig_id", "is_published", "legacy_instagram_user_id", "media_count",
        "mentioned_comment", "mentioned_media", "name", "owner_business", "profile_picture_url",
        "shopping_product_tag_eligibility", "shopping_review_status", "username", "website",
    }
)  # fmt: skip

IG_MEDIA_FIELDS = frozenset(
    {
        "alt_text", "boost_eligibility_info", "caption", "comments_count",
        "copyright_check_information", "current_live_viewer_count", "has_poll", "has_slider",
        "id", "ig_id", "is_comment_enabled", "is_shared_to_feed", "legacy_instagram_media_id",
        "like_count", "media_product_type", "media_type", "media_url", "owner", "permalink",
        "shortcode", "thumbnail_url", "timestamp", "username", "video_title", "view_count",
    }
)  # fmt: skip

# IGMedia edges Graph also lets a client expand as fields (``children{media_url}``).
IG_MEDIA_EDGES = frozenset(
    {"boost_ads_list", "branded_content_partner_promote", "children", "collaborators",
     "comments", "insights", "product_tags"}
)  # fmt: skip

CONTAINER_FIELDS = frozenset(
    {"copyright_check_status", "id", "status", "status_code", "video_status"}
)

PUBLISHING_LIMIT_FIELDS = frozenset({"config", "quota_usage"})

# IGMedia ``POST comments``.
MEDIA_COMMENT_PARAMS: dict[str, str] = {"ad_id": "string", "message": "string"}

IG_COMMENT_FIELDS = frozenset(
    {"from", "hidden", "id", "legacy_instagram_comment_id", "like_count", "media", "parent_id",
     "text", "timestamp", "user", "username"}
)  # fmt: skip

# IGComment edges a client may also expand as fields (``replies{text}``).
IG_COMMENT_EDGES = frozenset({"replies"})

# IGComment ``POST replies``, ``POST`` (hide) and ``DELETE``.
COMMENT_REPLY_PARAMS: dict[str, str] = {"message": "string"}
COMMENT_HIDE_PARAMS: dict[str, str] = {"ad_id": "string", "hide": "bool"}
COMMENT_DELETE_PARAMS: dict[str, str] = {"ad_id": "string"}

# Instagram Login's ``GET access_token`` (IGAccessTokenForIGOnlyAPI) and
# ``GET refresh_access_token`` (IGRefreshAccessTokenForIGOnlyAPI).
TOKEN_EXCHANGE_PARAMS: dict[str, str] = {
    "access_token": "string",
    "client_secret": "string",
    "grant_type": "string",
}
TOKEN_REFRESH_PARAMS: dict[str, str] = {"access_token": "string", "grant_type": "string"}
TOKEN_EXCHANGE_FIELDS = frozenset({"access_token", "expires_in", "token_type"})
TOKEN_REFRESH_FIELDS = frozenset({"access_token", "expires_in", "permissions", "token_type"})

# IGMedia ``GET insights``: its params, and the values of its metric and period enums.
MEDIA_INSIGHTS_PARAMS = frozenset({"breakdown", "metric", "period"})
MEDIA_INSIGHTS_METRICS = frozenset(
    {
        "clips_replays_count", "comments", "content_views", "crossposted_views", "facebook_views",
        "follows", "ig_reels_aggregated_all_plays_count", "ig_reels_avg_watch_time",
        "ig_reels_video_view_total_time", "impressions", "likes", "navigation", "plays",
        "profile_activity", "profile_visits", "reach", "reels_skip_rate", "replies", "reposts",
        "saved", "shares", "total_comments", "total_interactions", "total_likes", "total_views",
        "video_views", "views"
    }
)  # fmt: skip
MEDIA_INSIGHTS_PERIODS = frozenset(
    {"day", "days_28", "lifetime", "month", "total_over_range", "week"}
)

# IGUser ``GET insights``.
USER_INSIGHTS_PARAMS = frozenset(
    {"breakdown", "metric", "metric_type", "period", "since", "timeframe", "until"}
)
USER_INSIGHTS_METRICS = frozenset(
    {
        "accounts_engaged", "comments", "content_views", "engaged_audience_demographics",
        "follower_count", "follower_demographics", "follows_and_unfollows", "likes",
        "online_followers", "profile_links_taps", "profile_views", "quotes", "reach",
        "reached_audience_demographics", "replies", "reposts", "saves", "shares", "threads_clicks",
        "threads_follower_demographics", "threads_followers", "threads_likes", "threads_replies",
        "threads_reposts", "threads_views", "total_interactions", "views", "website_clicks"
    }
)  # fmt: skip
USER_INSIGHTS_PERIODS = MEDIA_INSIGHTS_PERIODS
