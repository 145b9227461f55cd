"""A post read with every publication of it and their accounts: what changes and reads of a
post start from."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from attrs import Factory, frozen

from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.place_names import place_names
from autopost.application.posting.views import PlaceNames, PostView
from autopost.domain.credential import Credential
from autopost.domain.errors import NotFound
from autopost.domain.post import Post
from autopost.domain.post_conflicts import ConflictWarning
from autopost.domain.publication import ScheduledPublication


@frozen
class Loaded:
    post: Post
    publications: tuple[ScheduledPublication, ...]
    accounts: Mapping[int, Credential]
    places: PlaceNames = Factory(PlaceNames)

    def view(self, now: datetime, warnings: tuple[ConflictWarning, ...] = ()) -> PostView:
        return PostView(self.post, self.publications, self.accounts, now, warnings, self.places)

    def chosen(self, publication_id: int | None) -> tuple[ScheduledPublication, ...]:
        """The publication named, or all of them."""
        if publication_id is None:
            return self.publications
        for publication in self.publications:
            if publication.id == publication_id:
                return (publication,)
        raise NotFound("publication", publication_id)


async def load(uow: UnitOfWork, post_id: int) -> Loaded:
    post = await uow.posts.get(post_id)
    if post is None:
        raise NotFound("post", post_id)
    publications = tuple(await uow.publications.for_posts([post_id]))
    if not publications:
        raise NotFound("post", post_id)
    accounts = {}
    for publication in publications:
        credential = await uow.credentials.get(publication.credential_id)
        if credential is None:
            raise NotFound("credential", publication.credential_id)
        accounts[publication.credential_id] = credential
    return Loaded(post, publications, accounts, await place_names(uow, publications))
