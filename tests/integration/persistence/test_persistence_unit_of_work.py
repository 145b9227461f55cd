"""The unit of work keeps nothing unless told to commit, and refuses to overwrite a newer write."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.application.messages import Message
from autopost.application.people.errors import UsernameTaken
from autopost.domain.credential import Credential
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.post import InstagramContent, Post
from autopost.domain.publication import ScheduledPublication
from autopost.domain.user import User

pytestmark = pytest.mark.integration


def photo() -> Post:
    return Post(content=InstagramContent(url="https://cdn.example.com/a.jpg"), created_at=NOW)


def new_caption(post: Post, caption: str) -> None:
    post.content = attrs.evolve(post.content, caption=caption)


async def test_nothing_is_kept_when_the_block_ends_without_commit(
    uow_factory: UowFactory, seed: Seed
) -> None:
    post_id = await seed.post(caption="before")
    async with uow_factory() as uow:
        await uow.posts.add(photo())
        stored = await uow.posts.get(post_id)
        assert stored is not None
        new_caption(stored, "after")

    async with uow_factory() as uow:
        assert [p.id for p in await uow.posts.list(limit=10, offset=0)] == [post_id]
        reloaded = await uow.posts.get(post_id)
    assert reloaded is not None and reloaded.content.caption == "before"


async def test_entities_stay_readable_after_the_block(uow_factory: UowFactory, seed: Seed) -> None:
    post_id = await seed.post(caption="kept")
    async with uow_factory() as uow:
        post = await uow.posts.get(post_id)
    assert post is not None and post.content.caption == "kept"


async def test_explicit_rollback_discards_and_the_unit_goes_on(
    uow_factory: UowFactory, seed: Seed
) -> None:
    post_id = await seed.post(caption="before")
    async with uow_factory() as uow:
        post = await uow.posts.get(post_id)
        assert post is not None
        new_caption(post, "changed")
        await uow.rollback()
        assert post.content.caption == "changed"  # what the caller set, but no longer tracked
        again = await uow.posts.get(post_id)
        assert again is not None and again.content.caption == "before"
        new_caption(again, "second try")
        await uow.commit()

    async with uow_factory() as uow:
        stored = await uow.posts.get(post_id)
    assert stored is not None and stored.content.caption == "second try"


async def test_commit_can_be_called_several_times(uow_factory: UowFactory) -> None:
    first, second = photo(), photo()
    async with uow_factory() as uow:
        await uow.posts.add(first)
        await uow.commit()
        new_caption(first, "edited after the first commit")
        await uow.posts.add(second)
        await uow.commit()

    async with uow_factory() as uow:
        stored = await uow.posts.list(limit=10, offset=0)
    assert [p.id for p in stored] == [first.id, second.id]
    assert stored[0].content.caption == "edited after the first commit"


async def test_add_gives_the_id_at_once(uow_factory: UowFactory, seed: Seed) -> None:
    credential_id = await seed.credential()
    async with uow_factory() as uow:
        post = photo()
        await uow.posts.add(post)
        assert post.id is not None
        publication = ScheduledPublication(
            post_id=post.id,
            credential_id=credential_id,
            platform="instagram",
            publish_at=NOW,
            next_run_at=NOW,
            created_at=NOW,
        )
        await uow.publications.add(publication)
        assert publication.id is not None and publication.version == 1
        await uow.commit()


async def test_second_writer_of_a_publication_read_before_the_first_write_is_refused(
    uow_factory: UowFactory, seed: Seed
) -> None:
    publication_id = await seed.publication()
    async with uow_factory() as first:
        mine = await first.publications.get(publication_id)
        assert mine is not None
        # End the read transaction: on SQLite each one holds the write lock.
        await first.commit()

        async with uow_factory() as second:
            theirs = await second.publications.get(publication_id)
            assert theirs is not None
            theirs.reschedule(NOW + timedelta(hours=1), now=NOW)
            await second.commit()
        assert theirs.version == 2

        mine.reschedule(NOW + timedelta(hours=2), now=NOW)
        with pytest.raises(ConcurrentUpdate):
            await first.commit()

        # The unit of work is usable again and sees the winner's write.
        fresh = await first.publications.get(publication_id)
        assert fresh is not None and fresh is not mine
        assert fresh.version == 2 and fresh.publish_at == NOW + timedelta(hours=1)
        fresh.reschedule(NOW + timedelta(hours=3), now=NOW)
        await first.commit()
        assert fresh.version == 3

    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
    assert stored is not None
    assert stored.version == 3 and stored.publish_at == NOW + timedelta(hours=3)


async def test_every_change_of_a_publication_increments_its_version(
    uow_factory: UowFactory, seed: Seed
) -> None:
    publication_id = await seed.publication()
    async with uow_factory() as uow:
        publication = await uow.publications.get(publication_id)
        assert publication is not None and publication.version == 1
        publication.claim(NOW + timedelta(minutes=5), timedelta(minutes=2))
        await uow.commit()
        assert publication.version == 2
        publication.container_created("17900000000000001", now=NOW)
        await uow.commit()
        assert publication.version == 3
        await uow.commit()  # nothing changed: no new version
        assert publication.version == 3


async def test_an_account_connected_twice_is_a_concurrent_update(
    uow_factory: UowFactory, seed: Seed
) -> None:
    await seed.credential(platform="pinterest", account_id="acct-1")
    async with uow_factory() as uow:
        duplicate = Credential("pinterest", "acct-1", "other-ciphertext", NOW)
        with pytest.raises(ConcurrentUpdate):
            await uow.credentials.add(duplicate)
        # Nothing of the failed transaction is kept, and the unit of work goes on.
        existing = await uow.credentials.find("pinterest", "acct-1")
        assert existing is not None and existing.access_token == "ciphertext"
        await uow.credentials.add(Credential("instagram", "acct-1", "c", NOW))
        await uow.commit()

    async with uow_factory() as uow:
        assert len(await uow.credentials.list()) == 2


async def test_a_taken_username_is_refused_as_taken(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.users.add(User("ana", "ana@example.com", "h", NOW))
        await uow.commit()
        with pytest.raises(UsernameTaken) as raised:
            await uow.users.add(User("ana", "other@example.com", "h", NOW))
    assert raised.value.messages == (Message.USERNAME_TAKEN,)


async def test_a_publication_of_a_missing_post_is_refused(
    uow_factory: UowFactory, seed: Seed
) -> None:
    credential_id = await seed.credential()
    async with uow_factory() as uow:
        orphan = ScheduledPublication(
            post_id=999,
            credential_id=credential_id,
            platform="instagram",
            publish_at=NOW,
            next_run_at=NOW,
            created_at=NOW,
        )
        with pytest.raises(ConcurrentUpdate):
            await uow.publications.add(orphan)


async def caption_seen_by_another(uow_factory: UowFactory, post_id: int) -> str | None:
    async with uow_factory() as other:
        post = await other.posts.get(post_id)
        assert post is not None
        return post.content.caption


async def test_an_action_after_commit_runs_once_the_change_is_visible(
    uow_factory: UowFactory, seed: Seed
) -> None:
    post_id = await seed.post(caption="before")
    seen: list[str | None] = []

    async def look() -> None:
        seen.append(await caption_seen_by_another(uow_factory, post_id))

    async with uow_factory() as uow:
        post = await uow.posts.get(post_id)
        assert post is not None
        new_caption(post, "after")
        uow.after_commit(look)
        assert seen == []
        await uow.commit()
        assert seen == ["after"]
        await uow.commit()
    assert seen == ["after"], "done once, after the commit it was given for"


async def test_an_action_is_forgotten_when_its_transaction_is_not_committed(
    uow_factory: UowFactory, seed: Seed
) -> None:
    post_id = await seed.post(caption="before")
    done: list[str] = []

    async def note(what: str) -> None:
        done.append(what)

    async with uow_factory() as uow:
        uow.after_commit(lambda: note("rolled back"))
        await uow.rollback()
        await uow.commit()
        uow.after_commit(lambda: note("left uncommitted"))
    async with uow_factory() as first:
        mine = await first.publications.get(await seed.publication())
        assert mine is not None
        await first.commit()
        async with uow_factory() as second:
            theirs = await second.publications.get(mine.id or 0)
            assert theirs is not None
            theirs.reschedule(NOW + timedelta(hours=1), now=NOW)
            await second.commit()
        mine.reschedule(NOW + timedelta(hours=2), now=NOW)
        first.after_commit(lambda: note("refused"))
        with pytest.raises(ConcurrentUpdate):
            await first.commit()
        await first.commit()
    assert done == []
    assert await caption_seen_by_another(uow_factory, post_id) == "before"


async def test_an_action_may_commit_a_transaction_of_its_own_and_a_failing_one_changes_nothing(
    uow_factory: UowFactory, seed: Seed
) -> None:
    post_id = await seed.post(caption="before")
    async with uow_factory() as uow:
        post = await uow.posts.get(post_id)
        assert post is not None

        async def fail() -> None:
            raise RuntimeError("the broker is down")

        async def follow_up() -> None:
            new_caption(post, "followed up")
            await uow.commit()

        new_caption(post, "after")
        uow.after_commit(fail)
        uow.after_commit(follow_up)
        await uow.commit()
    assert await caption_seen_by_another(uow_factory, post_id) == "followed up"


async def test_a_last_step_sees_what_is_written_and_commits_with_it_or_not_at_all(
    uow_factory: UowFactory, seed: Seed
) -> None:
    """What a step before the commit writes is saved with the change it follows, never
    without it: a new row has its id and a changed one its next version by then."""
    seen: list[tuple[int | None, int]] = []
    async with uow_factory() as uow:
        publication = await uow.publications.get(await seed.publication())
        assert publication is not None and publication.version == 1
        publication.reschedule(NOW + timedelta(hours=1), now=NOW)
        post = photo()
        await uow.posts.add(post)

        async def step() -> None:
            seen.append((post.id, publication.version))
            assert publication.id is not None
            await uow.publications.mark_dispatched(publication.id, publication.version)

        uow.before_commit(step)
        await uow.commit()
        assert seen == [(post.id, 2)] and post.id is not None
        await uow.commit()
    assert len(seen) == 1, "done once, for the commit it was given for"

    async def refuse() -> None:
        raise RuntimeError("the last step failed")

    async with uow_factory() as uow:
        stored = await uow.posts.get(post.id)
        assert stored is not None
        new_caption(stored, "not kept")
        uow.before_commit(refuse)
        with pytest.raises(RuntimeError):
            await uow.commit()
    assert await caption_seen_by_another(uow_factory, post.id) != "not kept"
