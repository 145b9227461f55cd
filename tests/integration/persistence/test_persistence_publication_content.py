"""A publication's own content (an account of a post to several that publishes another
platform's fields, or its own) is kept whole, read back by the ORM and by the publishing
path's Core statements alike, and left as it is by a step of work."""

from __future__ import annotations

import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.domain.instagram_content import InstagramContent
from autopost.domain.media import ContentType
from autopost.domain.pin_content import PinContent

pytestmark = pytest.mark.integration

PIN = PinContent(
    url="https://cdn.example.com/a.jpg",
    title="Spring",
    description="Spring is here",
    link="https://example.com/spring",
    answers=["one", "two"],
)
CAROUSEL = InstagramContent(
    content_type=ContentType.CAROUSEL,
    caption="Three of them",
    user_tags=[{"username": "shop", "x": 0.5, "y": 0.5}],
    children=[
        {"url": "https://cdn.example.com/1.jpg", "media_type": "image"},
        {"url": "https://cdn.example.com/2.mp4", "media_type": "video"},
    ],
    first_comment="Link in bio",
)


@pytest.mark.parametrize("content", [PIN, CAROUSEL], ids=["pin", "carousel"])
async def test_an_accounts_own_content_is_kept_whole(
    uow_factory: UowFactory, content: PinContent | InstagramContent
) -> None:
    publication_id = await Seed(uow_factory).publication(
        platform=content.platform, own_content=content
    )
    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
        assert stored is not None and stored.own_content == content
        found = await uow.publications.for_work(publication_id)
        assert found is not None and found[0].own_content == content


async def test_a_step_of_work_leaves_the_content_as_it_is(uow_factory: UowFactory) -> None:
    publication_id = await Seed(uow_factory).publication(platform="pinterest", own_content=PIN)
    async with uow_factory() as uow:
        found = await uow.publications.for_work(publication_id)
        assert found is not None
        publication, _ = found
        publication.retry_at(NOW, "a passing failure", now=NOW)
        await uow.publications.save(publication)
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
        assert (
            stored is not None and stored.own_content == PIN and stored.error == "a passing failure"
        )


async def test_a_publication_without_content_of_its_own_has_none(uow_factory: UowFactory) -> None:
    publication_id = await Seed(uow_factory).publication()
    async with uow_factory() as uow:
        stored = await uow.publications.get(publication_id)
        assert stored is not None and stored.own_content is None
