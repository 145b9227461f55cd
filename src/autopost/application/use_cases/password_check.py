"""Checking a username (or e-mail) and password, throttled per account and per address: the
one check behind signing in and getting an API token, so each counts the other's failures.

Five failures in fifteen minutes lock the account name, and separately the address they came
from, for fifteen minutes (``ThrottlePolicy``); while locked, even the right password is
refused, so guessing cannot go on. A success clears the account's count but not the
address's: signing in to one's own account between guesses at another's does not help.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timedelta

from autopost.application.messages import Message
from autopost.application.ports.password_hasher import PasswordHasher
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.errors import AuthenticationFailed, ConcurrentUpdate
from autopost.domain.login_throttle import LoginFailures, ThrottlePolicy
from autopost.domain.user import User

# The longest login worth keeping a count for: the longest e-mail address a user can have.
LONGEST_LOGIN = 254
LONGEST_ADDRESS = 64


class SignInRefused(AuthenticationFailed):
    """``message`` says why, in words that do not tell whether the account exists."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.value)
        self.message = message


class SignInThrottled(SignInRefused):
    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(Message.TOO_MANY_ATTEMPTS)
        self.retry_after = retry_after


def throttle_keys(login: str, user: User | None, ip: str) -> tuple[str, str]:
    """The account's key names the user found (so a username and an e-mail address count as
    one account), else the login as typed; and the client's address."""
    name = user.username if user is not None else login
    return f"user:{name.lower()[:LONGEST_LOGIN]}", f"ip:{(ip or 'unknown')[:LONGEST_ADDRESS]}"


class PasswordCheck:
    def __init__(self, hasher: PasswordHasher, policy: ThrottlePolicy | None = None) -> None:
        self._hasher = hasher
        self._policy = policy or ThrottlePolicy()

    async def user(
        self, uow: UnitOfWork, login: str, password: str, ip: str, now: datetime
    ) -> User:
        """The active user ``login`` names, when ``password`` is theirs and neither the account
        nor ``ip`` is locked. Raises ``SignInThrottled`` while locked, else ``SignInRefused``
        (a failure is counted and committed). On success the account's count is cleared in
        ``uow``, for the caller to commit with what it adds."""
        user = await uow.users.by_login(login)
        keys = throttle_keys(login, user, ip)
        counts = [await uow.login_failures.get(key) for key in keys]
        locked = [c.locked_until for c in counts if c is not None and c.is_locked(now)]
        if locked:
            raise SignInThrottled(max(t for t in locked if t is not None) - now)
        # Checking a password takes tens of milliseconds of CPU: not inside a transaction
        # (on SQLite it would hold the write lock), nor on the event loop.
        await uow.commit()
        if not await asyncio.to_thread(self._password_matches, user, password):
            # Two failures at once may both start a count: one of them is not counted.
            with contextlib.suppress(ConcurrentUpdate):
                await self._count_failure(uow, keys, counts, now)
                await uow.commit()
            raise SignInRefused(Message.BAD_CREDENTIALS)
        assert user is not None
        await uow.login_failures.clear(keys[0])
        return user

    def _password_matches(self, user: User | None, password: str) -> bool:
        if user is None or not user.is_active:
            # As slow as a real check, so the time taken does not tell who has an account.
            self._hasher.hash(password)
            return False
        return self._hasher.verify(user.password_hash, password)

    async def _count_failure(
        self,
        uow: UnitOfWork,
        keys: tuple[str, str],
        counts: list[LoginFailures | None],
        now: datetime,
    ) -> None:
        for key, count in zip(keys, counts, strict=True):
            if count is None:
                count = LoginFailures(key, 0, now)
                await uow.login_failures.add(count)
            count.record_failure(now, self._policy)
