"""The migrations build exactly the schema the code maps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from persistence_builders import NOW, Seed, UowFactory, remote_media
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.engine import async_url
from autopost.adapters.persistence.migrate import alembic_config, upgrade_database_async
from autopost.adapters.persistence.tables import metadata
from autopost.application.ports.media_repository import MediaFilter
from autopost.domain.board import Board, BoardSource
from autopost.domain.publication import PublicationStatus

pytestmark = pytest.mark.integration

HEAD = "0028"


def differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def test_migrations_build_exactly_the_mapped_schema(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_upgrading_again_changes_nothing(engine: AsyncEngine) -> None:
    await upgrade_database_async(engine)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    async with engine.connect() as connection:
        assert await connection.run_sync(current_revision) == head == HEAD
        assert await connection.run_sync(differences) == []


def downgrade_to_0001(connection: Connection) -> None:
    command.downgrade(alembic_config(connection), "0001")


def schema(connection: Connection) -> dict[str, set[str]]:
    found = inspect(connection)
    return {
        table: {c["name"] for c in found.get_columns(table)} for table in found.get_table_names()
    }


async def test_downgrading_to_0001_drops_the_pinterest_schema_and_upgrading_restores_it(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    credential_id = await seed.credential(platform="pinterest", default_board_id="77")
    async with uow_factory() as uow:
        board = Board(credential_id, "77", "Recipes", BoardSource.API, NOW)
        await uow.boards.replace(credential_id, [board], keep_manual=False)
        await uow.commit()
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to_0001)
        async with engine.connect() as connection:
            assert await connection.run_sync(current_revision) == "0001"
            tables = await connection.run_sync(schema)
        assert "boards" not in tables and "oauth_states" not in tables
        assert "default_board_id" not in tables["credentials"]
    finally:
        await upgrade_database_async(engine)
        # Pooled PostgreSQL connections cache statements prepared for the old tables.
        await engine.dispose()

    async with engine.connect() as connection:
        assert await connection.run_sync(current_revision) == HEAD
        assert await connection.run_sync(differences) == []
    async with uow_factory() as uow:
        credential = await uow.credentials.get(credential_id)
        assert await uow.boards.for_credential(credential_id) == []
    assert credential is not None and credential.default_board_id is None


def downgrade_to_0002(connection: Connection) -> None:
    command.downgrade(alembic_config(connection), "0002")


async def test_downgrading_to_0002_drops_the_media_schema_and_upgrading_restores_it(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    credential_id = await seed.credential()
    await seed.media(credential_id, [remote_media(1)])
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to_0002)
        async with engine.connect() as connection:
            assert await connection.run_sync(current_revision) == "0002"
            tables = await connection.run_sync(schema)
        assert "instagram_media" not in tables and "comments" not in tables
        assert "boards" in tables
    finally:
        await upgrade_database_async(engine)
        # Pooled PostgreSQL connections cache statements prepared for the old tables.
        await engine.dispose()

    async with engine.connect() as connection:
        assert await connection.run_sync(current_revision) == HEAD
        assert await connection.run_sync(differences) == []
    async with uow_factory() as uow:
        assert await uow.media.page(MediaFilter(credential_id), None, 10) == []
        assert await uow.credentials.get(credential_id) is not None


def downgrade_to_0004(connection: Connection) -> None:
    command.downgrade(alembic_config(connection), "0004")


async def test_downgrading_to_0004_keeps_publications_and_upgrading_makes_them_unprepared(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    publication_id = await seed.publication(container_id="c1", container_ready=True)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to_0004)
        async with engine.connect() as connection:
            tables = await connection.run_sync(schema)
        assert "container_ready" not in tables["publications"]
    finally:
        await upgrade_database_async(engine)
        await engine.dispose()

    async with uow_factory() as uow:
        publication = await uow.publications.get(publication_id)
    assert publication is not None and publication.container_id == "c1"
    assert not publication.container_ready, "made ready again before it is published"


def downgrade_to_0005(connection: Connection) -> None:
    command.downgrade(alembic_config(connection), "0005")


async def test_upgrading_from_0005_gives_each_publication_its_last_known_change(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    published = NOW + timedelta(hours=2)
    waiting_id = await seed.publication(updated_at=NOW + timedelta(hours=1))
    published_id = await seed.publication(published_at=published, updated_at=NOW)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to_0005)
        async with engine.connect() as connection:
            tables = await connection.run_sync(schema)
        assert "updated_at" not in tables["publications"]
    finally:
        await upgrade_database_async(engine)
        await engine.dispose()

    async with uow_factory() as uow:
        waiting = await uow.publications.get(waiting_id)
        done = await uow.publications.get(published_id)
    assert waiting is not None and waiting.updated_at == waiting.created_at
    assert done is not None and done.updated_at == published


def downgrade_to_0006(connection: Connection) -> None:
    command.downgrade(alembic_config(connection), "0006")


async def test_upgrading_from_0006_leaves_each_window_of_retries_to_open_at_the_next_try(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    publication_id = await seed.publication(attempts=2, retry_from=NOW)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to_0006)
        async with engine.connect() as connection:
            tables = await connection.run_sync(schema)
        assert "retry_from" not in tables["publications"]
    finally:
        await upgrade_database_async(engine)
        await engine.dispose()

    async with uow_factory() as uow:
        publication = await uow.publications.get(publication_id)
    assert publication is not None and publication.attempts == 2
    assert publication.retry_from is None


def downgrade_to_0007(connection: Connection) -> None:
    command.downgrade(alembic_config(connection), "0007")


async def test_upgrading_from_0007_keeps_the_quota_place_of_what_has_a_container(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    ready_id = await seed.publication(container_id="c1", container_ready=True)
    sent_id = await seed.publication(
        status=PublicationStatus.PROCESSING, container_id="c2", publish_requested_at=NOW
    )
    unprepared_id = await seed.publication()
    published_id = await seed.publication(status=PublicationStatus.PUBLISHED, container_id="c3")
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to_0007)
        async with engine.connect() as connection:
            tables = await connection.run_sync(schema)
        assert "quota_reserved" not in tables["publications"]
    finally:
        await upgrade_database_async(engine)
        await engine.dispose()

    held = {}
    async with uow_factory() as uow:
        for publication_id in (ready_id, sent_id, unprepared_id, published_id):
            publication = await uow.publications.get(publication_id)
            assert publication is not None
            held[publication_id] = publication.quota_reserved
    assert held == {ready_id: True, sent_id: True, unprepared_id: False, published_id: False}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///var/autopost.sqlite3", "sqlite+aiosqlite:///var/autopost.sqlite3"),
        ("sqlite:////abs/db.sqlite3", "sqlite+aiosqlite:////abs/db.sqlite3"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql://u:p%40ss@db:5432/app", "postgresql+asyncpg://u:p%40ss@db:5432/app"),
        ("postgres://u@db/app?ssl=require", "postgresql+asyncpg://u@db/app?ssl=require"),
        ("postgresql+asyncpg://u@db/app", "postgresql+asyncpg://u@db/app"),
        ("postgresql+psycopg://u@db/app", "postgresql+psycopg://u@db/app"),
    ],
)
def test_async_url_names_the_async_driver(given: str, expected: str) -> None:
    assert async_url(given) == expected
