from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import insert, select

from autopost.adapters.persistence.conflicts import translated
from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import publication_attempts
from autopost.domain.attempt import PublicationAttempt


class SqlaAttemptLog(SessionRepository):
    async def add(self, attempt: PublicationAttempt) -> None:
        # In the step's own transaction, by a Core INSERT: on the due second's path, the ORM's
        # flush of a new row costs several times the statement (no one needs its id). One
        # statement made once, given its values as parameters: a statement built per call
        # has its cache key worked out again at each execution.
        connection = await self._session.connection()
        async with translated(self._session):
            await connection.execute(
                _ADD,
                {
                    "publication_id": attempt.publication_id,
                    "at": attempt.at,
                    "asked": attempt.asked,
                    "answer": attempt.answer,
                    "detail": attempt.detail,
                    "next_at": attempt.next_at,
                },
            )

    async def of_publications(self, ids: Collection[int]) -> Sequence[PublicationAttempt]:
        if not ids:
            return ()
        return await self._all(
            select(PublicationAttempt)
            .where(publication_attempts.c.publication_id.in_(list(ids)))
            .order_by(publication_attempts.c.at, publication_attempts.c.id)
        )


_ADD = insert(publication_attempts)
