"""The Pinterest API v5 endpoints Autopost uses, answered from memory.

Pins are listed newest first, boards and their sections in the order they were made. An account
flagged ``boards_listing_empty`` reproduces the seed's trial-access quirk: ``GET /boards`` lists
nothing while ``user_account`` still counts the boards, and the boards still work by id.
"""

from __future__ import annotations

from autopost.sandbox.pinterest_analytics import pin_analytics
from autopost.sandbox.pinterest_contract import SECTION_NAME_MAX, SECTION_NAME_MIN
from autopost.sandbox.pinterest_edge import ApiCall, Payload
from autopost.sandbox.pinterest_errors import (
    board_not_found,
    board_section_not_found,
    invalid_request,
)
from autopost.sandbox.pinterest_media import PinterestMedia
from autopost.sandbox.pinterest_paging import paginate
from autopost.sandbox.pinterest_pin_rules import read_pin_create
from autopost.sandbox.pinterest_render import (
    board_key,
    pin_key,
    render_account,
    render_board,
    render_pin,
    render_section,
    section_key,
)
from autopost.sandbox.pinterest_sandbox import PinterestSandbox
from autopost.sandbox.pinterest_state import Board, PinCreated


class PinterestApi:
    def __init__(self, pinterest: PinterestSandbox, media: PinterestMedia) -> None:
        self.pinterest = pinterest
        self.media = media

    def user_account(self, call: ApiCall) -> tuple[int, Payload]:
        return 200, render_account(self.pinterest.state, call.account)

    def list_boards(self, call: ApiCall) -> tuple[int, Payload]:
        state = self.pinterest.state
        boards = sorted(state.boards_of(call.account.username), key=board_key)
        if call.account.boards_listing_empty:
            boards = []
        page, bookmark = paginate(boards, board_key, call.call.query, newest_first=False)
        return 200, {"items": [render_board(state, b) for b in page], "bookmark": bookmark}

    def get_board(self, call: ApiCall) -> tuple[int, Payload]:
        return 200, render_board(self.pinterest.state, self._board_in_path(call))

    def list_board_pins(self, call: ApiCall) -> tuple[int, Payload]:
        board = self._board_in_path(call)
        pins = sorted(self.pinterest.state.pins_on(board.id), key=pin_key, reverse=True)
        page, bookmark = paginate(pins, pin_key, call.call.query, newest_first=True)
        return 200, {"items": [render_pin(p) for p in page], "bookmark": bookmark}

    def list_board_sections(self, call: ApiCall) -> tuple[int, Payload]:
        board = self._board_in_path(call)
        sections = sorted(self.pinterest.state.sections_on(board.id), key=section_key)
        page, bookmark = paginate(sections, section_key, call.call.query, newest_first=False)
        return 200, {"items": [render_section(s) for s in page], "bookmark": bookmark}

    def create_board_section(self, call: ApiCall) -> tuple[int, Payload]:
        board = self._board_in_path(call)
        name = call.call.json_object().get("name")
        if name is None:
            raise invalid_request("Invalid request: 'name' is a required property")
        if not isinstance(name, str):
            raise invalid_request("Invalid request: 'name' must be a string")
        if not SECTION_NAME_MIN <= len(name) <= SECTION_NAME_MAX:
            raise invalid_request(
                f"Invalid request: 'name' must be {SECTION_NAME_MIN} to {SECTION_NAME_MAX} "
                "characters long"
            )
        section = self.pinterest.state.add_section(board.id, name, call.now)
        return 201, render_section(section)

    def list_pins(self, call: ApiCall) -> tuple[int, Payload]:
        pins = sorted(self.pinterest.state.pins_of(call.account.username), key=pin_key)
        pins.reverse()
        page, bookmark = paginate(pins, pin_key, call.call.query, newest_first=True)
        return 200, {"items": [render_pin(p) for p in page], "bookmark": bookmark}

    def create_pin(self, call: ApiCall) -> tuple[int, Payload]:
        state = self.pinterest.state
        draft = read_pin_create(call.call.json_object())
        board = self._owned_board(call, draft.board_id)
        section = state.sections.get(draft.board_section_id or "")
        if draft.board_section_id is not None and (section is None or section.board_id != board.id):
            raise board_section_not_found()
        if draft.video is not None:
            self.media.ready_video(call.account.username, draft.video.media_id, call.now)
        pin = state.add_pin(call.account.username, board.id, draft.image_url, call.now)
        pin.media_id = draft.video.media_id if draft.video else None
        pin.title, pin.description = draft.title, draft.description
        pin.link, pin.alt_text = draft.link, draft.alt_text
        pin.board_section_id, pin.images = draft.board_section_id, draft.images
        state.created.append(
            PinCreated(
                pin.id,
                board.id,
                pin.owner,
                pin.title,
                pin.link,
                pin.created_at,
                pin.media_id,
                pin.board_section_id,
                len(draft.images or [None]),
            )
        )
        return 201, render_pin(pin)

    def pin_analytics(self, call: ApiCall) -> tuple[int, Payload]:
        return pin_analytics(call, self.pinterest.state.pins)

    def _board_in_path(self, call: ApiCall) -> Board:
        board_id = call.path_params["board_id"]
        if not (board_id.isascii() and board_id.isdigit()):
            raise invalid_request(f"'board_id' value '{board_id}' must match the pattern: ^\\d+$")
        return self._owned_board(call, board_id)

    def _owned_board(self, call: ApiCall, board_id: str) -> Board:
        board = self.pinterest.state.boards.get(board_id)
        if board is None or board.owner != call.account.username:
            raise board_not_found()
        return board
