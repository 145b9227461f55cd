"""Connected platform accounts, a Pinterest account's boards, and the answers of the OAuth
connect."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from autopost.adapters.http.answers.base import Answer, Time
from autopost.domain.board import BoardSource
from autopost.domain.credential import CredentialStatus
from autopost.domain.post import Platform


class Credential(Answer):
    """A connected platform account. Its tokens are write-only: never shown."""

    id: int
    platform: Platform
    account_id: str
    username: str | None
    status: CredentialStatus
    status_reason: str | None
    expires_at: Time | None
    scopes: str | None
    environment: str
    default_board_id: str | None
    requires_approval: bool = Field(
        description="Contributors' posts to this account wait for a Publisher's or an "
        "Administrator's approval (also when `AUTOPOST_APPROVAL_REQUIRED` is off)."
    )
    created_at: Time


class Section(Answer):
    """A section of a board: a pin can go into it (`board_section_id`)."""

    section_id: str
    name: str


class Board(Answer):
    """A board of a Pinterest account, from the boards cache."""

    board_id: str
    name: str
    source: BoardSource
    refreshed_at: Time
    sections: list[Section] = Field(
        description="The board's sections, read with the boards (refresh them to see new ones)."
    )


class AuthorizeUrl(Answer):
    authorize_url: str = Field(description="Open it in a browser to give consent.")


class PinterestConnected(Answer):
    success: Literal[True] = True
    credential: Credential


class InstagramConnected(Answer):
    success: Literal[True] = True
    credentials: list[Credential]
