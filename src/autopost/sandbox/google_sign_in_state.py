"""What the Google sign-in emulator holds: its one OAuth client, the Google account that signs
in (set through ``/_sandbox/google/account``), and the codes and access tokens it gave out."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from autopost.sandbox.clock import Clock

GOOGLE_CLIENT_ID = "sandbox-google-client.apps.googleusercontent.com"
GOOGLE_CLIENT_SECRET = "sandbox-google-secret"  # noqa: S105 - a well-known fake, printed at start
CODE_LIFETIME = timedelta(minutes=10)
TOKEN_SECONDS = 3599
SCOPE = " ".join(
    (
        "openid",
        "https://www.googleapis.com/auth/userinfo.email",
        "https://www.googleapis.com/auth/userinfo.profile",
    )
)


@dataclass(frozen=True)
class GoogleAccount:
    sub: str = "100000000000000000001"
    email: str = "google.demo@example.com"
    email_verified: bool = True
    given_name: str = "Demo"
    family_name: str = "Google"

    def userinfo(self) -> dict[str, Any]:
        """As ``GET https://openidconnect.googleapis.com/v1/userinfo`` answers."""
        return {
            **asdict(self),
            "name": f"{self.given_name} {self.family_name}".strip(),
            "picture": "https://lh3.googleusercontent.com/a/sandbox",
        }


@dataclass
class GoogleCode:
    client_id: str
    redirect_uri: str
    code_challenge: str | None
    challenge_method: str
    account: GoogleAccount
    expires_at: datetime
    used: bool = False

    def verifies(self, verifier: str) -> bool:
        """RFC 7636: the verifier's S256 (or plain) transform is the challenge."""
        if self.challenge_method == "S256":
            digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
            made = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
        else:
            made = verifier
        return secrets.compare_digest(made, self.code_challenge or "")


@dataclass
class GoogleSignInSandbox:
    clock: Clock
    client_id: str = GOOGLE_CLIENT_ID
    client_secret: str = GOOGLE_CLIENT_SECRET
    account: GoogleAccount = field(default_factory=GoogleAccount)
    codes: dict[str, GoogleCode] = field(default_factory=dict)
    tokens: dict[str, tuple[GoogleAccount, datetime]] = field(default_factory=dict)

    def reset(self) -> None:
        self.account = GoogleAccount()
        self.codes.clear()
        self.tokens.clear()

    def new_code(self, code: GoogleCode) -> str:
        value = "4/0A" + secrets.token_urlsafe(32)
        self.codes[value] = code
        return value

    def new_token(self, account: GoogleAccount) -> str:
        value = "ya29.sandbox-" + secrets.token_urlsafe(32)
        self.tokens[value] = (account, self.clock.now() + timedelta(seconds=TOKEN_SECONDS))
        return value

    def account_of(self, access_token: str) -> GoogleAccount | None:
        found = self.tokens.get(access_token)
        if found is None or found[1] <= self.clock.now():
            return None
        return found[0]
