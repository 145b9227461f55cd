"""Recurring posts: scheduling a series, making its occurrences ahead, editing and cancelling it,
and reading it with its occurrences.

Each occurrence is a post of its own with its own publication, scheduled as any new post is
(``plan_publication``), made up to a horizon ahead (``AUTOPOST_SERIES_HORIZON_WEEKS``): the
first ones in the transaction that schedules the series, the next ones by the worker's
periodic job. The series' content is kept on a template post that is never published.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from attrs import field, frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.pinterest.boards import BoardCatalog
from autopost.application.ports.clock import Clock
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.place_names import place_names
from autopost.application.posting.post_content import apply_content, new_post, validate
from autopost.application.posting.posts import SchedulePost, find_account, resolve_place
from autopost.application.posting.publication_plan import plan_publication
from autopost.application.posting.views import PostView
from autopost.application.publishing.dispatch import Dispatcher
from autopost.domain.access import Action, Resource
from autopost.domain.errors import ConcurrentUpdate, Conflict, NotFound, ValidationFailed
from autopost.domain.pinterest_rules import PinTemplate
from autopost.domain.platform import Platform
from autopost.domain.post import PinContent, Post, with_changes
from autopost.domain.post_series import PostSeries, series_of
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from autopost.domain.recurrence import InvalidRecurrence, Recurrence

log = logging.getLogger(__name__)

# Where a series whose rule has no time left has its occurrences made up to.
ALL_MADE = datetime(9999, 12, 31, tzinfo=UTC)


@frozen
class ScheduleSeries:
    """``post`` says what and where, its ``date_pub`` the first time; ``repeat`` the rule,
    whose ``start`` is that time."""

    post: SchedulePost
    repeat: Recurrence


@frozen
class EditSeries:
    """``changes`` names the content fields to change; ``repeat`` the fields of the rule to
    change (``Recurrence``'s, by name; a new ``start`` moves the whole series)."""

    series_id: int
    changes: Mapping[str, Any] = field(factory=dict)
    repeat: Mapping[str, Any] | None = None


@frozen
class Occurrence:
    post: Post
    publication: ScheduledPublication


@frozen
class SeriesView:
    series: PostSeries
    template: Post
    # The occurrences made so far that are ahead (their time not past) or still at work.
    occurrences: tuple[Occurrence, ...]
    read_at: datetime


@frozen
class ScheduledSeries:
    """What scheduling a series answers: its first occurrence, as a post."""

    series: PostSeries
    first: PostView


def _id(series: PostSeries) -> str:
    """How the audit log names a series."""
    return f"series/{series.id}"


class Occurrences:
    """Makes a series' occurrences up to the horizon: each time of its rule from where the
    last making stopped (or now, if later), unless a post for that time exists already."""

    def __init__(self, dispatcher: Dispatcher, horizon: timedelta) -> None:
        self._dispatcher = dispatcher
        self._horizon = horizon

    async def make(
        self,
        uow: UnitOfWork,
        series: PostSeries,
        template: Post,
        now: datetime,
        at_least_one: bool = False,
    ) -> list[Occurrence]:
        """``template``: the series' template post. ``at_least_one``: the first time is made
        even beyond the horizon."""
        assert series.id is not None
        up_to = now + self._horizon
        times = series.recurrence.occurrences(max(series.materialised_until, now), up_to)
        if not times and at_least_one:
            first = series.recurrence.next_after(max(series.materialised_until, now))
            times = [] if first is None else [first]
        made_already = {post.occurrence_at for post in await uow.series.occurrences(series.id)}
        made = []
        for at in times:
            if at in made_already:
                continue
            post = Post(
                content=template.content,
                created_at=now,
                owner_id=series.owner_id,
                updated_at=now,
                series_id=series.id,
                occurrence_at=at,
            )
            await uow.posts.add(post)
            assert post.id is not None
            publication = await plan_publication(
                uow,
                self._dispatcher,
                post_id=post.id,
                credential_id=series.credential_id,
                platform=series.platform,
                publish_at=at,
                now=now,
                board_id=series.board_id,
                board_section_id=series.board_section_id,
            )
            made.append(Occurrence(post, publication))
        reached = max([up_to, *times])
        # A rule with no time left is done: the periodic job need not look at it again.
        done = series.recurrence.next_after(reached + timedelta(microseconds=1)) is None
        series.materialised(ALL_MADE if done else reached, now=now)
        return made


def refuse_what_a_series_cannot_be(post: SchedulePost) -> None:
    """A recurring post goes to one account, is scheduled (not a draft) and keeps its own
    time: several accounts, a draft or a queued post are refused, not half made."""
    if post.to_many:
        raise InvalidRecurrence(
            "A recurring post goes to one account: name it in credential or user_id."
        )
    if post.draft or post.queue:
        raise InvalidRecurrence("A recurring post is neither a draft nor queued.")


class ScheduleSeriesUseCase:
    def __init__(
        self,
        uow: UnitOfWork,
        box: SecretBox,
        clock: Clock,
        occurrences: Occurrences,
        catalog: BoardCatalog,
        template: PinTemplate,
    ) -> None:
        self._uow = uow
        self._box = box
        self._clock = clock
        self._occurrences = occurrences
        self._catalog = catalog
        self._template = template

    async def execute(self, actor: Actor, command: ScheduleSeries) -> ScheduledSeries:
        authorize(actor, Action.ADD, Resource.POST)
        post = command.post
        refuse_what_a_series_cannot_be(post)
        validate(post.content)
        now = self._clock.now()
        board_id, section_id = post.board_id, post.board_section_id
        if post.platform is Platform.PINTEREST and (section_id or not board_id):
            # Chosen before the transaction opens (see ``resolve_place``).
            async with self._uow as uow:
                credential = await find_account(uow, self._box, actor, post, now)
            topic = post.content.topic if isinstance(post.content, PinContent) else None
            place = await resolve_place(self._catalog, credential, topic, board_id, section_id)
            board_id, section_id = place.board_id, place.section_id
        async with self._uow as uow:
            credential = await find_account(uow, self._box, actor, post, now)
            template = new_post(post.content, actor.user_id, now, self._template)
            await uow.posts.add(template)
            assert template.id is not None and credential.id is not None
            series = series_of(
                command.repeat,
                template.id,
                credential.id,
                post.platform,
                now,
                board_id=board_id,
                owner_id=actor.user_id,
                board_section_id=section_id,
            )
            await uow.series.add(series)
            made = await self._occurrences.make(uow, series, template, now, at_least_one=True)
            if not made:
                raise ValidationFailed({"repeat": ["The rule gives no time from now on."]})
            await record(
                uow, actor, "scheduled", Resource.POST, _id(series), now, _rule_words(series)
            )
            first = made[0]
            places = await place_names(uow, (first.publication,))
            await uow.commit()
            assert credential.id is not None
            accounts = {credential.id: credential}
            view = PostView(first.post, (first.publication,), accounts, now, places=places)
            return ScheduledSeries(series, view)


class MaterialiseSeriesUseCase:
    """The worker's periodic job: every active series' occurrences made up to the horizon.
    Idempotent: a time already made is not made again, and a time made meanwhile by another
    worker is refused by the store (that series is left for the next run)."""

    def __init__(
        self, uow: UnitOfWork, clock: Clock, occurrences: Occurrences, horizon: timedelta
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._occurrences = occurrences
        self._horizon = horizon

    async def execute(self) -> int:
        now = self._clock.now()
        async with self._uow as uow:
            ids = [s.id for s in await uow.series.to_materialise(now + self._horizon)]
        made = 0
        for series_id in ids:
            assert series_id is not None
            try:
                made += await self._one(series_id, now)
            except ConcurrentUpdate as raced:
                log.info(
                    "series %s was changed meanwhile, left for the next run: %s", series_id, raced
                )
        return made

    async def _one(self, series_id: int, now: datetime) -> int:
        async with self._uow as uow:
            series, template = await _load(uow, series_id)
            if not series.is_active:
                return 0
            made = await self._occurrences.make(uow, series, template, now)
            await uow.commit()
            return len(made)


async def _load(uow: UnitOfWork, series_id: int) -> tuple[PostSeries, Post]:
    series = await uow.series.get(series_id)
    if series is None:
        raise NotFound("series", series_id)
    template = await uow.posts.get(series.template_post_id)
    if template is None:
        raise NotFound("series", series_id)
    return series, template


async def _occurrences_of(uow: UnitOfWork, series: PostSeries) -> list[Occurrence]:
    assert series.id is not None
    posts = await uow.series.occurrences(series.id)
    by_post = {
        p.post_id: p for p in await uow.publications.for_posts([p.id for p in posts if p.id])
    }
    return [Occurrence(post, by_post[post.id]) for post in posts if post.id in by_post]


def _still_to_come(occurrence: Occurrence, now: datetime) -> bool:
    """Not started yet: it waits for its time, which has not come."""
    publication = occurrence.publication
    return publication.status is PublicationStatus.SCHEDULED and publication.due_at > now


class EditSeriesUseCase:
    """The series' content and rule change; so do its occurrences to come that were not
    edited on their own. Under a new rule, those at a time it no longer gives are cancelled
    and its own times are made."""

    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        dispatcher: Dispatcher,
        occurrences: Occurrences,
        template: PinTemplate,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._dispatcher = dispatcher
        self._occurrences = occurrences
        self._template = template

    async def execute(self, actor: Actor, command: EditSeries) -> SeriesView:
        now = self._clock.now()
        async with self._uow as uow:
            series, template = await _load(uow, command.series_id)
            authorize(actor, Action.CHANGE, Resource.POST, series.owner_id)
            if not series.is_active:
                raise Conflict("a cancelled series cannot be changed")
            content = with_changes(template.content, command.changes)
            new_content = content != template.content
            if new_content:
                validate(content)
                apply_content(template, content, now, self._template)
            rule = None
            if command.repeat is not None:
                rule = series.recurrence.changed(**command.repeat)
                series.follow(rule, now=now)
            for occurrence in await _occurrences_of(uow, series):
                post, publication = occurrence.post, occurrence.publication
                if post.edited_alone or not _still_to_come(occurrence, now):
                    continue
                assert post.occurrence_at is not None
                at = post.occurrence_at
                if rule is not None and not rule.occurrences(at, at):
                    publication.cancel(now=now)
                elif new_content:
                    post.content = template.content
                    post.updated_at = now
                    publication.edited(now=now)
                    self._dispatcher.send_after_commit(uow, publication)
            series.changed(now=now)
            await self._occurrences.make(uow, series, template, now)
            changed = sorted({*command.changes, *(["repeat"] if command.repeat else [])})
            await record(uow, actor, "changed", Resource.POST, _id(series), now, ", ".join(changed))
            view = SeriesView(
                series, template, _ahead(await _occurrences_of(uow, series), now), now
            )
            await uow.commit()
            return view


class CancelSeriesUseCase:
    """The series makes no more occurrences, and those to come are cancelled (also those edited
    on their own); those published stay. Cancelling a cancelled series changes nothing."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, series_id: int) -> None:
        now = self._clock.now()
        async with self._uow as uow:
            series, _ = await _load(uow, series_id)
            authorize(actor, Action.DELETE, Resource.POST, series.owner_id)
            if not series.is_active:
                return
            series.cancel(now=now)
            cancelled = 0
            for occurrence in await _occurrences_of(uow, series):
                if occurrence.publication.status is PublicationStatus.SCHEDULED:
                    occurrence.publication.cancel(now=now)
                    cancelled += 1
            await record(
                uow,
                actor,
                "cancelled",
                Resource.POST,
                _id(series),
                now,
                f"{cancelled} occurrences to come",
            )
            await uow.commit()


def _ahead(occurrences: Sequence[Occurrence], now: datetime) -> tuple[Occurrence, ...]:
    return tuple(
        o for o in occurrences if (o.publication.publish_at or now) >= now or o.publication.has_work
    )


class GetSeriesUseCase:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, series_id: int) -> SeriesView:
        authorize(actor, Action.VIEW, Resource.POST)
        now = self._clock.now()
        async with self._uow as uow:
            series, template = await _load(uow, series_id)
            return SeriesView(
                series, template, _ahead(await _occurrences_of(uow, series), now), now
            )


def _rule_words(series: PostSeries) -> str:
    rule = series.recurrence
    what = rule.rrule or f"{rule.frequency} every {rule.interval}"
    if rule.weekdays:
        what += f" on {','.join(rule.weekdays)}"
    end = f" until {rule.until}" if rule.until else f" {rule.count} times" if rule.count else ""
    return f"{what} from {rule.start} ({rule.time_zone}){end}"
