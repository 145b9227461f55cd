from __future__ import annotations

import functools
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, bindparam, case, func, or_, select, true

from autopost.adapters.persistence.conflicts import translated
from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import api_tokens, groups, user_groups, users
from autopost.application.people.errors import UsernameTaken
from autopost.application.ports.api_token_repository import TokenHolder
from autopost.application.ports.user_repository import USER_ORDERINGS, UserQuery
from autopost.domain.errors import DomainError
from autopost.domain.user import ApiToken, User


def _username_taken() -> DomainError:
    # The only unique column of users, so a clash is always the username's.
    return UsernameTaken()


def _matching(text: str) -> ColumnElement[bool]:
    """Users whose username, email, first, last or full name contains ``text``."""
    if not text:
        return true()
    wanted = text.lower()
    full_name = users.c.last_name + " " + users.c.first_name
    # autoescape: "%" and "_" in the text are characters to find, not LIKE's wildcards.
    return or_(
        *(
            func.lower(column).contains(wanted, autoescape=True)
            for column in (users.c.username, users.c.email, users.c.first_name, users.c.last_name)
        ),
        func.lower(full_name).contains(wanted, autoescape=True),
    )


class SqlaUserRepository(SessionRepository):
    async def add(self, user: User) -> None:
        """Raises ``UsernameTaken`` when another user has the username."""
        await self._add(user, _username_taken)

    async def get(self, user_id: int) -> User | None:
        return await self._get(User, user_id)

    async def by_login(self, login: str) -> User | None:
        """The exact username first, then the one username equal but for case, then the one
        user with that email. A login that several users match ignoring case names nobody."""
        by_name = await self._all(
            select(User)
            .where(func.lower(users.c.username) == func.lower(login))
            .order_by(case((users.c.username == login, 0), else_=1), users.c.id)
            .limit(2)
        )
        if by_name:
            return by_name[0] if by_name[0].username == login or len(by_name) == 1 else None
        return await self.by_email(login)

    async def by_email(self, email: str) -> User | None:
        found = await self._all(
            select(User).where(func.lower(users.c.email) == func.lower(email)).limit(2)
        )
        return found[0] if len(found) == 1 else None

    async def search(self, query: UserQuery) -> tuple[int, Sequence[User]]:
        name = query.ordering.removeprefix("-")
        if name not in USER_ORDERINGS:
            raise ValueError(f"cannot order users by {query.ordering!r}")
        column = users.c[name]
        order = column.desc() if query.ordering.startswith("-") else column.asc()
        matching = _matching(query.search)
        counted = await self._execute(select(func.count()).select_from(users).where(matching))
        page = await self._all(
            select(User)
            .where(matching)
            .order_by(order, users.c.id)
            .limit(query.limit)
            .offset(query.offset)
        )
        return int(counted.scalar_one()), page

    async def delete(self, user: User) -> None:
        await self._delete(user)

    async def counts(self) -> tuple[int, int, int]:
        result = await self._execute(
            select(
                func.count(),
                func.count().filter(users.c.is_active),
                func.count().filter(users.c.is_staff),
            ).select_from(users)
        )
        row = tuple(result.one())
        return int(row[0]), int(row[1]), int(row[2])


@functools.cache
def _holder() -> Select[int, User, str | None]:
    """A token, its user and a row per group of the user (one with no group name when they
    have none): read before every request authenticated by a token, so built once (once the
    classes are mapped)."""
    return (
        select(api_tokens.c.id, User, groups.c.name)
        .join(users, users.c.id == api_tokens.c.user_id)
        .outerjoin(user_groups, user_groups.c.user_id == users.c.id)
        .outerjoin(groups, groups.c.id == user_groups.c.group_id)
        .where(api_tokens.c.digest == bindparam("digest"))
    )


class SqlaApiTokenRepository(SessionRepository):
    async def add(self, token: ApiToken) -> None:
        await self._add(token)

    async def by_digest(self, digest: str) -> ApiToken | None:
        return await self._first(select(ApiToken).where(api_tokens.c.digest == digest))

    async def with_holder(self, digest: str) -> TokenHolder | None:
        async with translated(self._session):
            rows = (await self._session.execute(_holder(), {"digest": digest})).all()
        if not rows:
            return None
        token_id, holder, _ = rows[0]
        names = tuple(sorted(name for _, _, name in rows if name is not None))
        return TokenHolder(token_id, holder, names)

    async def for_user(self, user_id: int) -> Sequence[ApiToken]:
        return await self._all(
            select(ApiToken).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id)
        )

    async def delete(self, token: ApiToken) -> None:
        await self._delete(token)

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        statement = api_tokens.delete().where(api_tokens.c.user_id == user_id)
        if keep_id is not None:
            statement = statement.where(api_tokens.c.id != keep_id)
        result = await self._execute(statement)
        return int(result.rowcount)  # type: ignore[attr-defined]
