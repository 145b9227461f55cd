"""Each Pinterest account's cache of boards: replaced whole, hand-given boards kept on request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.domain.board import Board, BoardSection, BoardSource

pytestmark = pytest.mark.integration

API, MANUAL = BoardSource.API, BoardSource.MANUAL


def board(credential_id: int, board_id: str, name: str, source: BoardSource = API) -> Board:
    return Board(credential_id, board_id, name, source, NOW)


async def replace(
    uow_factory: UowFactory, credential_id: int, boards: list[Board], keep_manual: bool
) -> None:
    async with uow_factory() as uow:
        await uow.boards.replace(credential_id, boards, keep_manual=keep_manual)
        await uow.commit()


async def stored(uow_factory: UowFactory, credential_id: int) -> list[tuple[str, str, str]]:
    async with uow_factory() as uow:
        boards = await uow.boards.for_credential(credential_id)
    return [(b.board_id, b.name, b.source.value) for b in boards]


async def test_for_credential_lists_only_that_accounts_boards_by_name(
    uow_factory: UowFactory, seed: Seed
) -> None:
    mine, theirs = await seed.credential(), await seed.credential()
    await replace(uow_factory, mine, [board(mine, "1", "zeta"), board(mine, "2", "alpha")], False)
    await replace(uow_factory, theirs, [board(theirs, "1", "beta")], False)

    assert await stored(uow_factory, mine) == [("2", "alpha", "api"), ("1", "zeta", "api")]
    assert await stored(uow_factory, 999) == []


async def test_replace_without_keep_manual_leaves_exactly_the_new_boards(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await replace(
        uow_factory,
        account,
        [board(account, "1", "Old"), board(account, "9", "Mine", MANUAL)],
        False,
    )
    # The same board_id again: the old row must be gone before the new one is inserted.
    fresh = [board(account, "1", "Renamed"), board(account, "2", "New"), board(account, "2", "Dup")]
    await replace(uow_factory, account, fresh, False)

    assert await stored(uow_factory, account) == [("2", "New", "api"), ("1", "Renamed", "api")]
    assert fresh[0].id is not None and fresh[2].id is None  # a repeated board_id: first wins


async def test_replace_with_keep_manual_keeps_hand_given_boards_the_new_ones_do_not_cover(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await replace(
        uow_factory,
        account,
        [
            board(account, "a1", "Gone"),
            board(account, "m1", "Recipes", MANUAL),  # a new board has this name
            board(account, "m2", "Travel", MANUAL),  # kept
            board(account, "a3", "Stale", MANUAL),  # a new board has this board_id
        ],
        False,
    )

    await replace(
        uow_factory,
        account,
        [board(account, "a2", "recipes "), board(account, "a3", "Garden")],
        keep_manual=True,
    )

    # Sorted here: how the database orders mixed case and spaces depends on its collation.
    assert sorted(await stored(uow_factory, account)) == [
        ("a2", "recipes ", "api"),
        ("a3", "Garden", "api"),
        ("m2", "Travel", "manual"),
    ]


async def test_replace_is_undone_with_the_transaction_it_belongs_to(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await replace(uow_factory, account, [board(account, "1", "Kept")], False)
    async with uow_factory() as uow:
        await uow.boards.replace(account, [board(account, "2", "Dropped")], keep_manual=False)
        assert [b.name for b in await uow.boards.for_credential(account)] == ["Dropped"]

    assert await stored(uow_factory, account) == [("1", "Kept", "api")]


async def test_a_loaded_board_given_back_to_replace_is_kept_with_its_changes(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await replace(uow_factory, account, [board(account, "1", "a"), board(account, "2", "b")], False)
    async with uow_factory() as uow:
        first, second = await uow.boards.for_credential(account)
        first.refreshed_at = NOW + timedelta(hours=1)
        await uow.boards.replace(account, [first, board(account, "3", "c")], keep_manual=False)
        await uow.commit()

    async with uow_factory() as uow:
        boards = await uow.boards.for_credential(account)
    assert [b.board_id for b in boards] == ["1", "3"]
    assert boards[0].id == first.id and boards[0].refreshed_at == NOW + timedelta(hours=1)
    assert second.id not in {b.id for b in boards}


async def test_boards_of_another_account_are_refused(uow_factory: UowFactory, seed: Seed) -> None:
    account = await seed.credential()
    async with uow_factory() as uow:
        with pytest.raises(ValueError, match="not of credential"):
            await uow.boards.replace(account, [board(account + 1, "1", "x")], keep_manual=False)


async def test_deleting_an_account_deletes_its_boards(uow_factory: UowFactory, seed: Seed) -> None:
    deleted, other = await seed.credential(), await seed.credential()
    await replace(uow_factory, deleted, [board(deleted, "1", "a")], False)
    await replace(uow_factory, other, [board(other, "1", "b")], False)
    async with uow_factory() as uow:
        credential = await uow.credentials.get(deleted)
        assert credential is not None
        await uow.credentials.delete(credential)
        await uow.commit()

    assert await stored(uow_factory, deleted) == []
    assert await stored(uow_factory, other) == [("1", "b", "api")]


def section(credential_id: int, board_id: str, section_id: str, name: str) -> BoardSection:
    return BoardSection(credential_id, board_id, section_id, name, NOW)


async def stored_sections(uow_factory: UowFactory, credential_id: int) -> list[tuple[str, ...]]:
    async with uow_factory() as uow:
        found = await uow.boards.sections_for_credential(credential_id)
    return [(s.board_id, s.section_id, s.name) for s in found]


async def test_sections_are_replaced_whole_per_account_and_listed_by_board_then_name(
    uow_factory: UowFactory, seed: Seed
) -> None:
    mine, theirs = await seed.credential(), await seed.credential()
    async with uow_factory() as uow:
        await uow.boards.replace_sections(
            mine, [section(mine, "2", "21", "Soups"), section(mine, "1", "11", "Old")]
        )
        await uow.boards.replace_sections(theirs, [section(theirs, "1", "11", "Theirs")])
        await uow.commit()
    # The same section again, renamed: the old row goes before the new one is inserted.
    fresh = [
        section(mine, "1", "11", "Salads"),
        section(mine, "1", "12", "Dips"),
        section(mine, "1", "12", "Twice"),
    ]
    async with uow_factory() as uow:
        await uow.boards.replace_sections(mine, fresh)
        await uow.commit()

    assert await stored_sections(uow_factory, mine) == [("1", "12", "Dips"), ("1", "11", "Salads")]
    assert await stored_sections(uow_factory, theirs) == [("1", "11", "Theirs")]


async def test_sections_of_another_account_are_refused(uow_factory: UowFactory, seed: Seed) -> None:
    mine = await seed.credential()
    async with uow_factory() as uow:
        with pytest.raises(ValueError):
            await uow.boards.replace_sections(mine, [section(mine + 1, "1", "11", "Not mine")])


async def test_an_accounts_sections_go_with_the_account(
    uow_factory: UowFactory, seed: Seed
) -> None:
    mine = await seed.credential()
    async with uow_factory() as uow:
        await uow.boards.replace_sections(mine, [section(mine, "1", "11", "Salads")])
        await uow.commit()
    async with uow_factory() as uow:
        credential = await uow.credentials.get(mine)
        assert credential is not None
        await uow.credentials.delete(credential)
        await uow.commit()
    assert await stored_sections(uow_factory, mine) == []
