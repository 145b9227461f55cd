"""Driver errors about conflicting writes, turned into the errors the domain names."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from autopost.domain.errors import ConcurrentUpdate, DomainError

Conflict = Callable[[], DomainError]


def changed_meanwhile() -> DomainError:
    return ConcurrentUpdate("the record was changed or removed by someone else meanwhile")


@asynccontextmanager
async def translated(
    session: AsyncSession, conflict: Conflict = changed_meanwhile
) -> AsyncIterator[None]:
    """Raise ``ConcurrentUpdate`` for a stale version and ``conflict()`` for a broken
    constraint, after discarding the transaction so that the session can be used again."""
    try:
        yield
    except StaleDataError as error:
        await discard(session)
        raise changed_meanwhile() from error
    except IntegrityError as error:
        await discard(session)
        raise conflict() from error


async def discard(session: AsyncSession) -> None:
    """Roll back, leaving the entities already loaded readable but no longer tracked.

    A plain rollback would expire them, and reading an expired attribute outside the
    session's greenlet fails; forgetting them first keeps the values last seen.
    """
    session.expunge_all()
    await session.rollback()
