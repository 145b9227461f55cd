"""``SyncProgressRepository`` over the ``media_sync_progress`` table, with Core statements."""

from __future__ import annotations

from sqlalchemy import delete, select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import media_sync_progress
from autopost.adapters.persistence.upsert import dialect_insert
from autopost.application.ports.sync_progress_repository import SyncProgress

_columns = media_sync_progress.c


class SqlaSyncProgressRepository(SessionRepository):
    async def get(self, credential_id: int) -> SyncProgress | None:
        query = select(media_sync_progress).where(_columns.credential_id == credential_id)
        row = (await self._execute(query)).mappings().first()
        if row is None:
            return None
        return SyncProgress(row["credential_id"], row["after"], row["full"], row["started_at"])

    async def save(self, progress: SyncProgress) -> None:
        values = {
            "credential_id": progress.credential_id,
            "after": progress.after,
            "full": progress.full,
            "started_at": progress.started_at,
        }
        insert = dialect_insert(self._session, media_sync_progress).values(values)
        statement = insert.on_conflict_do_update(
            index_elements=[_columns.credential_id],
            set_={name: insert.excluded[name] for name in ("after", "full", "started_at")},
        )
        await self._execute(statement)

    async def forget(self, credential_id: int) -> None:
        await self._execute(
            delete(media_sync_progress).where(_columns.credential_id == credential_id)
        )
