from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from autopost.adapters.persistence.conflicts import translated
from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import board_sections, boards
from autopost.domain.board import Board, BoardSection, BoardSource

_columns = boards.c
_sections = board_sections.c


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

    async def sections_for_credential(self, credential_id: int) -> Sequence[BoardSection]:
        return await self._all(
            select(BoardSection)
            .where(_sections.credential_id == credential_id)
            .order_by(_sections.board_id, _sections.name, _sections.id)
        )

    async def replace_sections(self, credential_id: int, sections: Sequence[BoardSection]) -> None:
        """Deletes and inserts in the caller's transaction; a section given twice is stored
        once (the first)."""
        by_key: dict[tuple[str, str], BoardSection] = {}
        for section in sections:
            if section.credential_id != credential_id:
                raise ValueError(f"section {section.section_id} is not of {credential_id}")
            by_key.setdefault((section.board_id, section.section_id), section)
        # Its own statement before the inserts are flushed, as in ``replace``.
        await self._execute(delete(BoardSection).where(_sections.credential_id == credential_id))
        self._session.add_all(
            BoardSection(s.credential_id, s.board_id, s.section_id, s.name, s.refreshed_at)
            for s in by_key.values()
        )
        async with translated(self._session):
            await self._session.flush()
