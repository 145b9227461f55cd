"""The media library: uploading, listing and deleting the files posts can use."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import containers, providers

from autopost.application.library.browsing import BrowseLibrary
from autopost.application.library.delete import DeleteLibraryItem
from autopost.application.library.links import MediaLinkPolicy, MediaLinks
from autopost.application.library.listing import GetLibraryItem, ListLibrary
from autopost.application.library.signed_files import OpenSignedFile
from autopost.application.library.upload import UploadMedia
from autopost.domain.media_links import link_key
from autopost.entrypoints.container.notifications import LOCAL_URL
from autopost.entrypoints.settings import Settings


def media_link_policy(settings: Settings) -> MediaLinkPolicy:
    """Links are signed with the first secret key (the one that encrypts): after a rotation,
    links made before it stop opening, which their short life makes harmless."""
    first_key = settings.secret_key.split(",")[0].strip()
    return MediaLinkPolicy(
        base_url=(settings.public_url or LOCAL_URL).rstrip("/"),
        lifetime=timedelta(seconds=settings.media_link_seconds),
        key=link_key(first_key),
    )


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
    browse_library = providers.Factory(
        BrowseLibrary,
        uow,
        providers.Factory(MediaLinks, uow, clock, infrastructure.media_link_policy),
    )
    delete_library_item = providers.Factory(DeleteLibraryItem, uow, storage, clock)
    open_signed_file = providers.Factory(
        OpenSignedFile, uow, storage, clock, infrastructure.media_link_policy.provided.key
    )
