"""What drafts and approval refuse, one class for each rule."""

from __future__ import annotations

from autopost.domain.errors import Conflict, PermissionDenied, Refused


class NotAReviewer(PermissionDenied):
    """Only someone with full control of posts (a Publisher, an Administrator) approves a
    post or sends it back."""

    def __init__(self) -> None:
        super().__init__("Only a Publisher or an Administrator may approve or return a post.")


class NotAwaitingApproval(Conflict):
    """Approving, or sending back, a post that is not waiting for it."""

    def __init__(self, status: str) -> None:
        super().__init__(f"this post is {status}, not awaiting approval")
        self.status = status


class NotADraft(Conflict):
    """Scheduling as a draft a post that is not one."""

    def __init__(self, status: str) -> None:
        super().__init__(f"this post is {status}, not a draft")
        self.status = status


class ReviewCommentRequired(Refused):
    """A post is sent back with a comment saying what to change."""

    def __init__(self) -> None:
        super().__init__("Say what to change: a post is sent back with a comment.")
