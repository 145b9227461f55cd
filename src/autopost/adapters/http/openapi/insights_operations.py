"""The insights kept: a media's, an account's and a published pin's, day by day."""

from __future__ import annotations

from autopost.adapters.http.answers.insights import AccountInsights, MediaInsights, PinInsights
from autopost.adapters.http.openapi.json_schema import STRING
from autopost.adapters.http.openapi.operation import (
    INVALID,
    NOT_FOUND,
    Operation,
    Reply,
    path_id,
    query,
)

SINCE = query("since", STRING, "The first day to include, `YYYY-MM-DD`; every day without it.")
COLLECTED = (
    "Collected by the workers every `AUTOPOST_INSIGHTS_INTERVAL_SECONDS` and by "
    "`autopost instagram insights`: a row per day collected."
)

INSIGHTS_OPERATIONS = (
    Operation(
        "get",
        "/api/posts/{media_pk}/insights/",
        "get_media_insights",
        "A media's insights, day by day",
        "insights",
        {200: Reply("The media's days.", MediaInsights), 400: INVALID, 404: NOT_FOUND},
        params=(path_id("media_pk", "media (its `id` here, not Instagram's)"), SINCE),
        description="Instagram's lifetime totals of the media as of each day collected; a "
        "metric Instagram does not give for this kind of media (a story's likes, a photo's "
        f"watch time) is null. {COLLECTED}",
    ),
    Operation(
        "get",
        "/api/v1/credentials/{credential_id}/insights/",
        "get_account_insights",
        "An Instagram account's followers, day by day",
        "insights",
        {200: Reply("The account's days.", AccountInsights), 400: INVALID, 404: NOT_FOUND},
        params=(path_id("credential_id", "connected account"), SINCE),
        description=f"Its follower count and how many followers were online by hour. {COLLECTED}",
    ),
    Operation(
        "get",
        "/api/v1/posts/{post_id}/publications/{publication_id}/insights/",
        "get_pin_insights",
        "A published pin's analytics, day by day",
        "insights",
        {200: Reply("The pin's days.", PinInsights), 400: INVALID, 404: NOT_FOUND},
        params=(
            path_id("post_id", "post"),
            path_id("publication_id", "post's Pinterest publication"),
            SINCE,
        ),
        description="Pinterest's impressions, saves, pin clicks and outbound clicks of each "
        "day, for the last week of each pin younger than 90 days. 404 for a publication that "
        f"is not the post's, or not on Pinterest. {COLLECTED}",
    ),
)
