"""The posts in review, by one query: each post once, whatever its publications in the
statuses asked, the earliest due first, only one owner's when asked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.domain.instagram_content import InstagramContent
from autopost.domain.post import Post
from autopost.domain.publication import PublicationStatus
from autopost.domain.user import User

pytestmark = pytest.mark.integration

S = PublicationStatus


async def owned_post(uow_factory: UowFactory, owner_id: int | None) -> int:
    post = Post(
        content=InstagramContent(url="https://cdn.example.com/a.jpg"),
        created_at=NOW,
        owner_id=owner_id,
    )
    async with uow_factory() as uow:
        await uow.posts.add(post)
        await uow.commit()
    assert post.id is not None
    return post.id


async def test_posts_with_a_publication_in_a_status_earliest_first_each_once(
    uow_factory: UowFactory, seed: Seed
) -> None:
    async with uow_factory() as uow:
        author = User("carol", "carol@example.com", "hash", NOW)
        await uow.users.add(author)
        await uow.commit()
    assert author.id is not None
    later = await owned_post(uow_factory, author.id)
    sooner = await owned_post(uow_factory, None)
    returned = await owned_post(uow_factory, author.id)
    scheduled = await owned_post(uow_factory, author.id)
    first, second = await seed.credential(), await seed.credential()
    day = timedelta(days=1)
    for account in (first, second):  # one post to two accounts: listed once
        await seed.publication(
            post_id=later,
            credential_id=account,
            status=S.AWAITING_APPROVAL,
            publish_at=NOW + 2 * day,
        )
    await seed.publication(post_id=sooner, status=S.AWAITING_APPROVAL, publish_at=NOW + day)
    await seed.publication(post_id=returned, status=S.RETURNED, publish_at=NOW)
    await seed.publication(post_id=scheduled, status=S.SCHEDULED, publish_at=NOW)
    async with uow_factory() as uow:
        posts = uow.publications
        assert await posts.posts_in_status([S.AWAITING_APPROVAL], None, 10) == [sooner, later]
        assert await posts.posts_in_status([S.AWAITING_APPROVAL], None, 1) == [sooner]
        both = [S.AWAITING_APPROVAL, S.RETURNED]
        assert await posts.posts_in_status(both, author.id, 10) == [returned, later]
