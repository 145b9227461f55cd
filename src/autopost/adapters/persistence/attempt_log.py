from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import publication_attempts
from autopost.domain.attempt import PublicationAttempt


class SqlaAttemptLog(SessionRepository):
    async def add(self, attempt: PublicationAttempt) -> None:
        # Written by the step's own commit, with the publication it changed: no flush of its
        # own (nothing to conflict with, and no one needs its id before then).
        self._session.add(attempt)

    async def of_publications(self, ids: Collection[int]) -> Sequence[PublicationAttempt]:
        if not ids:
            return ()
        return await self._all(
            select(PublicationAttempt)
            .where(publication_attempts.c.publication_id.in_(list(ids)))
            .order_by(publication_attempts.c.at, publication_attempts.c.id)
        )
