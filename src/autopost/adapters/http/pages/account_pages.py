"""``/connected-accounts/``: every connected Instagram and Pinterest account with its state in
words, the buttons that connect (or reconnect) one, disconnecting one (refused while posts
wait), whether its posts need approval, and a Pinterest account's boards and their sections:
refreshed from Pinterest, given by hand, its default board, and the topic → board rule."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.page_language import ENGLISH_WORDS, PageWords
from autopost.adapters.http.pages import desk_outcomes as outcome
from autopost.adapters.http.pages.forms import read_form, record_id, signed_in_only, text
from autopost.adapters.http.pages.rendering import render, words_of
from autopost.adapters.http.services import ServicesOf
from autopost.application.access import Actor
from autopost.application.integrations.account_states import ConnectedAccount, ListAccountStates
from autopost.application.integrations.credentials import RemoveCredential
from autopost.application.pinterest.board_settings import (
    ListStoredBoards,
    ListStoredSections,
    SetDefaultBoard,
)
from autopost.application.pinterest.boards import RefreshBoards
from autopost.application.pinterest.errors import BoardsMalformed
from autopost.application.posting.approval import SetAccountApprovalUseCase
from autopost.domain.access import Action, Resource
from autopost.domain.board import (
    FALLBACK_BOARD_NAME,
    Board,
    BoardNotFound,
    BoardSection,
    BoardSource,
    choose_place,
)
from autopost.domain.credential import Credential, InstagramLogin
from autopost.domain.errors import PermissionDenied, ValidationFailed
from autopost.domain.platform import Platform

PAGE = "/connected-accounts/"
INSTAGRAM_CONNECT = "/auth/instagram/authorize/?login="
PINTEREST_CONNECT = "/auth/pinterest/authorize/"


class AccountPageIntegrations(Protocol):
    def list_account_states(self) -> ListAccountStates: ...
    def remove_credential(self) -> RemoveCredential: ...


class AccountPagePosting(Protocol):
    def set_account_approval(self) -> SetAccountApprovalUseCase: ...


class AccountPageBoards(Protocol):
    def list_stored_boards(self) -> ListStoredBoards: ...
    def list_stored_sections(self) -> ListStoredSections: ...
    def refresh_boards(self) -> RefreshBoards: ...
    def set_default_board(self) -> SetDefaultBoard: ...


integrations = ServicesOf[AccountPageIntegrations]("account_pages.integrations")
posting = ServicesOf[AccountPagePosting]("account_pages.posting")
boards = ServicesOf[AccountPageBoards]("account_pages.boards")


def reconnect_address(credential: Credential) -> str:
    if credential.platform is Platform.PINTEREST:
        return PINTEREST_CONNECT
    return INSTAGRAM_CONNECT + credential.instagram_login.value


def manual_text(stored: Sequence[Board]) -> str:
    return "\n".join(f"{b.name} = {b.board_id}" for b in stored if b.source is BoardSource.MANUAL)


def written_boards(written: str) -> dict[str, str]:
    """``name = board id``, one a line (the name may hold spaces; the id is after the last
    ``=``). A line without ``=`` is handed on with no id, for the rule to name it."""
    given: dict[str, str] = {}
    for line in written.splitlines():
        if not line.strip():
            continue
        name, _, board_id = line.rpartition("=") if "=" in line else (line, "", "")
        given[name.strip()] = board_id.strip()
    return given


NO_BOARD = "none: such a pin is refused (give it a board, add the board, or set a default board)"


def board_for(
    topic: str,
    stored: Sequence[Board],
    credential: Credential,
    words: PageWords = ENGLISH_WORDS,
    sections: Sequence[BoardSection] = (),
) -> str:
    """Which board (and section) a pin on ``topic`` goes to, in words."""
    try:
        place = choose_place(topic, stored, sections, credential.default_board_id)
    except BoardNotFound:
        return words.gettext(NO_BOARD)
    names = [b.name for b in stored if b.board_id == place.board_id]
    board = f"{names[0]} ({place.board_id})" if names else place.board_id
    if place.section_id is None:
        return board
    section = next((s.name for s in sections if s.section_id == place.section_id), "")
    return words.gettext("%(board)s, section %(section)s") % {
        "board": board,
        "section": f"{section} ({place.section_id})",
    }


async def _accounts(
    request: Request, actor: Actor
) -> list[tuple[ConnectedAccount, Sequence[Board], Sequence[BoardSection]]]:
    """Each account, with a Pinterest account's cached boards and their sections."""
    shown = []
    for account in await integrations(request).list_account_states().execute(actor):
        credential = account.credential
        stored: Sequence[Board] = ()
        sections: Sequence[BoardSection] = ()
        if credential.platform is Platform.PINTEREST and credential.id is not None:
            stored = await boards(request).list_stored_boards().execute(actor, credential.id)
            sections = await boards(request).list_stored_sections().execute(actor, credential.id)
        shown.append((account, stored, sections))
    return shown


