"""The boards cache keeps transactions of its own: whoever asks it for boards keeps theirs
whole, and no transaction is open while Pinterest is asked."""

from datetime import timedelta

import pytest

from autopost.application.pinterest.boards import BoardCatalog
from autopost.application.ports.pinterest_gateway import RemoteBoard
from autopost.application.ports.platform_errors import TransientPlatformError
from autopost.application.posting.errors import TopicMatchesNoBoard
from autopost.domain.board import BoardSource
from tests.fakes import InMemoryUnitOfWork
from tests.harness import NOON, Harness, pinterest_world

LATER = NOON + timedelta(hours=4)


@pytest.fixture
def world() -> Harness:
    return pinterest_world()


def boards_grow_old(world: Harness) -> None:
    world.clock.advance(world.pinterest_policy.boards_max_age)


async def test_the_catalog_commits_its_own_unit_of_work_never_its_callers(
    world: Harness,
) -> None:
    credential = await world.connect_pinterest()
    assert credential.id is not None
    own = world.uow()
    catalog = BoardCatalog(world.pinterest, world.tokens, world.clock, world.pinterest_policy, own)
    # Unwatched: this caller holds its transaction open on purpose, with work of its own.
    caller = InMemoryUnitOfWork(world.store)
    async with caller:
        mine = await caller.credentials.get(credential.id)
        assert mine is not None
        mine.default_board_id = "left unsaved by its caller"
        world.pinterest.boards.append(RemoteBoard("901", "Python"))
        await catalog.refresh(mine)
        await catalog.store_manual(mine, {"JavaScript": "902"})
        boards_grow_old(world)
        await catalog.current(mine)
        assert caller.commits == 0
    assert own.commits == 3, "the refresh, the boards given by hand, the second refresh"
    assert world.store.rows["credentials"][credential.id].default_board_id is None
    stored = await catalog.cached(credential)
    assert {b.name for b in stored} == {"code", "Python", "JavaScript"}


async def test_an_edit_refused_for_its_topic_saves_nothing_though_the_boards_were_refreshed(
    world: Harness,
) -> None:
    """Choosing the board refreshes the old boards cache; the edit it is for is then refused
    (no board fits the new topic) and none of it may be saved, its new title included."""
    await world.connect_pinterest()
    view = await world.schedule_pin(at=LATER, title="before", topic="code")
    assert view.post.id is not None
    boards_grow_old(world)
    world.pinterest.boards = [RemoteBoard("901", "Python")]
    with pytest.raises(TopicMatchesNoBoard) as refused:
        await world.edit(view.post.id, title="after", topic="Rust")
    assert refused.value.known_boards == ["Python"]
    assert world.pinterest.calls.count("list_boards") == 2, "the cache was refreshed"
    after = await world.get(view.post.id)
    assert (after.post.content.title, after.post.content.topic) == ("before", "code")
    assert after.publication.version == view.publication.version


async def test_a_pin_scheduled_and_moved_while_the_boards_are_old_refreshes_them_first(
    world: Harness,
) -> None:
    """Pinterest is asked for the boards with no transaction open (the harness checks every
    call): on SQLite an open one would hold the write lock that storing the boards needs."""
    credential = await world.connect_pinterest()
    world.pinterest.boards.append(RemoteBoard("901", "Python"))
    boards_grow_old(world)
    view = await world.schedule_pin(at=LATER, topic="Python")
    assert view.publication.board_id == "901"
    world.pinterest.boards.append(RemoteBoard("902", "Go"))
    boards_grow_old(world)
    assert view.post.id is not None
    edited = await world.edit(view.post.id, topic="Go")
    assert edited.publication.board_id == "902"
    assert world.pinterest.calls.count("list_boards") == 3
    assert {b.name for b in await world.catalog.cached(credential)} == {"code", "Python", "Go"}


async def test_old_boards_are_used_when_pinterest_cannot_be_reached(world: Harness) -> None:
    credential = await world.connect_pinterest()
    boards_grow_old(world)
    world.pinterest.script["list_boards"] = [TransientPlatformError("Could not reach Pinterest.")]
    view = await world.schedule_pin(at=LATER, topic="code")
    assert view.publication.board_id == "900"
    (board,) = await world.catalog.cached(credential)
    assert board.source is BoardSource.API
    assert board.refreshed_at <= world.clock.now() - world.pinterest_policy.boards_max_age
