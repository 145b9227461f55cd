"""The key test over in-memory fakes: users with saved keys, and services that answer as told."""

from __future__ import annotations

from datetime import UTC, datetime

from attrs import define, field

from autopost.application.access import Actor
from autopost.application.integrations.integration_keys import (
    INTEGRATIONS,
    KeyTestResult,
    TestIntegrationKey,
)
from autopost.application.people.accounts import actor_for, put_in_role
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions
from autopost.domain.access import Role
from autopost.domain.user import System, User, UserSecret
from tests.fakes import FakeSecretBox, InMemoryUnitOfWork, Store

JOINED = datetime(2026, 1, 1, tzinfo=UTC)
# The server's configured Huntflow addresses: the only ones a key is sent to.
HUNTFLOW_URLS = {
    System.PROD: "https://prod.huntflow.example",
    System.SANDBOX: "https://sandbox.huntflow.example",
}


@define
class FakeKeyChecker:
    """Accepts the keys in ``good``; ``down`` makes it a service that does not answer."""

    good: set[str] = field(factory=set)
    down: bool = False
    asked: list[tuple[str, KeyOptions]] = field(factory=list)

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        self.asked.append((key, options))
        if self.down:
            return KeyCheck.unreachable("The service did not answer (ConnectTimeout).")
        if key in self.good:
            return KeyCheck.accepted("The service accepted the key.")
        return KeyCheck.refused("The service refused the key (HTTP 401).")


class KeyTestWorld:
    def __init__(self) -> None:
        self.store = Store()
        self.box = FakeSecretBox()
        self.checkers = {name: FakeKeyChecker() for name in INTEGRATIONS}

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)

    async def person(self, role: Role = Role.OBSERVERS, **fields: str) -> Actor:
        async with self.uow() as uow:
            user = User(f"user{len(self.store.rows['users'])}", "u@example.com", "x", JOINED)
            for name, value in fields.items():
                setattr(user, name, value)
            await uow.users.add(user)
            await uow.commit()
            await put_in_role(uow, user, role)
            await uow.commit()
            return await actor_for(uow, user)

    async def save_key(self, actor: Actor, name: str, key: str) -> None:
        assert actor.user_id is not None
        async with self.uow() as uow:
            await uow.user_secrets.put(UserSecret(actor.user_id, name, self.box.seal(key), JOINED))
            await uow.commit()

    async def test_key(
        self,
        actor: Actor,
        integration: str,
        api_key: str | None = None,
        options: KeyOptions | None = None,
    ) -> KeyTestResult:
        use_case = TestIntegrationKey(self.uow(), self.box, self.checkers, HUNTFLOW_URLS)
        return await use_case.execute(actor, integration, api_key, options or KeyOptions())
