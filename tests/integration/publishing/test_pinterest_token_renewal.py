"""A Pinterest token about to expire is renewed in transactions of the renewal's own, on
SQLite (one connection, which a transaction left open would keep from the renewal) and on
PostgreSQL: when a pin is published, when boards are refreshed by hand or to choose a pin's
board, and by the periodic job."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from publishing_world import SANDBOX, START, PublishingWorld

from autopost.application.access import SYSTEM
from autopost.application.integrations.credentials import ConnectAccount
from autopost.application.posting.posts import EditPost, SchedulePost
from autopost.domain.credential import Credential
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, PinContent
from autopost.domain.publication import PublicationStatus

pytestmark = pytest.mark.integration

ACCOUNT = "autopost_demo"
# Far below the pool's wait for SQLite's one connection (30 s): a transaction held open while
# the boards are fetched and stored would keep that connection from the catalog.
PATIENCE_SECONDS = 10


class PinterestWorld(PublishingWorld):
    boards: dict[str, str]


@pytest.fixture
async def world(tmp_path: Path, database_url: str) -> AsyncIterator[PinterestWorld]:
    world = PinterestWorld(tmp_path, database_url)
    await world.open()
    yield world
    await world.close()


async def connect_expiring(world: PinterestWorld) -> Credential:
    """The sandbox's demo account, its access token expiring within the renewal margin."""
    async with httpx.AsyncClient(transport=world.line, base_url=SANDBOX) as sandbox:
        answer = await sandbox.post("/_sandbox/pinterest/tokens", json={"username": ACCOUNT})
        minted = answer.json()
        boards = await sandbox.get(
            "/pinterest/v5/boards",
            headers={"Authorization": f"Bearer {minted['access_token']}"},
        )
    world.boards = {b["name"]: b["id"] for b in boards.json()["items"]}
    command = ConnectAccount(
        Platform.PINTEREST,
        ACCOUNT,
        minted["access_token"],
        refresh_token=minted["refresh_token"],
        expires_at=START + timedelta(hours=1),
        environment="sandbox",
    )
    return await world.container.integrations.save_credential().execute(SYSTEM, command)


async def stored(world: PinterestWorld, credential: Credential) -> Credential:
    assert credential.id is not None
    async with world.container.infrastructure.uow() as uow:
        found = await uow.credentials.get(credential.id)
    assert found is not None
    return found


async def test_a_pin_is_published_with_a_token_renewed_on_the_way(
    world: PinterestWorld,
) -> None:
    credential = await connect_expiring(world)
    command = SchedulePost(
        content=PinContent(
            content_type=ContentType.PHOTO,
            url="https://cdn.example.com/quiz.png",
            title="Quiz",
            link="https://q/1",
        ),
        date_pub=START + timedelta(minutes=1),
        credential_id=credential.id,
        board_id=world.boards["code"],
    )
    view = await world.container.posting.schedule_post().execute(SYSTEM, command)
    assert view.publication.id is not None
    world.publication_ids.append(view.publication.id)
    await world.run_until(START + timedelta(minutes=1))
    (publication,) = await world.publications()
    assert publication.status is PublicationStatus.PUBLISHED, publication.error
    assert (await stored(world, credential)).expires_at != START + timedelta(hours=1)


async def test_boards_refreshed_by_hand_renew_the_token_first(world: PinterestWorld) -> None:
    credential = await connect_expiring(world)
    boards = await world.container.pinterest.refresh_boards().execute(SYSTEM, credential.id)
    assert "code" in {b.name for b in boards}
    assert (await stored(world, credential)).expires_at != START + timedelta(hours=1)


async def test_the_periodic_job_renews_a_token_about_to_expire(world: PinterestWorld) -> None:
    credential = await connect_expiring(world)
    assert await world.container.pinterest.renew_pinterest_tokens().execute() == 1
    assert (await stored(world, credential)).expires_at != START + timedelta(hours=1)


async def test_a_pin_chosen_its_board_by_topic_and_moved_by_topic_fetches_the_boards_freely(
    world: PinterestWorld,
) -> None:
    """Scheduling and editing choose the board before their own transaction opens: the
    catalog renews the token and stores the boards in transactions of its own."""
    credential = await connect_expiring(world)
    command = SchedulePost(
        content=PinContent(
            content_type=ContentType.PHOTO,
            url="https://cdn.example.com/quiz.png",
            title="Quiz",
            topic="code",
        ),
        date_pub=START + timedelta(hours=3),
        credential_id=credential.id,
    )
    schedule = world.container.posting.schedule_post().execute(SYSTEM, command)
    view = await asyncio.wait_for(schedule, PATIENCE_SECONDS)
    assert view.publication.board_id == world.boards["code"]
    assert (await stored(world, credential)).expires_at != START + timedelta(hours=1)
    assert view.post.id is not None
    world.clock.advance(timedelta(hours=1))  # the boards cache is old: it is fetched again
    edit = world.container.posting.edit_post().execute(
        SYSTEM, EditPost(view.post.id, changes={"topic": "Python"})
    )
    edited = await asyncio.wait_for(edit, PATIENCE_SECONDS)
    assert edited.publication.board_id == world.boards["Python"]
