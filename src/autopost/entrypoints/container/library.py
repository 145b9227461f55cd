"""The media library: uploading, listing and deleting the files posts can use."""

from __future__ import annotations

from dependency_injector import containers, providers

from autopost.application.library.delete import DeleteLibraryItem
from autopost.application.library.listing import GetLibraryItem, ListLibrary
from autopost.application.library.upload import UploadMedia
from autopost.entrypoints.settings import Settings


class Library(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    settings = providers.Dependency(instance_of=Settings)
    uow = infrastructure.uow
    clock = infrastructure.clock
    storage = infrastructure.media_storage

    upload_media = providers.Factory(
        UploadMedia, uow, storage, clock, settings.provided.media_max_bytes
    )
    list_library = providers.Factory(ListLibrary, uow)
    get_library_item = providers.Factory(GetLibraryItem, uow)
    delete_library_item = providers.Factory(DeleteLibraryItem, uow, storage, clock)
