"""Throwaway PostgreSQL databases for tests, on the server the machine runs."""

from __future__ import annotations

import asyncio
import os
import secrets

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from autopost.adapters.persistence.engine import async_url

POSTGRES_URL_VARIABLE = "AUTOPOST_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def server_url() -> str:
    return os.environ.get(POSTGRES_URL_VARIABLE) or DEFAULT_POSTGRES_URL


async def execute_autocommit(url: str, *statements: str) -> None:
    engine = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            for statement in statements:
                await connection.exec_driver_sql(statement)
    finally:
        await engine.dispose()


def create_database(prefix: str) -> str:
    """A new empty database; its plain ``postgresql://`` URL."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    asyncio.run(execute_autocommit(server_url(), f'CREATE DATABASE "{name}"'))
    return make_url(server_url()).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    name = make_url(url).database
    asyncio.run(execute_autocommit(server_url(), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
