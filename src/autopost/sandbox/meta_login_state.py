"""What the login emulators remember: authorization codes, Facebook users' tokens and Pages.

Instagram Login's tokens are Instagram user tokens, kept with the Graph emulator's
(``InstagramState.tokens``); a Facebook user token is the user's and reaches the Instagram
accounts linked to the user's Pages.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from autopost.sandbox.instagram_tokens import TokenKind
from autopost.sandbox.meta_login_settings import (
    DEMO_FACEBOOK_USER_ID,
    DEMO_FACEBOOK_USER_NAME,
    DEMO_PAGE_ID,
    DEMO_PAGE_NAME,
)
from autopost.sandbox.settings import DEMO_IG_USER_ID

CODE_LIFETIME = timedelta(minutes=10)
FIRST_GENERATED_PAGE_ID = 10_300_000_000_000_002


class LoginKind(enum.StrEnum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"


class CodeProblem(enum.Enum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    OTHER_REDIRECT = "other_redirect"  # redirect_uri differs from the dialog's


class CodeRefused(Exception):
    def __init__(self, problem: CodeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass
class LoginCode:
    kind: LoginKind
    subject: str  # the Facebook user id, or the Instagram user id
    redirect_uri: str
    scope: str
    expires_at: datetime
    used: bool = False


@dataclass
class FacebookGrant:
    user_id: str
    kind: TokenKind
    issued_at: datetime
    expires_at: datetime
    revoked: bool = False

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


@dataclass
class FacebookPage:
    id: str
    name: str
    owner: str  # the Facebook user id
    ig_user_id: str | None  # the linked Instagram business account


class MetaLoginState:
    def __init__(self) -> None:
        self.users = {DEMO_FACEBOOK_USER_ID: DEMO_FACEBOOK_USER_NAME}
        self.pages: list[FacebookPage] = []  # in the order they were added, as listed
        self.codes: dict[str, LoginCode] = {}
        self.facebook_tokens: dict[str, FacebookGrant] = {}
        self._next_page_id = FIRST_GENERATED_PAGE_ID
        self.pages.append(
            FacebookPage(DEMO_PAGE_ID, DEMO_PAGE_NAME, DEMO_FACEBOOK_USER_ID, DEMO_IG_USER_ID)
        )

    def new_code(self, code: LoginCode) -> str:
        value = "AQ" + secrets.token_urlsafe(48)
        self.codes[value] = code
        return value

    def redeem(self, value: str, kind: LoginKind, redirect_uri: str, now: datetime) -> LoginCode:
        """The code's grant, spent: a code works once, within ten minutes, for the
        ``redirect_uri`` the dialog was opened with."""
        code = self.codes.get(value)
        if code is None or code.kind != kind:
            raise CodeRefused(CodeProblem.UNKNOWN)
        if code.used:
            raise CodeRefused(CodeProblem.USED)
        if now >= code.expires_at:
            raise CodeRefused(CodeProblem.EXPIRED)
        if redirect_uri != code.redirect_uri:
            raise CodeRefused(CodeProblem.OTHER_REDIRECT)
        code.used = True
        return code

    def issue_facebook_token(
        self, user_id: str, kind: TokenKind, now: datetime, lifetime: timedelta
    ) -> str:
        token = "EAA" + secrets.token_urlsafe(40)
        self.facebook_tokens[token] = FacebookGrant(user_id, kind, now, now + lifetime)
        return token

    def revoke_facebook_tokens(self, user_id: str) -> int:
        grants = [g for g in self.facebook_tokens.values() if g.user_id == user_id]
        for grant in grants:
            grant.revoked = True
        return len(grants)

    def add_page(self, owner: str, name: str | None, ig_user_id: str | None) -> FacebookPage:
        page_id = str(self._next_page_id)
        self._next_page_id += 1
        page = FacebookPage(page_id, name or f"Sandbox Page {page_id[-6:]}", owner, ig_user_id)
        self.pages.append(page)
        return page

    def pages_of(self, user_id: str) -> list[FacebookPage]:
        return [page for page in self.pages if page.owner == user_id]

    def linked_accounts(self, user_id: str) -> list[str]:
        """The Instagram accounts a Facebook user reaches through their Pages."""
        return [p.ig_user_id for p in self.pages_of(user_id) if p.ig_user_id is not None]
