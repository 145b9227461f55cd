from __future__ import annotations

from sqlalchemy import case, func, select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import api_tokens, users
from autopost.domain.errors import DomainError, ValidationFailed
from autopost.domain.user import ApiToken, User


def _username_taken() -> DomainError:
    # The only unique column of users: Django's message, which the accounts API promises.
    return ValidationFailed({"username": ["A user with that username already exists."]})


class SqlaUserRepository(SessionRepository):
    async def add(self, user: User) -> None:
        """Raises ``ValidationFailed`` on ``username`` when the username is taken."""
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
        by_email = await self._all(
            select(User).where(func.lower(users.c.email) == func.lower(login)).limit(2)
        )
        return by_email[0] if len(by_email) == 1 else None


class SqlaApiTokenRepository(SessionRepository):
    async def add(self, token: ApiToken) -> None:
        await self._add(token)

    async def by_digest(self, digest: str) -> ApiToken | None:
        return await self._first(select(ApiToken).where(api_tokens.c.digest == digest))
