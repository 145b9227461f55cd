"""What reads hand back: a post with its publication, as the API shows it."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen

from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.post import Post
from autopost.domain.post_conflicts import ConflictWarning
from autopost.domain.publication import ScheduledPublication


@frozen
class PostView:
    post: Post
    publication: ScheduledPublication
    credential: Credential
    # When it was read: the "now" of ``next_attempt_at``.
    read_at: datetime
    # What scheduling or moving it crowds among the account's other posts; none on a read.
    warnings: tuple[ConflictWarning, ...] = ()

    @property
    def updated_at(self) -> datetime:
        """When the post or its publication last changed."""
        return max(self.publication.updated_at, self.post.updated_at or self.post.created_at)

    @property
    def next_attempt_at(self) -> datetime | None:
        """Never in the past: see ``ScheduledPublication.next_attempt``."""
        return self.publication.next_attempt(self.read_at)

    @property
    def account_id(self) -> str:
        return self.credential.account_id

    @property
    def problem(self) -> str | None:
        """What stands in the way of this post: its own last error, or, while it waits, an
        account that must be reconnected first."""
        if (
            self.publication.is_active
            and self.credential.status is CredentialStatus.NEEDS_RECONNECT
        ):
            return self.credential.status_reason or "Reconnect the account before its time."
        return self.publication.error
