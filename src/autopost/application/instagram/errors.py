"""What Autopost refuses to send to Instagram, one class for each rule."""

from __future__ import annotations

from autopost.domain.errors import Refused


class CommentRefused(Refused):
    """A comment Instagram would not take: ``messages`` are the rules it breaks."""
