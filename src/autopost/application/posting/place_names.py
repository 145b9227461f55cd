"""The names of the boards and sections pins go to, read from the boards cache: a post shows
where each pin goes by name, not by a bare id."""

from __future__ import annotations

from collections.abc import Iterable

from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.views import PlaceNames
from autopost.domain.platform import Platform
from autopost.domain.publication import ScheduledPublication


async def place_names(uow: UnitOfWork, publications: Iterable[ScheduledPublication]) -> PlaceNames:
    """Pinterest is not called: a board or section the cache does not know has no name."""
    accounts = {p.credential_id for p in publications if p.platform is Platform.PINTEREST}
    boards: dict[tuple[int, str], str] = {}
    sections: dict[tuple[int, str], str] = {}
    for credential_id in sorted(accounts):
        for board in await uow.boards.for_credential(credential_id):
            boards[(credential_id, board.board_id)] = board.name
        for section in await uow.boards.sections_for_credential(credential_id):
            sections[(credential_id, section.section_id)] = section.name
    return PlaceNames(boards, sections)
