"""Pinterest boards as Autopost knows them (a cache per account), and which board a topic's
pin goes to."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime

from attrs import define

from autopost.domain.errors import DomainError

FALLBACK_BOARD_NAME = "code"


class BoardSource(enum.StrEnum):
    API = "api"  # listed by GET /boards
    PINS = "pins"  # found in the account's pins when the API lists no boards
    MANUAL = "manual"  # given by hand


@define(slots=False, eq=False)
class Board:
    credential_id: int
    board_id: str
    name: str
    source: BoardSource
    refreshed_at: datetime
    id: int | None = None


class BoardNotFound(DomainError):
    def __init__(self, topic: str | None, known_boards: Sequence[str]) -> None:
        known = ", ".join(sorted(known_boards)) or "none"
        about = f"the topic {topic!r}" if topic else "this pin"
        super().__init__(
            f"No board for {about}: there is no board of that name, none named "
            f"{FALLBACK_BOARD_NAME!r} and no default board. Known boards: {known}. Give a "
            "board_id, add the board (autopost pinterest boards --boards ...), or set the "
            "account's default board."
        )
        self.topic = topic
        self.known_boards = list(known_boards)


def choose_board(topic: str | None, boards: Sequence[Board], default_board_id: str | None) -> str:
    """The topic's board (case-insensitively), else the board named ``code``, else the
    account's default board; else ``BoardNotFound`` naming the topic and the known boards."""
    by_name = {board.name.strip().casefold(): board.board_id for board in boards}
    for name in (topic, FALLBACK_BOARD_NAME):
        if name and name.strip().casefold() in by_name:
            return by_name[name.strip().casefold()]
    if default_board_id:
        return default_board_id
    raise BoardNotFound(topic, [board.name for board in boards])
