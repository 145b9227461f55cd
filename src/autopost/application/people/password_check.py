"""Checking a username (or e-mail) and password, throttled per address and per account: the
one check behind signing in and getting an API token, so each counts the other's failures.

Five failures in fifteen minutes from one address lock it for fifteen minutes, even against
the right password. Five on one account only guard it (``sign_in_gate``): the addresses that
failed on it are refused, and any other, its owner's, is checked after a wait; so guessing at
a name cannot lock its owner out. A success clears its address's failures on the account, but
not the account's count (the owner signing in gives no guesser a fresh start) nor the
address's (signing in to one's own account between guesses at another's does not help).
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timedelta

from attrs import frozen

from autopost.application.messages import Message
from autopost.application.ports.clock import Clock
from autopost.application.ports.password_hasher import PasswordHasher
from autopost.application.ports.pause import Pause
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.errors import AuthenticationFailed, ConcurrentUpdate
from autopost.domain.login_throttle import LoginFailures, ThrottleKeys, ThrottlePolicy
from autopost.domain.sign_in_gate import Counts, judge
from autopost.domain.user import User


class SignInRefused(AuthenticationFailed):
    """``message`` says why, in words that do not tell whether the account exists."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.value)
        self.message = message


class SignInThrottled(SignInRefused):
    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(Message.TOO_MANY_ATTEMPTS)
        self.retry_after = retry_after


@frozen
class _Attempt:
    user: User | None
    keys: ThrottleKeys
    counts: Counts
    delay: timedelta


class PasswordCheck:
    def __init__(
        self,
        hasher: PasswordHasher,
        clock: Clock,
        pause: Pause,
        policy: ThrottlePolicy | None = None,
    ) -> None:
        self._hasher = hasher
        self._clock = clock
        self._pause = pause
        self._policy = policy or ThrottlePolicy()

    async def user(self, uow: UnitOfWork, login: str, password: str, ip: str) -> User:
        """The active user ``login`` names, when ``password`` is theirs and the attempt is not
        refused. Raises ``SignInThrottled`` when refused, else ``SignInRefused`` (a failure is
        counted and committed). On success the address's failures on the account are cleared
        in ``uow``, for the caller to commit with what it adds."""
        attempt = await self._judged(uow, login, ip)
        if attempt.delay:
            # Waiting holds nothing: no transaction (on SQLite it would hold the write lock
            # for everyone), no thread. What was read may change meanwhile: read it again.
            await uow.rollback()
            await self._pause.wait(attempt.delay)
            attempt = await self._judged(uow, login, ip)  # its own delay is not waited too
        # Checking a password takes tens of milliseconds of CPU: not inside a transaction
        # either, nor on the event loop.
        await uow.commit()
        if not await asyncio.to_thread(self._password_matches, attempt.user, password):
            # Two failures at once may both start a count: one of them is not counted.
            with contextlib.suppress(ConcurrentUpdate):
                await self._count_failure(uow, attempt, self._clock.now())
                await uow.commit()
            raise SignInRefused(Message.BAD_CREDENTIALS)
        assert attempt.user is not None
        await uow.login_failures.clear(attempt.keys.pair)
        return attempt.user

    async def _judged(self, uow: UnitOfWork, login: str, ip: str) -> _Attempt:
        """The attempt, unless it is refused. Its account is the user found (so a username
        and an e-mail address count as one account), else the login as typed."""
        now = self._clock.now()
        user = await uow.users.by_login(login)
        keys = ThrottleKeys.of(user.username if user is not None else login, ip)
        failures = uow.login_failures
        counts = Counts(
            await failures.get(keys.address),
            await failures.get(keys.account),
            await failures.get(keys.pair),
        )
        verdict = judge(counts, now, self._policy)
        if verdict.refused_until is not None:
            raise SignInThrottled(verdict.refused_until - now)
        return _Attempt(user, keys, counts, verdict.delay)

    def _password_matches(self, user: User | None, password: str) -> bool:
        if user is None or not user.is_active:
            # As slow as a real check, so the time taken does not tell who has an account.
            self._hasher.hash(password)
            return False
        return self._hasher.verify(user.password_hash, password)

    async def _count_failure(self, uow: UnitOfWork, attempt: _Attempt, now: datetime) -> None:
        keys, counts, policy = attempt.keys, attempt.counts, self._policy
        for key, count, counted_by in (
            (keys.address, counts.address, policy),
            (keys.account, counts.account, policy),
            (keys.pair, counts.pair, policy.for_pairs),
        ):
            if count is None:
                count = LoginFailures(key, 0, now)
                await uow.login_failures.add(count)
            count.record_failure(now, counted_by)
