"""A video pin's file, from the media library to Pinterest: registered, uploaded as it is
read from the storage, then waited for until Pinterest has processed it."""

from __future__ import annotations

from datetime import timedelta

from attrs import frozen

from autopost.application.ports.media_storage import MediaStorage
from autopost.application.ports.pause import Pause
from autopost.application.ports.pinterest_gateway import MediaStatus, PinterestGateway
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.library import referenced_item
from autopost.domain.media import MediaKind


@frozen
class VideoUploadPolicy:
    """How often Pinterest is asked about a video it processes, and for how long: past that,
    the publication is tried again later (with a new upload)."""

    poll_every: timedelta = timedelta(seconds=5)
    give_up_after: timedelta = timedelta(minutes=10)


class PinterestVideoUpload:
    def __init__(
        self,
        uow: UnitOfWork,
        storage: MediaStorage,
        gateway: PinterestGateway,
        pause: Pause,
        policy: VideoUploadPolicy | None = None,
    ) -> None:
        self._uow = uow
        self._storage = storage
        self._gateway = gateway
        self._pause = pause
        self._policy = policy or VideoUploadPolicy()

    async def media_id(self, access_token: str, reference: str | None) -> str:
        """The media id of the library video ``reference`` names, once Pinterest processed
        it. A file that is gone or is no video, or one Pinterest could not process, is
        refused for good."""
        item_id = referenced_item(reference)
        if item_id is None:
            raise PermanentPlatformError("A video pin's video must be in the media library.")
        async with self._uow as uow:
            item = await uow.library.get(item_id)
        if item is None or item.kind is not MediaKind.VIDEO:
            raise PermanentPlatformError(f"Media {item_id} is not a video of the library.")
        upload = await self._gateway.register_video(access_token)
        chunks = self._storage.read(item.storage_key)
        await self._gateway.upload_video(upload, chunks, item.size, item.filename)
        waited = timedelta(0)
        while True:
            status = await self._gateway.media_status(access_token, upload.media_id)
            if status is MediaStatus.SUCCEEDED:
                return upload.media_id
            if status is MediaStatus.FAILED:
                raise PermanentPlatformError("Pinterest could not process the video.")
            if waited >= self._policy.give_up_after:
                raise TransientPlatformError("Pinterest is still processing the video.")
            await self._pause.wait(self._policy.poll_every)
            waited += self._policy.poll_every
