"""Connecting Instagram accounts: Instagram API with Facebook Login (a Facebook user token,
exchanged for a long-lived one, and the Instagram business accounts of the user's Pages) and
Instagram API with Instagram Login (an Instagram user token, exchanged for a long-lived one
that is refreshed before its 60 days run out)."""

from __future__ import annotations

from typing import Protocol

from attrs import frozen

from autopost.domain.credential import InstagramLogin as InstagramLogin


@frozen
class ConnectedInstagram:
    ig_user_id: str
    username: str | None
    access_token: str
    expires_in: int | None  # seconds

    def __repr__(self) -> str:  # the token must never reach a log line
        return f"ConnectedInstagram(ig_user_id={self.ig_user_id!r}, username={self.username!r})"


@frozen
class RefreshedToken:
    access_token: str
    expires_in: int | None

    def __repr__(self) -> str:
        return f"RefreshedToken(expires_in={self.expires_in!r})"


class InstagramLoginGateway(Protocol):
    """Raises the errors of ``autopost.application.ports.platform_errors``."""

    def is_set_up(self, login: InstagramLogin) -> bool:
        """Whether the Meta app of ``login`` is known (its id and secret)."""
        ...

    def authorize_url(self, login: InstagramLogin, state: str) -> str:
        """Meta's consent page for the login, with the scopes publishing, syncing and
        comments need."""
        ...

    async def connect(self, login: InstagramLogin, code: str) -> list[ConnectedInstagram]:
        """Exchange the code for a long-lived token and find the Instagram accounts it
        reaches: the Pages' business accounts (Facebook Login) or the user (Instagram Login)."""
        ...

    async def refresh(self, access_token: str) -> RefreshedToken:
        """Refresh a long-lived Instagram Login token (``ig_refresh_token``)."""
        ...
