"""What reads hand back: a post with its publication, as the API shows it."""

from __future__ import annotations

from attrs import frozen

from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.post import Post
from autopost.domain.publication import ScheduledPublication


@frozen
class PostView:
    post: Post
    publication: ScheduledPublication
    credential: Credential

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
