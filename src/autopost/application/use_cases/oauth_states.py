"""The ``state`` of an OAuth flow, issued and spent the way the platform connects do (see
``pinterest_connect``): a random value out, only its digest kept, used once, atomically."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import datetime, timedelta

from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.use_cases.instagram_connect import STATE_LIFETIME
from autopost.application.use_cases.pinterest_connect import state_digest
from autopost.domain.oauth_state import OAuthState, StateProblem, StateRejected

__all__ = ["STATE_LIFETIME", "issue_state", "pkce_challenge", "pkce_verifier", "spend_state"]


def pkce_verifier() -> str:
    """RFC 7636: 43 to 128 unreserved characters; 64 random bytes make 86."""
    return secrets.token_urlsafe(64)


def pkce_challenge(verifier: str) -> str:
    """The S256 challenge: base64url of the verifier's SHA-256, without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


async def issue_state(
    uow: UnitOfWork,
    provider: str,
    now: datetime,
    lifetime: timedelta = STATE_LIFETIME,
    user_id: int | None = None,
    code_verifier: str | None = None,
) -> str:
    """A new state for ``provider``, added to ``uow`` (the caller commits)."""
    state = secrets.token_urlsafe(32)
    await uow.oauth_states.add(
        OAuthState(
            provider=provider,
            digest=state_digest(state),
            created_at=now,
            expires_at=now + lifetime,
            user_id=user_id,
            code_verifier=code_verifier,
        )
    )
    return state


async def spend_state(
    uow: UnitOfWork, state: str | None, provider: str, now: datetime
) -> OAuthState:
    """Marks the state used (the caller commits), or raises ``StateRejected`` saying why it
    cannot be: two callbacks with the same state cannot both get it."""
    if not state:
        raise StateRejected(StateProblem.MISSING.value)
    digest = state_digest(state)
    used = await uow.oauth_states.use(digest, provider, now)
    if used is not None:
        return used
    known = await uow.oauth_states.by_digest(digest)
    problem = known.problem(provider, now) if known else None
    raise StateRejected((problem or StateProblem.UNKNOWN).value)
