"""Where each Pinterest account's boards, and their sections, are cached."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.board import Board, BoardSection


class BoardRepository(Protocol):
    async def for_credential(self, credential_id: int) -> Sequence[Board]: ...

    async def replace(self, credential_id: int, boards: Sequence[Board], keep_manual: bool) -> None:
        """Make ``boards`` the account's cache; with ``keep_manual``, boards given by hand
        stay unless one of ``boards`` has the same name."""
        ...

    async def sections_for_credential(self, credential_id: int) -> Sequence[BoardSection]:
        """The account's cached sections, by board, then name."""
        ...

    async def replace_sections(self, credential_id: int, sections: Sequence[BoardSection]) -> None:
        """Make ``sections`` the account's sections cache (those of every board)."""
        ...
