"""The sign-in use cases over in-memory fakes, for the unit tests and the features."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from autopost.application.messages import Message
from autopost.application.people.accounts import IssueApiToken, put_in_role
from autopost.application.people.google_sign_in import FinishGoogleSignIn, StartGoogleSignIn
from autopost.application.people.password_check import PasswordCheck, SignInRefused
from autopost.application.people.sessions import AuthenticateSession, SignedIn, SignOut
from autopost.application.people.sign_in import SignIn
from autopost.domain.access import Role
from autopost.domain.user import User
from tests.fake_google import FakeGoogleSignInGateway
from tests.fakes import FakeClock, FakeHasher, FakePause, InMemoryUnitOfWork, Store

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
PASSWORD = "a long enough passphrase"
HOME = "10.0.0.1"
# Addresses that are not HOME: a guesser's, as many as a test needs.
ELSEWHERE = [f"198.51.100.{n}" for n in range(1, 50)]


class World:
    def __init__(self) -> None:
        self.store = Store()
        self.clock = FakeClock(NOON)
        self.hasher = FakeHasher()
        self.pause = FakePause(self.clock)
        self.google = FakeGoogleSignInGateway()

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)

    def rows(self, table: str) -> list[Any]:
        return list(self.store.rows[table].values())

    async def add_user(
        self, username: str, email: str = "", active: bool = True, role: Role = Role.PUBLISHERS
    ) -> User:
        uow = self.uow()
        user = User(
            username=username,
            email=email or f"{username}@example.com",
            password_hash=self.hasher.hash(PASSWORD),
            date_joined=NOON - timedelta(days=30),
            is_active=active,
        )
        await uow.users.add(user)
        await uow.commit()
        await put_in_role(uow, user, role)
        await uow.commit()
        return user

    def check(self) -> PasswordCheck:
        return PasswordCheck(self.hasher, self.clock, self.pause)

    async def sign_in(self, login: str, password: str = PASSWORD, ip: str = HOME) -> SignedIn:
        return await SignIn(self.uow(), self.check(), self.clock).execute(login, password, ip)

    async def fail(self, login: str, times: int, ip: str = HOME) -> None:
        """A wrong password, checked (not refused unchecked) and counted, ``times`` times."""
        for _ in range(times):
            with pytest.raises(SignInRefused) as refused:
                await self.sign_in(login, "wrong", ip)
            assert refused.value.message is Message.BAD_CREDENTIALS

    async def fail_from(self, login: str, addresses: Iterable[str]) -> None:
        """A wrong password once from each address: a guesser with many addresses."""
        for address in addresses:
            await self.fail(login, 1, ip=address)

    async def issue_token(self, login: str, password: str = PASSWORD, ip: str = HOME) -> str:
        issue = IssueApiToken(self.uow(), self.check(), self.clock)
        return await issue.execute(login, password, ip)

    async def authenticate(self, raw: str) -> Any:
        return await AuthenticateSession(self.uow(), self.clock).execute(raw)

    async def sign_out(self, raw: str | None) -> None:
        await SignOut(self.uow(), self.clock).execute(raw)

    async def start_google(self) -> str:
        """The consent page's address."""
        return (await StartGoogleSignIn(self.uow(), self.google, self.clock).execute()).url

    async def finish_google(self, state: str | None, error: str | None = None) -> SignedIn:
        finish = FinishGoogleSignIn(self.uow(), self.google, self.clock)
        return await finish.execute(state, "a-google-code", HOME, error=error)
