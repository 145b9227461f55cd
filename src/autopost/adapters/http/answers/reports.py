"""How publishing went over a period, per account and for all of them."""

from __future__ import annotations

from pydantic import Field

from autopost.adapters.http.answers.base import Answer, Time
from autopost.domain.refusal_advice import FailureKind


class FailureCount(Answer):
    kind: str = Field(
        description="What the refusals were about: `account` (reconnect it), `media`, "
        "`limits` (rate limits, quota), `board`, `other`.",
        json_schema_extra={"enum": [kind.value for kind in FailureKind]},
    )
    count: int


class AccountNumbers(Answer):
    credential: int | None = Field(description="The account; null in `total`.")
    platform: str | None = Field(description="`instagram` or `pinterest`; null in `total`.")
    name: str | None = Field(description="The account's name; null in `total`.")
    published: int
    failed: int
    waiting: int = Field(description="Still to be published: scheduled or awaiting approval.")
    on_time: int = Field(description="Published at most 60 seconds after their time.")
    on_time_rate: float | None = Field(description="`on_time` / `published`; null if none.")
    lateness_p50: float | None = Field(description="Seconds after their time, median.")
    lateness_p99: float | None = Field(description="Seconds after their time, 99th percentile.")
    failures: list[FailureCount] = Field(description="Failed publications by kind, most first.")
    insights: dict[str, int] = Field(
        description="What the account's insights add up to: for Instagram, the newest `views`, "
        "`reach`, `likes`, `comments`, `shares` and `saved` of its media published in the "
        "period; for Pinterest, its pins' `impressions`, `saves`, `pin_clicks` and "
        "`outbound_clicks` of the period's days. Empty before any are collected."
    )


class Report(Answer):
    """The publications whose time falls in `[start, end)`: cancelled ones and drafts are not
    counted."""

    start: Time
    end: Time
    accounts: list[AccountNumbers] = Field(description="Each account with posts in the period.")
    total: AccountNumbers
