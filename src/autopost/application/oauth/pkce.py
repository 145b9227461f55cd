"""PKCE (RFC 7636): the verifier kept with the state, and the challenge sent with it."""

from __future__ import annotations

import base64
import hashlib
import secrets


def pkce_verifier() -> str:
    """43 to 128 unreserved characters; 64 random bytes make 86."""
    return secrets.token_urlsafe(64)


def pkce_challenge(verifier: str) -> str:
    """The S256 challenge: base64url of the verifier's SHA-256, without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
