"""Signing in with Google: OpenID Connect's authorization-code flow with PKCE."""

from __future__ import annotations

from typing import Protocol

from attrs import frozen


@frozen
class GoogleIdentity:
    """Who Google says signed in. ``subject`` is Google's stable id of the account."""

    subject: str
    email: str
    email_verified: bool
    given_name: str = ""
    family_name: str = ""


class GoogleSignInGateway(Protocol):
    """Raises the errors of ``autopost.application.ports.platform_errors``; their messages
    never hold the code, the verifier or the client secret."""

    def is_set_up(self) -> bool:
        """Whether the Google client is known (its id and secret)."""
        ...

    def authorize_url(self, state: str, code_challenge: str) -> str:
        """Google's consent page, asking for ``openid email profile``; ``code_challenge`` is
        the S256 challenge of the verifier ``exchange`` will be given."""
        ...

    async def exchange(self, code: str, code_verifier: str) -> GoogleIdentity:
        """Trade the code (with the PKCE verifier) for an access token, and read who it is."""
        ...
