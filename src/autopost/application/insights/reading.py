"""Reading the insights kept: a media's days, an account's days, a published pin's days."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from autopost.application.access import Actor, authorize
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound
from autopost.domain.insights import AccountInsights, MediaInsights, PinInsights
from autopost.domain.platform import Platform


class GetMediaInsights:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, actor: Actor, media_pk: int, since: date | None = None
    ) -> Sequence[MediaInsights]:
        """The media's days from ``since`` on, oldest first."""
        authorize(actor, Action.VIEW, Resource.MEDIA)
        async with self._uow as uow:
            if await uow.media.get(media_pk) is None:
                raise NotFound("post", media_pk)
            return await uow.insights.media_history(media_pk, since)


class GetAccountInsights:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, actor: Actor, credential_id: int, since: date | None = None
    ) -> Sequence[AccountInsights]:
        """An Instagram account's days from ``since`` on, oldest first."""
        authorize(actor, Action.VIEW, Resource.CREDENTIAL)
        async with self._uow as uow:
            credential = await uow.credentials.get(credential_id)
            if credential is None:
                raise NotFound("credential", credential_id)
            return await uow.insights.account_history(credential_id, since)


class GetPinInsights:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, actor: Actor, post_id: int, publication_id: int, since: date | None = None
    ) -> Sequence[PinInsights]:
        """A post's pin's days from ``since`` on, oldest first."""
        authorize(actor, Action.VIEW, Resource.POST)
        async with self._uow as uow:
            publication = await uow.publications.get(publication_id)
            if (
                publication is None
                or publication.post_id != post_id
                or publication.platform is not Platform.PINTEREST
            ):
                raise NotFound("publication", publication_id)
            return await uow.insights.pin_history(publication_id, since)


class LatestMediaInsights:
    """The newest day kept of each of a page's media, for showing beside them."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, media_pks: Sequence[int]) -> Mapping[int, MediaInsights]:
        authorize(actor, Action.VIEW, Resource.MEDIA)
        async with self._uow as uow:
            return await uow.insights.latest_media(media_pks)
