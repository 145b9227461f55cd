"""Whether the database answers, and whether it is at the newest schema revision."""

from __future__ import annotations

import asyncio

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.migrate import alembic_config
from autopost.application.ports.database_probe import DatabaseState

# A health check answers in a few seconds, also when the database does not.
TIMEOUT_S = 5.0


def newest_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


class SqlaDatabaseProbe:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._newest = newest_revision()
        self._kind = "sqlite" if engine.dialect.name == "sqlite" else engine.dialect.name

    async def state(self) -> DatabaseState:
        try:
            async with asyncio.timeout(TIMEOUT_S):
                async with self._engine.connect() as connection:
                    revision = await connection.run_sync(_current_revision)
        except TimeoutError:
            return self._down(f"no answer within {TIMEOUT_S:g} s")
        except (SQLAlchemyError, OSError) as failed:
            # The type and the driver's first line: never the URL, which may hold a password.
            return self._down(_said(failed))
        return DatabaseState(True, revision, self._newest, kind=self._kind)

    def _down(self, error: str) -> DatabaseState:
        return DatabaseState(False, newest=self._newest, error=error, kind=self._kind)


def _said(failed: Exception) -> str:
    cause = getattr(failed, "orig", None) or failed
    first_line = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    return f"{type(cause).__name__}: {first_line}"[:200] if first_line else type(cause).__name__
