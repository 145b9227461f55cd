"""What reads hand back: a post with its publication, as the API shows it."""

from __future__ import annotations

from attrs import frozen

from autopost.domain.post import Post
from autopost.domain.publication import ScheduledPublication


@frozen
class PostView:
    post: Post
    publication: ScheduledPublication
    account_id: str
