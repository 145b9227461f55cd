"""Where each Pinterest account's boards are cached."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.board import Board


class BoardRepository(Protocol):
    async def for_credential(self, credential_id: int) -> Sequence[Board]: ...

    async def replace(self, credential_id: int, boards: Sequence[Board], keep_manual: bool) -> None:
        """Make ``boards`` the account's cache; with ``keep_manual``, boards given by hand
        stay unless one of ``boards`` has the same name."""
        ...
