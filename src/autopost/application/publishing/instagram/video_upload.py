"""A library video sent to Instagram by its resumable upload (accounts connected with
Facebook Login): the container is made without a URL, and the file is sent to the address
Instagram answers, as it is read from the storage. Instagram then processes it as any video."""

from __future__ import annotations

from attrs import evolve

from autopost.application.ports.instagram_gateway import (
    ContainerRequest,
    InstagramAccount,
    InstagramGateway,
)
from autopost.application.ports.media_storage import MediaStorage
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.library import LibraryItem, referenced_item
from autopost.domain.media import ContentType, MediaKind

# The containers Instagram takes a resumable upload for: a reel (a Video is one) or a story.
RESUMABLE_TYPES = (ContentType.VIDEO, ContentType.REEL, ContentType.STORY)
FACEBOOK_LOGIN = "facebook"


class InstagramVideoUpload:
    def __init__(self, uow: UnitOfWork, storage: MediaStorage, gateway: InstagramGateway) -> None:
        self._uow = uow
        self._storage = storage
        self._gateway = gateway

    async def video_to_send(
        self, account: InstagramAccount, content: InstagramContent
    ) -> LibraryItem | None:
        """The library video this post's container takes by upload, or None (a URL, an
        image, a carousel, or an account on Instagram Login, which has no such upload)."""
        if account.login != FACEBOOK_LOGIN or content.content_type not in RESUMABLE_TYPES:
            return None
        item_id = referenced_item(content.url)
        if item_id is None:
            return None
        async with self._uow as uow:
            item = await uow.library.get(item_id)
        return item if item is not None and item.kind is MediaKind.VIDEO else None

    async def create_container(
        self, account: InstagramAccount, request: ContainerRequest, video: LibraryItem
    ) -> str:
        resumable = evolve(request, video_url=None, image_url=None, resumable=True)
        upload = await self._gateway.create_resumable_container(account, resumable)
        chunks = self._storage.read(video.storage_key)
        await self._gateway.upload_video(account, upload, chunks, video.size)
        return upload.container_id
