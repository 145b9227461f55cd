"""Server-side sessions: opened at sign-in, found again from the cookie, ended at sign-out.

The cookie holds a random value; only its digest is stored, so a copy of the database opens
no session. Each session has its own CSRF token, which unsafe requests made with it repeat.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from attrs import field, frozen

from autopost.application.access import Actor
from autopost.application.audit import record
from autopost.application.people.accounts import Principal, actor_for, token_digest
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Resource
from autopost.domain.errors import AuthenticationFailed
from autopost.domain.user import Group, Session, User

SESSION_BYTES = 32
CSRF_BYTES = 32
SESSION_LIFETIME = timedelta(days=14)
INVALID_SESSION = "Invalid session."


@frozen
class SignedIn:
    """A new session: ``session`` is the cookie's value and ``csrf_token`` the token unsafe
    requests must repeat; neither is stored as it is, nor shown in a log."""

    user: User
    groups: Sequence[Group]
    session: str = field(repr=False)
    csrf_token: str = field(repr=False)
    expires_at: datetime


@frozen
class SessionPrincipal(Principal):
    """Who a session cookie belongs to, and the CSRF token of that session."""

    csrf_token: str = field(default="", repr=False)


async def open_session(
    uow: UnitOfWork, user: User, now: datetime, lifetime: timedelta, how: str
) -> SignedIn:
    """Adds the session, the user's ``last_login`` and the audit entry to ``uow``; the
    caller commits. ``how`` says in words how the user signed in."""
    assert user.id is not None
    raw, csrf_token = secrets.token_urlsafe(SESSION_BYTES), secrets.token_urlsafe(CSRF_BYTES)
    expires_at = now + lifetime
    await uow.sessions.add(Session(token_digest(raw), user.id, csrf_token, now, expires_at))
    user.last_login = now
    await record(uow, await actor_for(uow, user), "signed_in", Resource.USER, user.id, now, how)
    groups = (await uow.groups.of_users([user.id])).get(user.id, ())
    return SignedIn(user, tuple(groups), raw, csrf_token, expires_at)


class AuthenticateSession:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, raw: str) -> SessionPrincipal:
        now = self._clock.now()
        async with self._uow as uow:
            found = await uow.sessions.by_digest(token_digest(raw))
            if found is not None and found.expires_at <= now:
                await uow.sessions.delete(found)
                await uow.commit()
                found = None
            user = await uow.users.get(found.user_id) if found else None
            if found is None or user is None or not user.is_active:
                raise AuthenticationFailed(INVALID_SESSION)
            actor = await actor_for(uow, user)
            return SessionPrincipal(user, actor, session_id=found.id, csrf_token=found.csrf_token)


class SignOut:
    """Ends the session the cookie names, if there is one: signing out twice is no error."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, raw: str | None) -> None:
        if not raw:
            return
        async with self._uow as uow:
            found = await uow.sessions.by_digest(token_digest(raw))
            if found is None:
                return
            await uow.sessions.delete(found)
            user = await uow.users.get(found.user_id)
            actor = Actor.of(found.user_id, (), False, user.username if user else "")
            now = self._clock.now()
            await record(uow, actor, "signed_out", Resource.USER, found.user_id, now)
            await uow.commit()
