"""A Pinterest account's boards and their sections as stored (Pinterest is not called), and its
default board:
where a pin goes when its topic names no board and there is no board named ``code``
(``domain.board.choose_board``)."""

from __future__ import annotations

from collections.abc import Sequence

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.pinterest.boards import pinterest_credential
from autopost.application.pinterest.errors import DefaultBoardUnknown
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.board import Board, BoardSection
from autopost.domain.credential import Credential


class ListStoredBoards:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, credential_id: int) -> Sequence[Board]:
        authorize(actor, Action.VIEW, Resource.CREDENTIAL)
        async with self._uow as uow:
            credential = await pinterest_credential(uow, credential_id)
            assert credential.id is not None
            return await uow.boards.for_credential(credential.id)


class ListStoredSections:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, credential_id: int) -> Sequence[BoardSection]:
        authorize(actor, Action.VIEW, Resource.CREDENTIAL)
        async with self._uow as uow:
            credential = await pinterest_credential(uow, credential_id)
            assert credential.id is not None
            return await uow.boards.sections_for_credential(credential.id)


class SetDefaultBoard:
    """``board_id`` one of the account's stored boards, or None for no default board."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, credential_id: int, board_id: str | None) -> Credential:
        async with self._uow as uow:
            credential = await pinterest_credential(uow, credential_id)
            assert credential.id is not None
            authorize(actor, Action.CHANGE, Resource.CREDENTIAL, credential.owner_id)
            if board_id is not None:
                known = {b.board_id for b in await uow.boards.for_credential(credential.id)}
                if board_id not in known:
                    raise DefaultBoardUnknown(board_id)
            if credential.default_board_id != board_id:
                credential.default_board_id = board_id
                now = self._clock.now()
                summary = f"default board {board_id}" if board_id else "no default board"
                await record(
                    uow, actor, "changed", Resource.CREDENTIAL, credential.id, now, summary
                )
                await uow.commit()
            return credential
