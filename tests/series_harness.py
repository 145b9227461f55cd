"""The recurring posts' use cases on a ``Harness``: its fakes, its clock, its broker."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from attrs import evolve

from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.series import (
    CancelSeriesUseCase,
    EditSeries,
    EditSeriesUseCase,
    GetSeriesUseCase,
    MaterialiseSeriesUseCase,
    Occurrences,
    ScheduledSeries,
    ScheduleSeries,
    ScheduleSeriesUseCase,
    SeriesView,
)
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.recurrence import Recurrence
from tests.harness import ACCOUNT, TOKEN, Harness

HORIZON = timedelta(weeks=4)


class Series:
    def __init__(self, world: Harness, horizon: timedelta = HORIZON) -> None:
        self.world = world
        self.horizon = horizon

    def _occurrences(self) -> Occurrences:
        return Occurrences(self.world.dispatcher, self.horizon)

    async def schedule(
        self,
        repeat: Recurrence,
        caption: str = "Weekly tip",
        token: str | None = TOKEN,
        command: Mapping[str, Any] | None = None,
        **content: Any,
    ) -> ScheduledSeries:
        """``command``: more fields of the scheduling command (a draft, several accounts…)."""
        world = self.world
        post = SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO,
                url="https://cdn.example.com/tip.jpg",
                caption=caption,
                **content,
            ),
            date_pub=repeat.start,
            user_id=ACCOUNT,
            token=token,
        )
        post = evolve(post, **(command or {}))
        return await ScheduleSeriesUseCase(
            world.uow(),
            world.box,
            world.clock,
            self._occurrences(),
            world.catalog,
            world.pinterest_policy.template,
        ).execute(world.actor, ScheduleSeries(post, repeat))

    async def materialise(self) -> int:
        world = self.world
        use_case = MaterialiseSeriesUseCase(
            world.uow(), world.clock, self._occurrences(), self.horizon
        )
        return await use_case.execute()

    async def edit(
        self, series_id: int, repeat: Mapping[str, Any] | None = None, **changes: Any
    ) -> SeriesView:
        world = self.world
        return await EditSeriesUseCase(
            world.uow(),
            world.clock,
            world.dispatcher,
            self._occurrences(),
            world.pinterest_policy.template,
        ).execute(world.actor, EditSeries(series_id, changes, repeat))

    async def cancel(self, series_id: int) -> None:
        world = self.world
        await CancelSeriesUseCase(world.uow(), world.clock).execute(world.actor, series_id)

    async def get(self, series_id: int) -> SeriesView:
        world = self.world
        return await GetSeriesUseCase(world.uow(), world.clock).execute(world.actor, series_id)
