"""The boards cache of a Pinterest account: from the API, from the account's pins when the
API lists none (Pinterest's sandbox), or given by hand; and the sections of those boards, read
with them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from autopost.application.access import Actor, authorize
from autopost.application.connected_accounts import connected_account
from autopost.application.pinterest.errors import BoardsMalformed
from autopost.application.pinterest.tokens import PinterestTokens
from autopost.application.policy import PinterestPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.pinterest_gateway import PinterestGateway, RemoteBoard
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.board import Board, BoardSection, BoardSource
from autopost.domain.credential import Credential
from autopost.domain.platform import Platform


class BoardCatalog:
    def __init__(
        self,
        gateway: PinterestGateway,
        tokens: PinterestTokens,
        clock: Clock,
        policy: PinterestPolicy,
        uow: UnitOfWork,
    ) -> None:
        """``uow``: the catalog's own, for its transactions; a caller's is never committed
        here. Call the catalog with no transaction open: Pinterest may be called, and on
        SQLite the catalog's writes would wait for the caller's transaction to end."""
        self._gateway = gateway
        self._tokens = tokens
        self._clock = clock
        self._policy = policy
        self._uow = uow

    async def cached(self, credential: Credential) -> Sequence[Board]:
        """The boards as last stored, however old: Pinterest is not called."""
        assert credential.id is not None
        async with self._uow as uow:
            return await uow.boards.for_credential(credential.id)

    async def cached_sections(self, credential: Credential) -> Sequence[BoardSection]:
        """The sections as last stored with the boards: Pinterest is not called."""
        assert credential.id is not None
        async with self._uow as uow:
            return await uow.boards.sections_for_credential(credential.id)

    async def current(self, credential: Credential) -> Sequence[Board]:
        """The cached boards, refreshed first when older than the maximum age."""
        boards = await self.cached(credential)
        fetched = [b for b in boards if b.source is not BoardSource.MANUAL]
        oldest = min((b.refreshed_at for b in fetched), default=None)
        if oldest is None or oldest <= self._clock.now() - self._policy.boards_max_age:
            return await self.refresh(credential)
        return boards

    async def refresh(self, credential: Credential) -> Sequence[Board]:
        """The boards read from Pinterest, then stored: Pinterest is called before the
        transaction that stores them opens."""
        assert credential.id is not None
        self._tokens.check_environment(credential)
        token = await self._tokens.access_token(credential)
        remote = await self._gateway.list_boards(token)
        source = BoardSource.API
        if not remote:
            account = await self._gateway.user_account(token)
            if account.board_count != 0:
                remote = await self._boards_in_pins(token)
                source = BoardSource.PINS
        now = self._clock.now()
        boards = [Board(credential.id, b.board_id, b.name, source, now) for b in remote]
        # Every board's sections, the hand-given boards' too: one more call a board, all made
        # before the transaction that stores boards and sections together opens.
        manual = [
            b.board_id for b in await self.cached(credential) if b.source is BoardSource.MANUAL
        ]
        sections = [
            BoardSection(credential.id, board_id, found.section_id, found.name, now)
            for board_id in dict.fromkeys([*(b.board_id for b in boards), *manual])
            for found in await self._gateway.board_sections(token, board_id)
        ]
        async with self._uow as uow:
            await uow.boards.replace(credential.id, boards, keep_manual=True)
            stored = await uow.boards.for_credential(credential.id)
            kept = {board.board_id for board in stored}
            await uow.boards.replace_sections(
                credential.id, [s for s in sections if s.board_id in kept]
            )
            await uow.commit()
            return stored

    async def store_manual(
        self, credential: Credential, names_to_ids: Mapping[str, str]
    ) -> Sequence[Board]:
        assert credential.id is not None
        bad = [name for name, board_id in names_to_ids.items() if not str(board_id).isdigit()]
        if bad or not names_to_ids:
            raise BoardsMalformed(bad)
        now = self._clock.now()
        given = [
            Board(credential.id, str(board_id), name, BoardSource.MANUAL, now)
            for name, board_id in names_to_ids.items()
        ]
        async with self._uow as uow:
            existing = [
                b
                for b in await uow.boards.for_credential(credential.id)
                if b.name.casefold() not in {g.name.casefold() for g in given}
            ]
            kept = [
                Board(b.credential_id, b.board_id, b.name, b.source, b.refreshed_at)
                for b in existing
            ]
            await uow.boards.replace(credential.id, [*kept, *given], keep_manual=False)
            await uow.commit()
            return await uow.boards.for_credential(credential.id)

    async def _boards_in_pins(self, token: str) -> list[RemoteBoard]:
        pins = await self._gateway.list_pins(token, self._policy.pins_max_pages)
        ids = list(dict.fromkeys(p.board_id for p in pins if p.board_id))
        boards = []
        for board_id in ids:
            named = await self._gateway.board(token, board_id)
            boards.append(named or RemoteBoard(board_id, board_id))
        return boards


async def pinterest_credential(uow: UnitOfWork, credential_id: int | None) -> Credential:
    """The Pinterest account named, or the only one there is."""
    return await connected_account(uow, Platform.PINTEREST, credential_id)


class RefreshBoards:
    """``autopost pinterest boards`` and ``GET /api/v1/credentials/{id}/boards/?refresh=1``."""

    def __init__(self, uow: UnitOfWork, catalog: BoardCatalog) -> None:
        self._uow = uow
        self._catalog = catalog

    async def execute(
        self,
        actor: Actor,
        credential_id: int | None,
        manual: Mapping[str, str] | None = None,
        refresh: bool = True,
    ) -> Sequence[Board]:
        writes = bool(manual) or refresh
        authorize(actor, Action.CHANGE if writes else Action.VIEW, Resource.CREDENTIAL)
        async with self._uow as uow:
            credential = await pinterest_credential(uow, credential_id)
        # Ended before the catalog is asked: it calls Pinterest, and writes in transactions
        # of its own.
        if manual:
            return await self._catalog.store_manual(credential, manual)
        if refresh:
            return await self._catalog.refresh(credential)
        return await self._catalog.current(credential)
