"""What the Pinterest emulator remembers: accounts, their boards, the boards' sections and pins,
and pins created."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from autopost.sandbox.pinterest_settings import DEMO_BOARDS, PINTEREST_DEMO_USERNAME

FIRST_ACCOUNT_ID = 900_579_256_725_000_001
FIRST_BOARD_ID = 900_579_325_426_239_001
FIRST_PIN_ID = 900_579_394_561_000_001
FIRST_SECTION_ID = 549_755_885_175_000_001
# The demo's first board's sections: a pin can go into one out of the box.
DEMO_SECTIONS = ("Basics", "Quizzes")


@dataclass
class Account:
    id: str
    username: str
    # The seed's trial-access quirk: ``GET /boards`` lists nothing although the boards exist.
    boards_listing_empty: bool = False


@dataclass
class Board:
    id: str
    name: str
    owner: str  # username
    created_at: datetime
    description: str | None = None


@dataclass
class Section:
    id: str
    board_id: str
    name: str
    created_at: datetime


@dataclass
class Pin:
    id: str
    board_id: str
    owner: str  # username
    created_at: datetime
    image_url: str
    title: str | None = None
    description: str | None = None
    link: str | None = None
    alt_text: str | None = None
    # A video pin's media upload.
    media_id: str | None = None
    board_section_id: str | None = None
    # A multi-image pin's images: each {"url", "title", "description", "link"} as sent.
    images: list[dict[str, str]] | None = None


@dataclass
class MediaUpload:
    """A video registered with ``POST /media``, then uploaded to its ``upload_url`` with its
    ``upload_parameters`` (the sandbox's stand-in for Pinterest's S3 bucket)."""

    id: str
    owner: str  # username
    registered_at: datetime
    key: str
    signature: str
    uploaded_at: datetime | None = None
    is_video: bool = False
    size: int = 0


@dataclass(frozen=True)
class PinCreated:
    pin_id: str
    board_id: str
    username: str
    title: str | None
    link: str | None
    created_at: datetime
    media_id: str | None = None
    board_section_id: str | None = None
    image_count: int = 1


class PinterestState:
    def __init__(self, now: datetime) -> None:
        self.accounts: dict[str, Account] = {}  # by username
        self.boards: dict[str, Board] = {}
        self.pins: dict[str, Pin] = {}
        self.media_uploads: dict[str, MediaUpload] = {}
        self.sections: dict[str, Section] = {}
        self.created: list[PinCreated] = []
        self._account_ids = itertools.count(FIRST_ACCOUNT_ID)
        self._board_ids = itertools.count(FIRST_BOARD_ID)
        self._pin_ids = itertools.count(FIRST_PIN_ID)
        self._section_ids = itertools.count(FIRST_SECTION_ID)
        self._seed_demo(now)

    def add_account(self, username: str, boards_listing_empty: bool = False) -> Account:
        account = Account(str(next(self._account_ids)), username, boards_listing_empty)
        self.accounts[username] = account
        return account

    def add_board(self, owner: str, name: str, now: datetime, board_id: str | None = None) -> Board:
        while board_id is None or board_id in self.boards:
            board_id = str(next(self._board_ids))
        board = Board(board_id, name, owner, now)
        self.boards[board_id] = board
        return board

    def delete_board(self, board_id: str) -> None:
        """As on Pinterest, the board's sections and pins go with it."""
        del self.boards[board_id]
        for section_id in [s.id for s in self.sections_on(board_id)]:
            del self.sections[section_id]
        for pin_id in [p.id for p in self.pins.values() if p.board_id == board_id]:
            del self.pins[pin_id]

    def add_section(self, board_id: str, name: str, now: datetime) -> Section:
        section = Section(str(next(self._section_ids)), board_id, name, now)
        self.sections[section.id] = section
        return section

    def sections_on(self, board_id: str) -> list[Section]:
        return [s for s in self.sections.values() if s.board_id == board_id]

    def add_pin(self, owner: str, board_id: str, image_url: str, now: datetime) -> Pin:
        pin = Pin(str(next(self._pin_ids)), board_id, owner, now, image_url)
        self.pins[pin.id] = pin
        return pin

    def boards_of(self, username: str) -> list[Board]:
        return [b for b in self.boards.values() if b.owner == username]

    def pins_of(self, username: str) -> list[Pin]:
        return [p for p in self.pins.values() if p.owner == username]

    def pins_on(self, board_id: str) -> list[Pin]:
        return [p for p in self.pins.values() if p.board_id == board_id]

    def _seed_demo(self, now: datetime) -> None:
        self.add_account(PINTEREST_DEMO_USERNAME)
        for board_id, name in DEMO_BOARDS:
            self.add_board(PINTEREST_DEMO_USERNAME, name, now - timedelta(days=30), board_id)
        for name in DEMO_SECTIONS:
            self.add_section(DEMO_BOARDS[0][0], name, now - timedelta(days=30))
        for days_ago, (board_id, topic) in zip((2, 1), DEMO_BOARDS, strict=True):
            pin = self.add_pin(
                PINTEREST_DEMO_USERNAME,
                board_id,
                f"https://picsum.photos/seed/{topic.lower()}/1000/1500",
                now - timedelta(days=days_ago),
            )
            pin.title = f"What does this {topic} code print?"
            pin.description = "Pick the right answer"
            pin.link = "https://mini.quiz-code.com"
            pin.alt_text = f"A {topic} snippet"
