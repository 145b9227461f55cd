"""What the publishing use case asks of each platform's strategy."""

from __future__ import annotations

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

    async def address(self, credential: Credential, remote_id: str) -> str | None:
        """The public address of a post ``advance`` published without giving one, asked once
        the post is saved as published; None when the platform cannot say now."""
        ...