async def _page(request: Request, status: int = 200, **context: object) -> Response:
    actor = acting(request)
    return render(
        request,
        "connected_accounts.html",
        status,
        accounts=await _accounts(request, actor),
        may_connect=actor.may(Action.ADD, Resource.CREDENTIAL),
        may_change=lambda c: actor.may(Action.CHANGE, Resource.CREDENTIAL, c.owner_id),
        may_remove=lambda c: actor.may(Action.DELETE, Resource.CREDENTIAL, c.owner_id),
        reconnect_address=reconnect_address,
        manual_text=manual_text,
        board_for=lambda topic, stored, c, sections: board_for(
            topic, stored, c, words_of(request), sections
        ),
        fallback_board=FALLBACK_BOARD_NAME,
        topic=request.query_params.get("topic", "").strip(),
        connect_instagram=[(INSTAGRAM_CONNECT + login.value, login) for login in InstagramLogin],
        connect_pinterest=PINTEREST_CONNECT,
        notice=outcome.notice(request),
        **context,
    )


@signed_in_only
async def accounts_page(request: Request) -> Response:
    return await _page(request)


def _credential_id(form: FormData) -> int:
    return record_id(text(form, "credential_id"), "credential")


async def _refused(request: Request, refused: Exception, **context: object) -> Response:
    if isinstance(refused, PermissionDenied):
        return outcome.forbidden(request, refused)
    problems = outcome.problems(request, refused)
    return await _page(request, outcome.status_of(refused), problems=problems, **context)


@signed_in_only
async def disconnect(request: Request) -> Response:
    form = await read_form(request)
    try:
        await (
            integrations(request).remove_credential().execute(acting(request), _credential_id(form))
        )
    except (PermissionDenied, *outcome.SHOWN) as refused:
        return await _refused(request, refused)
    return outcome.done(PAGE, "disconnected")


@signed_in_only
async def set_approval(request: Request) -> Response:
    form = await read_form(request)
    required = text(form, "requires_approval") == "true"
    try:
        await (
            posting(request)
            .set_account_approval()
            .execute(acting(request), _credential_id(form), required)
        )
    except (PermissionDenied, *outcome.SHOWN) as refused:
        return await _refused(request, refused)
    return outcome.done(PAGE, "approval")


def _manual(form: FormData, words: PageWords) -> dict[str, str]:
    given = written_boards(text(form, "boards"))
    wrong = [
        name or words.gettext("(no name)")
        for name, board_id in given.items()
        if not name or not board_id.isdigit()
    ]
    if not given or wrong:
        hint = (
            "Write one board a line: its name, =, and its numeric board id (e.g. Recipes = 1234)."
        )
        not_like = words.gettext("Not like that: %(lines)s.") % {"lines": ", ".join(wrong)}
        problems = [hint] + ([not_like] if wrong else [])
        raise ValidationFailed({"boards": problems})
    return given


@signed_in_only
async def edit_boards(request: Request) -> Response:
    form = await read_form(request)
    credential_id = _credential_id(form)
    refresh = text(form, "action") == "refresh"
    try:
        refresh_boards = boards(request).refresh_boards()
        if refresh:
            await refresh_boards.execute(acting(request), credential_id, refresh=True)
        else:
            manual = _manual(form, words_of(request))
            await refresh_boards.execute(acting(request), credential_id, manual=manual)
    except (PermissionDenied, *outcome.SHOWN) as refused:
        if isinstance(refused, BoardsMalformed):
            refused = ValidationFailed({"boards": [str(refused)]})
        return await _refused(request, refused, written={credential_id: text(form, "boards")})
    return outcome.done(PAGE, "refreshed" if refresh else "boards")


@signed_in_only
async def set_default_board(request: Request) -> Response:
    form = await read_form(request)
    board_id = text(form, "default_board_id") or None
    try:
        await (
            boards(request)
            .set_default_board()
            .execute(acting(request), _credential_id(form), board_id)
        )
    except (PermissionDenied, *outcome.SHOWN) as refused:
        return await _refused(request, refused)
    return outcome.done(PAGE, "default-board")


routes = [
    Route(PAGE, accounts_page, methods=["GET"]),
    Route("/connected-accounts/disconnect/", disconnect, methods=["POST"]),
    Route("/connected-accounts/approval/", set_approval, methods=["POST"]),
    Route("/connected-accounts/boards/", edit_boards, methods=["POST"]),
    Route("/connected-accounts/default-board/", set_default_board, methods=["POST"]),
]
