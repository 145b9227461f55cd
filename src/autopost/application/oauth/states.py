"""The ``state`` of an OAuth flow: a random value goes out in the consent page's address,
only its digest is kept, and the callback spends it once, atomically, before it expires."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Set
from datetime import datetime, timedelta

from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.oauth_state import OAuthState, StateProblem, StateRejected

STATE_LIFETIME = timedelta(minutes=10)


def state_digest(state: str) -> str:
    """What is stored of a state (and what a browser cookie may hold): never the state."""
    return hashlib.sha256(state.encode()).hexdigest()


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
    uow: UnitOfWork, state: str | None, providers: Set[str], now: datetime
) -> OAuthState:
    """Marks the state used (the caller commits), or raises ``StateRejected`` saying why it
    cannot be; two callbacks with the same state cannot both spend it. ``providers``: those
    whose states this callback takes (Instagram's takes both of Meta's logins); a set, so
    that a bare name cannot match another by substring."""
    if not state:
        raise StateRejected(StateProblem.MISSING.value)
    digest = state_digest(state)
    known = await uow.oauth_states.by_digest(digest)
    if known is None or known.provider not in providers:
        raise StateRejected(StateProblem.UNKNOWN.value)
    used = await uow.oauth_states.use(digest, known.provider, now)
    if used is None:
        # ``known`` was read before: a state it shows usable was spent meanwhile.
        problem = known.problem(known.provider, now)
        raise StateRejected((problem or StateProblem.USED).value)
    return used
