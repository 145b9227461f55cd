"""A library image read whole, to be sent inside a request (Pinterest's ``image_base64``)
when the platform cannot fetch it: Autopost has no public https address."""

from __future__ import annotations

from autopost.application.ports.media_storage import MediaStorage
from autopost.application.ports.pinterest_gateway import InlineImage
from autopost.application.ports.platform_errors import PermanentPlatformError
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.library import MediaFormat, referenced_item

# Pinterest's image_base64 takes these (the contract's ``ContentType``).
INLINE_FORMATS = (MediaFormat.JPEG, MediaFormat.PNG)


class InlineImages:
    def __init__(self, uow: UnitOfWork, storage: MediaStorage) -> None:
        self._uow = uow
        self._storage = storage

    async def image(self, reference: str | None) -> InlineImage | None:
        """The library image ``reference`` names, read whole; None for no reference."""
        item_id = referenced_item(reference)
        if item_id is None:
            return None
        async with self._uow as uow:
            item = await uow.library.get(item_id)
        if item is None or item.media_format not in INLINE_FORMATS:
            raise PermanentPlatformError(f"Media {item_id} is not an image of the library.")
        # At most the library's 20 MB for an image.
        data = b"".join([chunk async for chunk in self._storage.read(item.storage_key)])
        return InlineImage(item.media_format.value, data)
