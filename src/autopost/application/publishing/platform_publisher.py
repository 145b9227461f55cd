"""What the publishing use case asks of each platform's strategy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.application.publishing.outcomes import Outcome
from autopost.application.publishing.step import PublicationStep
from autopost.domain.credential import Credential


class PlatformPublisher(Protocol):
    async def advance(self, step: PublicationStep, credential: Credential) -> Outcome:
        """Do the next step of publishing on the platform and say how it ended. What is
        published is ``step.post()``.

        What it made on the platform on the way (a media container, the board chosen) it
        records on ``step.publication`` with the domain's methods; it is saved with the
        outcome. It saves nothing itself but through ``step.checkpoint``, and its one call
        that makes the post visible comes right after ``Checkpoint.PUBLISHING``. Platform
        errors (``autopost.application.ports.platform_errors``) are raised, and the use case
        turns them into outcomes."""
        ...

    async def addresses(self, credential: Credential, remote_ids: Sequence[str]) -> dict[str, str]:
        """The public addresses of posts of this account that ``advance`` published without
        giving one, by remote id, asked once they are saved as published: few calls for many
        posts. A post the platform cannot say about now is left out."""
        ...
