"""In-memory repositories of people: groups, sessions, integration keys, failed sign-ins, audit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from autopost.application.people.errors import UsernameTaken
from autopost.application.ports.api_token_repository import TokenHolder
from autopost.application.ports.user_repository import USER_ORDERINGS, UserQuery
from autopost.domain.access import ROLE_IDS
from autopost.domain.audit import AuditEntry
from autopost.domain.login_throttle import LoginFailures
from autopost.domain.user import ApiToken, Group, Session, User, UserSecret

if TYPE_CHECKING:
    from tests.fakes import InMemoryUnitOfWork


def seeded_groups() -> dict[int, Any]:
    return {group_id: Group(role.value, group_id) for role, group_id in ROLE_IDS.items()}


class Table:
    def __init__(self, uow: InMemoryUnitOfWork, name: str) -> None:
        self._uow = uow
        self._name = name

    @property
    def _rows(self) -> dict[int, Any]:
        self._uow.begin()
        return self._uow.store.rows[self._name]

    async def add(self, entity: Any) -> None:
        # As the database adapter does: the id is known as soon as the entity is added.
        entity.id = next(self._uow.store.ids)
        self._uow.track(self._name, entity, new=True)

    async def get(self, key: int) -> Any:
        if key not in self._rows:
            return None
        return self._uow.load(self._name, key)

    async def delete(self, entity: Any) -> None:
        self._uow.begin()
        self._uow.deleted.append((self._name, entity.id))

    def _all(self) -> list[Any]:
        pending = [e for t, e, _, s in self._uow._tracked if t == self._name and s is None]
        gone = {key for table, key in self._uow.deleted if table == self._name}
        stored = [self._uow.load(self._name, key) for key in sorted(self._rows) if key not in gone]
        return stored + pending

    def _delete_where(self, keep: Any) -> int:
        gone = [e for e in self._all() if e.id is not None and not keep(e)]
        self._uow.deleted.extend((self._name, e.id) for e in gone)
        return len(gone)


def _key(user: User, ordering: str) -> Any:
    value = getattr(user, ordering.removeprefix("-"))
    return (value is None, value)


class FakeUsers(Table):
    async def add(self, user: User) -> None:
        if any(u.username == user.username for u in self._all()):
            raise UsernameTaken()
        await super().add(user)

    async def by_login(self, login: str) -> User | None:
        users = self._all()
        for match in (lambda u: u.username.lower(), lambda u: u.email.lower()):
            for user in users:
                if match(user) == login.lower():
                    return user  # type: ignore[no-any-return]
        return None

    async def by_email(self, email: str) -> User | None:
        found = [u for u in self._all() if u.email.lower() == email.lower()]
        return found[0] if len(found) == 1 else None

    async def search(self, query: UserQuery) -> tuple[int, Sequence[User]]:
        assert query.ordering.removeprefix("-") in USER_ORDERINGS
        text = query.search.lower()
        found = [
            u
            for u in self._all()
            if not text
            or any(
                text in v.lower()
                for v in (u.username, u.email, u.first_name, u.last_name, u.full_name)
            )
        ]
        found.sort(key=lambda u: u.id)
        found.sort(key=lambda u: _key(u, query.ordering), reverse=query.ordering.startswith("-"))
        return len(found), found[query.offset : query.offset + query.limit]

    async def counts(self) -> tuple[int, int, int]:
        users = self._all()
        return len(users), sum(u.is_active for u in users), sum(u.is_staff for u in users)


class FakeGroups(Table):
    async def list(self) -> Sequence[Group]:
        return self._all()

    async def of_users(self, user_ids: Sequence[int]) -> Mapping[int, Sequence[Group]]:
        memberships = self._uow.memberships()
        groups = {g.id: g for g in self._all()}
        return {
            u: sorted((groups[g] for g in memberships[u]), key=lambda g: g.name)
            for u in user_ids
            if memberships.get(u)
        }

    async def set_for_user(self, user_id: int, group_ids: Sequence[int]) -> None:
        self._uow.pending_memberships[user_id] = set(group_ids)

    async def member_counts(self) -> Mapping[str, int]:
        memberships = self._uow.memberships()
        return {g.name: sum(g.id in groups for groups in memberships.values()) for g in self._all()}


class FakeApiTokens(Table):
    async def by_digest(self, digest: str) -> ApiToken | None:
        return next((t for t in self._all() if t.digest == digest), None)

    async def with_holder(self, digest: str) -> TokenHolder | None:
        token = await self.by_digest(digest)
        if token is None or token.user_id not in self._uow.store.rows["users"]:
            return None
        assert token.id is not None
        groups = {key: group.name for key, group in self._uow.store.rows["groups"].items()}
        names = sorted(groups[g] for g in self._uow.memberships().get(token.user_id, ()))
        return TokenHolder(token.id, self._uow.load("users", token.user_id), tuple(names))

    async def for_user(self, user_id: int) -> Sequence[ApiToken]:
        return [t for t in self._all() if t.user_id == user_id]

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        return self._delete_where(lambda t: t.user_id != user_id or t.id == keep_id)


class FakeSessions(Table):
    async def by_digest(self, digest: str) -> Session | None:
        return next((s for s in self._all() if s.digest == digest), None)

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        return self._delete_where(lambda s: s.user_id != user_id or s.id == keep_id)

    async def delete_expired(self, now: datetime) -> int:
        return self._delete_where(lambda s: s.expires_at > now)


class FakeUserSecrets(Table):
    async def for_user(self, user_id: int) -> Sequence[UserSecret]:
        return sorted((s for s in self._all() if s.user_id == user_id), key=lambda s: s.name)

    async def put(self, secret: UserSecret) -> None:
        for existing in self._all():
            if (existing.user_id, existing.name) == (secret.user_id, secret.name):
                existing.sealed, existing.updated_at = secret.sealed, secret.updated_at
                return
        await self.add(secret)

    async def remove(self, user_id: int, name: str) -> None:
        self._delete_where(lambda s: (s.user_id, s.name) != (user_id, name))

    async def every(self) -> Sequence[UserSecret]:
        return self._all()


class FakeLoginFailures(Table):
    async def get(self, key: str) -> LoginFailures | None:  # type: ignore[override]
        return next((f for f in self._all() if f.key == key), None)

    async def clear(self, key: str) -> None:
        self._delete_where(lambda f: f.key != key)


class FakeAuditLog(Table):
    async def page(self, limit: int, offset: int) -> tuple[int, Sequence[AuditEntry]]:
        entries = sorted(self._all(), key=lambda e: (e.at, e.id or 0), reverse=True)
        return len(entries), entries[offset : offset + limit]

    async def about(self, resource: str, resource_id: str) -> Sequence[AuditEntry]:
        found = [e for e in self._all() if (e.resource, e.resource_id) == (resource, resource_id)]
        return sorted(found, key=lambda e: (e.at, e.id or 0))

    def entries(self) -> list[AuditEntry]:
        return self._all()
