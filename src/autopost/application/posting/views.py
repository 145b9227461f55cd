"""What reads hand back: a post with its publications, one per account, as the API shows it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from attrs import Factory, frozen

from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.post import Post
from autopost.domain.post_conflicts import ConflictWarning
from autopost.domain.publication import ScheduledPublication


@frozen
class PlaceNames:
    """The names the boards cache gives the boards and sections of a post's pins, by
    (account id, board id) and (account id, section id)."""

    boards: Mapping[tuple[int, str], str] = Factory(dict)
    sections: Mapping[tuple[int, str], str] = Factory(dict)


@frozen
class PostView:
    post: Post
    # One per account, in the order the accounts were named: the first is the post's own.
    publications: tuple[ScheduledPublication, ...]
    # The accounts of the publications, by id.
    accounts: Mapping[int, Credential]
    # When it was read: the "now" of ``next_attempt_at``.
    read_at: datetime
    # What scheduling or moving it crowds among the accounts' other posts; none on a read.
    warnings: tuple[ConflictWarning, ...] = ()
    places: PlaceNames = Factory(PlaceNames)

    def board_name_of(self, publication: ScheduledPublication) -> str | None:
        """The name of the pin's board, when the account's boards cache knows it."""
        if publication.board_id is None:
            return None
        return self.places.boards.get((publication.credential_id, publication.board_id))

    def section_name_of(self, publication: ScheduledPublication) -> str | None:
        if publication.board_section_id is None:
            return None
        return self.places.sections.get((publication.credential_id, publication.board_section_id))

    @property
    def publication(self) -> ScheduledPublication:
        """The first account's publication: what the post's own fields show."""
        return self.publications[0]

    @property
    def credential(self) -> Credential:
        return self.account_of(self.publication)

    def account_of(self, publication: ScheduledPublication) -> Credential:
        return self.accounts[publication.credential_id]

    @property
    def updated_at(self) -> datetime:
        """When the post or any of its publications last changed."""
        return max(
            *(publication.updated_at for publication in self.publications),
            self.post.updated_at or self.post.created_at,
        )

    @property
    def next_attempt_at(self) -> datetime | None:
        return self.next_attempt_of(self.publication)

    def next_attempt_of(self, publication: ScheduledPublication) -> datetime | None:
        """Never in the past: see ``ScheduledPublication.next_attempt``."""
        return publication.next_attempt(self.read_at)

    @property
    def account_id(self) -> str:
        return self.credential.account_id

    @property
    def problem(self) -> str | None:
        return self.problem_of(self.publication)

    def problem_of(self, publication: ScheduledPublication) -> str | None:
        """What stands in the way of this publication: its own last error, or, while it
        waits, an account that must be reconnected first."""
        credential = self.account_of(publication)
        if publication.is_active and credential.status is CredentialStatus.NEEDS_RECONNECT:
            return credential.status_reason or "Reconnect the account before its time."
        return publication.error
