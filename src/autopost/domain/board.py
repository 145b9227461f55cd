"""Pinterest boards and their sections as Autopost knows them (a cache per account), and which
board (and section) a topic's pin goes to."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime

from attrs import define, frozen

from autopost.domain.errors import DomainError, ValidationFailed

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


@define(slots=False, eq=False)
class BoardSection:
    """A section of a cached board (``GET /boards/{board_id}/sections``)."""

    credential_id: int
    board_id: str
    section_id: str
    name: str
    refreshed_at: datetime
    id: int | None = None


@frozen
class Placement:
    """Where a pin goes: a board, and one of its sections or none (the board itself)."""

    board_id: str
    section_id: str | None = None


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


def _same(name: str) -> str:
    return name.strip().casefold()


def choose_place(
    topic: str | None,
    boards: Sequence[Board],
    sections: Sequence[BoardSection],
    default_board_id: str | None,
) -> Placement:
    """``choose_board``, with sections: the board named like the topic comes first; then a
    section named like it (the one on the ``code`` board, else on the default board, else
    on the board first by name); then the ``code`` board and the default board, without a
    section. ``BoardNotFound`` when none of these is there."""
    by_name = {_same(board.name): board for board in boards}
    if topic and _same(topic) in by_name:
        return Placement(by_name[_same(topic)].board_id)
    named = [s for s in sections if topic and _same(s.name) == _same(topic)]
    if named:
        fallback = by_name.get(FALLBACK_BOARD_NAME)
        board_names = {board.board_id: _same(board.name) for board in boards}

        def preference(section: BoardSection) -> tuple[int, str, str]:
            if fallback and section.board_id == fallback.board_id:
                rank = 0
            elif section.board_id == default_board_id:
                rank = 1
            else:
                rank = 2
            return (rank, board_names.get(section.board_id, section.board_id), section.section_id)

        chosen = min(named, key=preference)
        return Placement(chosen.board_id, chosen.section_id)
    return Placement(choose_board(topic, boards, default_board_id))


def place_of_section(
    section_id: str, board_id: str | None, sections: Sequence[BoardSection]
) -> Placement:
    """Where a pin given ``section_id`` goes: on ``board_id``, or, when none is given, on
    the board the cache has the section on. Refused when the id is no number (Pinterest's
    pattern), when the cache has the section on another board, and when no board is given
    and the cache does not know the section."""
    if not (section_id.isascii() and section_id.isdigit()):
        raise ValidationFailed({"board_section_id": ["A board section id is a number."]})
    boards_of_section = {s.board_id for s in sections if s.section_id == section_id}
    if board_id is None:
        if not boards_of_section:
            raise ValidationFailed(
                {
                    "board_section_id": [
                        f"No known section {section_id}: refresh the account's boards, or give "
                        "the section's board_id too."
                    ]
                }
            )
        return Placement(min(boards_of_section), section_id)
    if boards_of_section and board_id not in boards_of_section:
        raise ValidationFailed(
            {
                "board_section_id": [
                    f"The section {section_id} is on board {min(boards_of_section)}, not on "
                    f"board {board_id}."
                ]
            }
        )
    return Placement(board_id, section_id)
