"""A Google that signs in whoever ``identity`` says, and remembers what it was asked."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from autopost.application.ports.google_sign_in_gateway import GoogleIdentity


class FakeGoogleSignInGateway:
    def __init__(self) -> None:
        self.identity = GoogleIdentity("sub-ann", "ann@example.com", True, "Ann", "Lee")
        self.refusal: Exception | None = None
        self.challenges: list[str] = []
        self.exchanged: list[tuple[str, str]] = []
        self.set_up = True

    def is_set_up(self) -> bool:
        return self.set_up

    def authorize_url(self, state: str, code_challenge: str) -> str:
        self.challenges.append(code_challenge)
        query = urlencode({"state": state, "code_challenge": code_challenge})
        return f"https://accounts.google.test/o/oauth2/v2/auth?{query}"

    async def exchange(self, code: str, code_verifier: str) -> GoogleIdentity:
        self.exchanged.append((code, code_verifier))
        if self.refusal is not None:
            raise self.refusal
        return self.identity


def state_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["state"][0]
