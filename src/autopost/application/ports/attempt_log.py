"""Where each step of work on a publication is kept, for the post's timeline."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from autopost.domain.attempt import PublicationAttempt


class AttemptLog(Protocol):
    async def add(self, attempt: PublicationAttempt) -> None:
        """Written by the commit of the step it records."""
        ...

    async def of_publications(self, ids: Collection[int]) -> Sequence[PublicationAttempt]:
        """Every attempt of these publications, oldest first."""
        ...
