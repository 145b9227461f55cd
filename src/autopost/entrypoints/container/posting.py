"""Posts: scheduling, editing, cancelling, retrying and reading them; the accounts' posting
slots and queues."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import containers, providers

from autopost.application.posting.approval import (
    ApprovePostUseCase,
    ReturnPostUseCase,
    ScheduleDraftUseCase,
    SetAccountApprovalUseCase,
)
from autopost.application.posting.best_times import ReadBestTimes
from autopost.application.posting.calendar import ReadCalendar, ReadDeskStrip
from autopost.application.posting.desk import GetComposeChoices, GetPostHistory
from autopost.application.posting.posts import (
    CancelPostUseCase,
    EditPostUseCase,
    GetPostUseCase,
    ListPostsUseCase,
    RetryPostUseCase,
    SchedulePostUseCase,
)
from autopost.application.posting.queue import (
    GetPostingSlots,
    ListQueue,
    ReorderQueue,
    SetPostingSlots,
    ShuffleQueue,
)
from autopost.application.posting.reports import ReadReport
from autopost.application.posting.review_list import ListPostsInReview
from autopost.application.posting.series import (
    CancelSeriesUseCase,
    EditSeriesUseCase,
    GetSeriesUseCase,
    MaterialiseSeriesUseCase,
    Occurrences,
    ScheduleSeriesUseCase,
)
from autopost.entrypoints.settings import Settings


def series_horizon(settings: Settings) -> timedelta:
    return timedelta(weeks=settings.series_horizon_weeks)


class Posting(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    publishing = providers.DependenciesContainer()
    pinterest = providers.DependenciesContainer()
    uow = infrastructure.uow
    clock = infrastructure.clock
    secret_box = infrastructure.secret_box
    dispatcher = publishing.dispatcher

    schedule_post = providers.Factory(
        SchedulePostUseCase,
        uow,
        secret_box,
        clock,
        dispatcher,
        pinterest.board_catalog,
        pinterest.pin_template,
        infrastructure.posting_policy,
    )
    edit_post = providers.Factory(
        EditPostUseCase,
        uow,
        secret_box,
        clock,
        dispatcher,
        pinterest.board_catalog,
        pinterest.pin_template,
        infrastructure.posting_policy,
    )
    cancel_post = providers.Factory(CancelPostUseCase, uow, clock)
    retry_post = providers.Factory(RetryPostUseCase, uow, clock, dispatcher)
    get_post = providers.Factory(GetPostUseCase, uow, clock)
    list_posts = providers.Factory(ListPostsUseCase, uow, clock)
    # Drafts and approval.
    schedule_draft = providers.Factory(
        ScheduleDraftUseCase, uow, clock, dispatcher, infrastructure.posting_policy
    )
    approve_post = providers.Factory(ApprovePostUseCase, uow, clock, dispatcher)
    return_post = providers.Factory(ReturnPostUseCase, uow, clock)
    set_account_approval = providers.Factory(SetAccountApprovalUseCase, uow, clock)
    list_posts_in_review = providers.Factory(ListPostsInReview, uow, clock)
    # Posting slots and queues.
    set_posting_slots = providers.Factory(SetPostingSlots, uow, clock)
    get_posting_slots = providers.Factory(GetPostingSlots, uow)
    list_queue = providers.Factory(ListQueue, uow, clock)
    reorder_queue = providers.Factory(ReorderQueue, uow, clock, dispatcher)
    shuffle_queue = providers.Factory(ShuffleQueue, uow, clock, dispatcher)

    # Recurring posts.
    series_horizon = providers.Callable(series_horizon, infrastructure.settings)
    occurrences = providers.Factory(Occurrences, dispatcher, series_horizon)
    schedule_series = providers.Factory(
        ScheduleSeriesUseCase,
        uow,
        secret_box,
        clock,
        occurrences,
        pinterest.board_catalog,
        pinterest.pin_template,
    )
    materialise_series = providers.Factory(
        MaterialiseSeriesUseCase, uow, clock, occurrences, series_horizon
    )
    edit_series = providers.Factory(
        EditSeriesUseCase, uow, clock, dispatcher, occurrences, pinterest.pin_template
    )
    cancel_series = providers.Factory(CancelSeriesUseCase, uow, clock)
    get_series = providers.Factory(GetSeriesUseCase, uow, clock)
    # The desk's calendar and the strip above it.
    read_calendar = providers.Factory(ReadCalendar, uow)
    read_report = providers.Factory(ReadReport, uow)
    read_best_times = providers.Factory(ReadBestTimes, uow, clock)
    read_desk_strip = providers.Factory(ReadDeskStrip, uow, clock)

    # What the publishing desk's compose and post pages read.
    get_compose_choices = providers.Factory(GetComposeChoices, uow, clock)
    get_post_history = providers.Factory(GetPostHistory, uow, clock)
