from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import null, select, update

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import comments
from autopost.adapters.persistence.upsert import dialect_insert
from autopost.domain.errors import ConcurrentUpdate, DomainError
from autopost.domain.instagram_media import Comment

# The port names its argument ``comments``: the table goes by another name here.
_table = comments
_columns = comments.c

# Comments marked deleted per statement: far below both databases' limit of parameters.
_CHUNK = 1000


def _already_stored() -> DomainError:
    # Only a race gets here: a sync stored the comment between its creation and this add.
    return ConcurrentUpdate("this comment was stored by a sync meanwhile")


def _row(comment: Comment) -> dict[str, Any]:
    return {
        "media_pk": comment.media_id,
        "comment_id": comment.comment_id,
        "parent_id": comment.parent_id,
        "text": comment.text,
        "username": comment.username,
        "timestamp": comment.timestamp,
        "like_count": comment.like_count,
        "hidden": comment.hidden,
        "author_id": comment.author_id,
    }


class SqlaCommentRepository(SessionRepository):
    async def add(self, comment: Comment) -> None:
        """Raises ``ConcurrentUpdate`` when a comment with this ``comment_id`` is stored."""
        await self._add(comment, _already_stored)

    async def get(self, comment_pk: int) -> Comment | None:
        return await self._get(Comment, comment_pk, fresh=True)

    async def for_media(self, media_pk: int) -> Sequence[Comment]:
        return await self._all(
            select(Comment)
            .where(_columns.media_pk == media_pk, _columns.deleted_at.is_(None))
            .order_by(_columns.timestamp, _columns.id)
            .execution_options(populate_existing=True)
        )

    async def replace_synced(self, media_pk: int, comments: Sequence[Comment]) -> None:
        """Three statements (more past 1,000 comments), all Core: a comment this session
        had loaded is refreshed by the next ``get`` or ``for_media``. A known comment gets its
        text, username, likes and hidden flag, and is no longer deleted; its author stays. A
        comment given twice is stored once, the first winning. The port gives no time: the
        gone are marked deleted at this call's wall-clock time."""
        strangers = [c.comment_id for c in comments if c.media_id != media_pk]
        if strangers:
            raise ValueError(f"comments {strangers} are not of media {media_pk}")
        by_id: dict[str, dict[str, Any]] = {}
        for comment in comments:
            by_id.setdefault(comment.comment_id, _row(comment))
        rows = list(by_id.values())
        stored = await self._execute(
            select(_columns.id, _columns.comment_id).where(
                _columns.media_pk == media_pk, _columns.deleted_at.is_(None)
            )
        )
        gone = [row.id for row in stored if row.comment_id not in by_id]
        if rows:
            await self._upsert(rows)
        now = datetime.now(UTC)
        for start in range(0, len(gone), _CHUNK):
            await self._execute(
                update(_table)
                .where(_columns.id.in_(gone[start : start + _CHUNK]))
                .values(deleted_at=now)
            )

    async def _upsert(self, rows: list[dict[str, Any]]) -> None:
        insert = dialect_insert(self._session, _table)
        new = insert.excluded
        statement = insert.on_conflict_do_update(
            index_elements=[_columns.comment_id],
            set_={
                "text": new.text,
                "username": new.username,
                "like_count": new.like_count,
                "hidden": new.hidden,
                "deleted_at": null(),  # not None: see SqlaMediaRepository.upsert_page
            },
        )
        # The RETURNING is what makes it one multi-row INSERT: see SqlaMediaRepository.
        await self._execute(statement.returning(_columns.id), rows)
