"""Builders of stored domain objects for the persistence tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.media_repository import MediaFilter
from autopost.domain.credential import Credential
from autopost.domain.post import InstagramContent, Post
from autopost.domain.publication import ScheduledPublication

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

UowFactory = Callable[[], SqlaUnitOfWork]


def remote_media(number: int, **fields: Any) -> RemoteMedia:
    """Media number ``number`` as Instagram lists it: a newer one has a greater number."""
    return RemoteMedia(
        **{
            "media_id": f"1790{number:08d}",
            "media_type": "IMAGE",
            "timestamp": NOW - timedelta(days=1) + timedelta(minutes=number),
            "caption": f"caption {number}",
            "media_url": f"https://cdn.example.com/{number}.jpg",
            "permalink": f"https://www.instagram.com/p/{number}/",
            "like_count": number,
            "comments_count": 0,
            **fields,
        }
    )


class Seed:
    """Stores objects, each in a committed unit of work of its own, and returns their ids."""

    def __init__(self, uow_factory: UowFactory) -> None:
        self._uow_factory = uow_factory
        self._accounts = 0

    async def post(self, **content: Any) -> int:
        """An Instagram photo with ``content``'s fields."""
        content = {"url": "https://cdn.example.com/a.jpg", **content}
        post = Post(content=InstagramContent(**content), created_at=NOW)
        async with self._uow_factory() as uow:
            await uow.posts.add(post)
            await uow.commit()
        assert post.id is not None
        return post.id

    async def credential(self, **fields: Any) -> int:
        self._accounts += 1
        credential = Credential(
            **{
                "platform": "instagram",
                "account_id": f"1784{self._accounts:04d}",
                "access_token": "ciphertext",
                "created_at": NOW,
                **fields,
            }
        )
        async with self._uow_factory() as uow:
            await uow.credentials.add(credential)
            await uow.commit()
        assert credential.id is not None
        return credential.id

    async def publication(self, **fields: Any) -> int:
        if "post_id" not in fields:
            fields["post_id"] = await self.post()
        if "credential_id" not in fields:
            fields["credential_id"] = await self.credential()
        due = fields.pop("publish_at", NOW + timedelta(minutes=5))
        publication = ScheduledPublication(
            **{
                "platform": "instagram",
                "publish_at": due,
                "next_run_at": due,
                "created_at": NOW,
                **fields,
            }
        )
        async with self._uow_factory() as uow:
            await uow.publications.add(publication)
            await uow.commit()
        assert publication.id is not None
        return publication.id

    async def media(
        self, credential_id: int, items: list[RemoteMedia], seen_at: datetime = NOW
    ) -> list[int]:
        """Stores the media as a full sync would; their ids, in the order given."""
        async with self._uow_factory() as uow:
            await uow.media.upsert_page(credential_id, items, seen_at, touch_all=True)
            await uow.commit()
            everything = MediaFilter(credential_id, include_deleted=True)
            stored = {m.media_id: m.id for m in await uow.media.page(everything, None, 100_000)}
        return [cast(int, stored[item.media_id]) for item in items]
