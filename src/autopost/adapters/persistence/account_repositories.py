"""Groups and memberships, sessions, integration keys, failed sign-ins and the audit log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import attrs
from sqlalchemy import func, insert, select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import (
    audit_log,
    groups,
    login_failures,
    login_sessions,
    user_groups,
    user_secrets,
)
from autopost.domain.audit import AuditEntry
from autopost.domain.login_throttle import LoginFailures
from autopost.domain.user import Group, Session, UserSecret


class SqlaGroupRepository(SessionRepository):
    async def list(self) -> Sequence[Group]:
        return await self._all(select(Group).order_by(groups.c.id))

    async def get(self, group_id: int) -> Group | None:
        return await self._get(Group, group_id)

    async def of_users(self, user_ids: Sequence[int]) -> Mapping[int, Sequence[Group]]:
        if not user_ids:
            return {}
        rows = await self._execute(
            select(user_groups.c.user_id, Group)
            .join(groups, groups.c.id == user_groups.c.group_id)
            .where(user_groups.c.user_id.in_(user_ids))
            .order_by(groups.c.name)
        )
        found: dict[int, list[Group]] = {}
        for user_id, group in map(tuple, rows):
            found.setdefault(user_id, []).append(group)
        return found

    async def set_for_user(self, user_id: int, group_ids: Sequence[int]) -> None:
        await self._execute(user_groups.delete().where(user_groups.c.user_id == user_id))
        if group_ids:
            await self._execute(
                user_groups.insert(),
                [{"user_id": user_id, "group_id": g} for g in sorted(set(group_ids))],
            )

    async def member_counts(self) -> Mapping[str, int]:
        rows = await self._execute(
            select(groups.c.name, func.count(user_groups.c.user_id))
            .select_from(groups.outerjoin(user_groups, user_groups.c.group_id == groups.c.id))
            .group_by(groups.c.id, groups.c.name)
            .order_by(groups.c.id)
        )
        return {name: int(count) for name, count in map(tuple, rows)}


class SqlaLoginSessionRepository(SessionRepository):
    async def add(self, session: Session) -> None:
        await self._add(session)

    async def by_digest(self, digest: str) -> Session | None:
        return await self._first(select(Session).where(login_sessions.c.digest == digest))

    async def delete(self, session: Session) -> None:
        await self._delete(session)

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        statement = login_sessions.delete().where(login_sessions.c.user_id == user_id)
        if keep_id is not None:
            statement = statement.where(login_sessions.c.id != keep_id)
        return int((await self._execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def delete_expired(self, now: datetime) -> int:
        statement = login_sessions.delete().where(login_sessions.c.expires_at <= now)
        return int((await self._execute(statement)).rowcount)  # type: ignore[attr-defined]


class SqlaUserSecretRepository(SessionRepository):
    async def for_user(self, user_id: int) -> Sequence[UserSecret]:
        return await self._all(
            select(UserSecret)
            .where(user_secrets.c.user_id == user_id)
            .order_by(user_secrets.c.name)
        )

    async def put(self, secret: UserSecret) -> None:
        existing = await self._first(
            select(UserSecret).where(
                user_secrets.c.user_id == secret.user_id, user_secrets.c.name == secret.name
            )
        )
        if existing is None:
            await self._add(secret)
            return
        existing.sealed, existing.updated_at = secret.sealed, secret.updated_at
        secret.id = existing.id

    async def remove(self, user_id: int, name: str) -> None:
        await self._execute(
            user_secrets.delete().where(
                user_secrets.c.user_id == user_id, user_secrets.c.name == name
            )
        )

    async def every(self) -> Sequence[UserSecret]:
        return await self._all(select(UserSecret).order_by(user_secrets.c.id))


class SqlaLoginFailureRepository(SessionRepository):
    async def get(self, key: str) -> LoginFailures | None:
        return await self._first(select(LoginFailures).where(login_failures.c.key == key))

    async def add(self, failures: LoginFailures) -> None:
        await self._add(failures)

    async def clear(self, key: str) -> None:
        await self._execute(login_failures.delete().where(login_failures.c.key == key))


class SqlaAuditLog(SessionRepository):
    async def add(self, entry: AuditEntry) -> None:
        # One Core INSERT, made once, in the transaction of the change it records: the ORM's
        # flush of a new entry cost more than the statement, on the due second's path too (a
        # publication that ends is recorded). No one reads the entry back before that commit.
        row = attrs.asdict(entry, filter=lambda field, _: field.name != "id")
        await self._execute(_ADD_ENTRY, row)

    async def page(self, limit: int, offset: int) -> tuple[int, Sequence[AuditEntry]]:
        total = await self._execute(select(func.count()).select_from(audit_log))
        entries = await self._all(
            select(AuditEntry)
            .order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return int(total.scalar_one()), entries

    async def about(self, resource: str, resource_id: str) -> Sequence[AuditEntry]:
        return await self._all(
            select(AuditEntry)
            .where(audit_log.c.resource == resource, audit_log.c.resource_id == resource_id)
            .order_by(audit_log.c.at, audit_log.c.id)
        )


_ADD_ENTRY = insert(audit_log)
