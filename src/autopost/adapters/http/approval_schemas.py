"""Request bodies of drafts and approval. Unknown fields are ignored, as everywhere."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from autopost.adapters.http.schemas import TimeOrNow


class ScheduleDraftIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    date_pub: TimeOrNow | None = Field(
        default=None,
        description='When it is published: an ISO 8601 time with a time zone, or "now". Left '
        "out, the draft's own time (now, if it has none).",
    )


class ReturnIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    comment: str = Field(description="What to change: shown on the post as `review_comment`.")


class AccountApprovalIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    requires_approval: bool = Field(
        description="Contributors' posts to this account wait for a Publisher's or an "
        "Administrator's approval."
    )
