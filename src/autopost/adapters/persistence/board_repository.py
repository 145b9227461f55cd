from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from autopost.adapters.persistence.conflicts import translated
from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import boards
from autopost.domain.board import Board, BoardSource

_columns = boards.c


def _name_key(name: str) -> str:
    # The comparison ``choose_board`` makes, so that "same name" means the same here and there.
    return name.strip().casefold()


class SqlaBoardRepository(SessionRepository):
    async def for_credential(self, credential_id: int) -> Sequence[Board]:
        return await self._all(
            select(Board)
            .where(_columns.credential_id == credential_id)
            .order_by(_columns.name, _columns.id)
        )

    async def replace(self, credential_id: int, boards: Sequence[Board], keep_manual: bool) -> None:
        """Deletes and inserts in the caller's transaction. A board given twice is stored once
        (the first); a kept manual board also gives way to a new one with its ``board_id``.
        Boards already stored (with an id) stay and keep any change made to them."""
        by_board_id: dict[str, Board] = {}
        for board in boards:
            by_board_id.setdefault(board.board_id, board)
        incoming = list(by_board_id.values())
        strangers = [board.board_id for board in incoming if board.credential_id != credential_id]
        if strangers:
            raise ValueError(f"boards {strangers} are not of credential {credential_id}")
        kept = {board.id for board in incoming if board.id is not None}
        if keep_manual:
            names = {_name_key(board.name) for board in incoming}
            board_ids = {board.board_id for board in incoming}
            manual = await self._execute(
                select(_columns.id, _columns.board_id, _columns.name).where(
                    _columns.credential_id == credential_id,
                    _columns.source == BoardSource.MANUAL,
                )
            )
            kept |= {
                row.id
                for row in manual
                if _name_key(row.name) not in names and row.board_id not in board_ids
            }
        # A statement of its own, run before the inserts are flushed: a new row may reuse a
        # deleted one's board_id, and a single flush would insert before deleting. Being an ORM
        # statement, it also drops the deleted boards this session had loaded.
        await self._execute(
            delete(Board).where(_columns.credential_id == credential_id, _columns.id.not_in(kept))
        )
        self._session.add_all(incoming)
        async with translated(self._session):
            await self._session.flush()
