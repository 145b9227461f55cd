"""What a Pinterest account's boards refuse, one class for each rule."""

from __future__ import annotations

from collections.abc import Sequence

from autopost.domain.errors import Refused


class BoardsMalformed(Refused):
    """Boards given by hand must be names with numeric board ids; ``wrong`` names the ones
    that are not (none when no board was given at all)."""

    def __init__(self, wrong: Sequence[str]) -> None:
        super().__init__('Give {"board name": "numeric board id", ...}; wrong: ' + ", ".join(wrong))
        self.wrong = list(wrong)


class DefaultBoardUnknown(Refused):
    """A Pinterest account's default board is one of the boards Autopost knows for it."""

    def __init__(self, board_id: str) -> None:
        super().__init__(
            f"Board {board_id} is not one of this account's boards: refresh them from "
            "Pinterest or add it by hand first."
        )
        self.board_id = board_id
