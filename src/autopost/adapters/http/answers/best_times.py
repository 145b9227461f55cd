"""When to post on an account."""

from __future__ import annotations

from pydantic import Field

from autopost.adapters.http.answers.base import Answer, Time

WEEK_ROWS = "7 rows, Monday first, of 24 hours each (null: nothing known of that hour)."


class BestTimes(Answer):
    credential: int
    time_zone: str = Field(description="The zone of the rows' days and hours.")
    suggested: Time | None = Field(
        description="The best-scoring free hour of the coming week, at least 15 minutes from "
        "now; null when nothing is known yet."
    )
    online: list[list[float | None]] = Field(
        description=f"Followers online, on average, over the last 4 weeks: {WEEK_ROWS}"
    )
    results: list[list[float | None]] = Field(
        description=f"The average reach of the posts published in the hour: {WEEK_ROWS}"
    )
    score: list[list[float | None]] = Field(
        description=f"Both on one scale, 0 to 1, followers online weighing 60 %: {WEEK_ROWS}"
    )
    days: int = Field(description="Days of followers online read.")
    posts: int = Field(description="Past posts read (the last 90 days').")
