"""The posts in review as each role reads them, and a Pinterest account's default board."""

import pytest

from autopost.application.pinterest.board_settings import ListStoredBoards, SetDefaultBoard
from autopost.application.pinterest.boards import RefreshBoards
from autopost.application.pinterest.errors import DefaultBoardUnknown
from autopost.application.ports.pinterest_gateway import RemoteBoard
from autopost.application.posting.review_list import ListPostsInReview
from autopost.domain.board import choose_board
from autopost.domain.errors import PermissionDenied
from autopost.domain.publication import PublicationStatus
from tests.approval_world import ADMINISTRATOR, CONTRIBUTOR, OBSERVER, PUBLISHER, ApprovalWorld
from tests.harness import NOON, Harness, pinterest_world

S = PublicationStatus


@pytest.fixture
async def world() -> ApprovalWorld:
    world = ApprovalWorld(approval_required=True)
    await world.connect()
    return world


async def in_review(world: ApprovalWorld, actor: object) -> list[int]:
    listed = await ListPostsInReview(world.uow(), world.clock).execute(actor)  # type: ignore[arg-type]
    return [view.post.id for view in listed.posts if view.post.id is not None]


async def test_a_reviewer_sees_every_post_awaiting_approval_and_no_other(
    world: ApprovalWorld,
) -> None:
    waiting = await world.write(CONTRIBUTOR)
    returned = await world.write(CONTRIBUTOR)
    await world.send_back(PUBLISHER, returned.post.id, "Shorter, please")  # type: ignore[arg-type]
    await world.write(PUBLISHER)  # scheduled straight away
    for reviewer in (PUBLISHER, ADMINISTRATOR):
        assert await in_review(world, reviewer) == [waiting.post.id]


async def test_a_contributor_sees_their_own_posts_awaiting_approval_or_returned(
    world: ApprovalWorld,
) -> None:
    waiting = await world.write(CONTRIBUTOR)
    returned = await world.write(CONTRIBUTOR)
    await world.send_back(PUBLISHER, returned.post.id, "Shorter, please")  # type: ignore[arg-type]
    listed = await ListPostsInReview(world.uow(), world.clock).execute(CONTRIBUTOR)
    assert not listed.reviewer
    statuses = {view.post.id: view.publication.status for view in listed.posts}
    assert statuses == {waiting.post.id: S.AWAITING_APPROVAL, returned.post.id: S.RETURNED}
    comments = [view.publication.review_comment for view in listed.posts]
    assert "Shorter, please" in comments
    assert await in_review(world, OBSERVER) == []


async def test_the_earliest_due_comes_first(world: ApprovalWorld) -> None:
    from datetime import timedelta

    later = await world.write(CONTRIBUTOR, NOON + timedelta(days=2))
    sooner = await world.write(CONTRIBUTOR, NOON + timedelta(days=1))
    assert await in_review(world, PUBLISHER) == [sooner.post.id, later.post.id]


@pytest.fixture
async def pins() -> tuple[Harness, int]:
    world = pinterest_world()
    world.pinterest.boards = [RemoteBoard("900", "Cats")]
    credential = await world.connect_pinterest()
    assert credential.id is not None
    await RefreshBoards(world.uow(), world.catalog).execute(
        ADMINISTRATOR, credential.id, {"Recipes": "1234"}
    )
    return world, credential.id


async def test_a_default_board_is_one_of_the_accounts_boards(pins: tuple[Harness, int]) -> None:
    world, credential_id = pins
    use_case = SetDefaultBoard(world.uow(), world.clock)
    with pytest.raises(DefaultBoardUnknown):
        await use_case.execute(PUBLISHER, credential_id, "999")
    credential = await use_case.execute(PUBLISHER, credential_id, "1234")
    assert credential.default_board_id == "1234"
    boards = await ListStoredBoards(world.uow()).execute(OBSERVER, credential_id)
    assert choose_board("Travel", boards, credential.default_board_id) == "1234"
    assert choose_board("cats", boards, credential.default_board_id) == "900"
    cleared = await SetDefaultBoard(world.uow(), world.clock).execute(
        ADMINISTRATOR, credential_id, None
    )
    assert cleared.default_board_id is None


async def test_only_who_may_change_accounts_sets_the_default_board(
    pins: tuple[Harness, int],
) -> None:
    world, credential_id = pins
    for actor in (CONTRIBUTOR, OBSERVER):
        with pytest.raises(PermissionDenied):
            await SetDefaultBoard(world.uow(), world.clock).execute(actor, credential_id, "1234")
