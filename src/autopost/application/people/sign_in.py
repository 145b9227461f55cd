"""Signing in with a username (or e-mail) and password: a session, once the throttled check
(``password_check``) lets the person in."""

from __future__ import annotations

from datetime import timedelta

from autopost.application.people.password_check import PasswordCheck
from autopost.application.people.sessions import SESSION_LIFETIME, SignedIn, open_session
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork


class SignIn:
    def __init__(
        self,
        uow: UnitOfWork,
        check: PasswordCheck,
        clock: Clock,
        lifetime: timedelta = SESSION_LIFETIME,
    ) -> None:
        self._uow = uow
        self._check = check
        self._clock = clock
        self._lifetime = lifetime

    async def execute(self, login: str, password: str, ip: str) -> SignedIn:
        """Raises ``SignInThrottled`` or ``SignInRefused``."""
        async with self._uow as uow:
            user = await self._check.user(uow, login, password, ip)
            now = self._clock.now()  # after the check, which may have waited
            await uow.sessions.delete_expired(now)
            signed_in = await open_session(uow, user, now, self._lifetime, "with a password")
            await uow.commit()
            return signed_in
