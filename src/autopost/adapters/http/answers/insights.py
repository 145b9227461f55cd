"""The insights kept, day by day."""

from __future__ import annotations

import datetime

from pydantic import Field

from autopost.adapters.http.answers.base import Answer, Time


class MediaInsightsDay(Answer):
    """A media's lifetime totals as of ``day``; a metric Instagram did not give is null."""

    day: datetime.date = Field(description="The UTC day they were collected.")
    views: int | None
    reach: int | None
    likes: int | None
    comments: int | None
    shares: int | None
    saved: int | None
    total_interactions: int | None
    reels_avg_watch_time_ms: int | None = Field(description="Reels only.")
    reels_watch_time_ms: int | None = Field(description="Reels only: the total.")
    collected_at: Time


class MediaInsights(Answer):
    media: int = Field(description="The media's id (as in `/api/posts/{id}/`).")
    days: list[MediaInsightsDay] = Field(description="Oldest first.")


class AccountInsightsDay(Answer):
    day: datetime.date = Field(description="The UTC day they were collected.")
    followers_count: int | None
    online_followers: list[int | None] = Field(
        description="Followers online in each hour 0-23, as Instagram gives the hours; empty "
        "when Instagram gives none (accounts under 100 followers)."
    )
    collected_at: Time


class AccountInsights(Answer):
    credential: int
    days: list[AccountInsightsDay] = Field(description="Oldest first.")


class PinInsightsDay(Answer):
    """The pin's numbers of that day alone (not running totals)."""

    day: datetime.date
    impressions: int | None
    saves: int | None
    pin_clicks: int | None
    outbound_clicks: int | None
    collected_at: Time


class PinInsights(Answer):
    post: int
    publication: int
    days: list[PinInsightsDay] = Field(description="Oldest first.")
