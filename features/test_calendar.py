from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.harness import Harness

from autopost.adapters.http.pages.attempt_words import moment_line
from autopost.application.posting.calendar import (
    CalendarEntry,
    DeskStrip,
    ReadCalendar,
    ReadDeskStrip,
)
from autopost.application.posting.desk import GetPostHistory
from autopost.application.posting.posts import (
    EditPost,
    EditPostUseCase,
    RetryPostUseCase,
    SchedulePost,
)
from autopost.domain.calendar_grid import View, calendar_span, local_moment, moved_to
from autopost.domain.errors import DomainError
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent
from features.conftest import Scenario, run

scenarios("calendar.feature")

ACCOUNT = "17841400000000001"


class Planner:
    """The person at the calendar: their zone, the posts they planned, what was refused."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.zone = ZoneInfo("UTC")
        self.post_id: int | None = None
        self.refusal: DomainError | None = None
        # The timeline line a scenario looks at.
        self.line: dict[str, Any] = {}

    @property
    def world(self) -> Harness:
        return self.scenario.world

    def accounts(self) -> list[int]:
        async def find() -> list[int]:
            async with self.world.uow() as uow:
                found = await uow.credentials.list()
            return sorted(c.id for c in found if c.platform is Platform.INSTAGRAM and c.id)

        return run(find())

    def plan(self, due: datetime, *credential_ids: int) -> int:
        shared = {"url": "https://cdn.example.com/a.jpg", "caption": "Spring collection"}
        if len(credential_ids) > 1:
            command = SchedulePost(
                content=InstagramContent(content_type=ContentType.PHOTO),
                date_pub=due,
                credential_ids=credential_ids,
                shared=shared,
            )
        else:
            command = SchedulePost(
                content=InstagramContent(content_type=ContentType.PHOTO, **shared),
                date_pub=due,
                credential_id=credential_ids[0] if credential_ids else self.accounts()[0],
            )
        view = run(self.world.schedule_command(command))
        assert view.post.id is not None
        self.post_id = view.post.id
        return view.post.id

    def week(self, day: date) -> dict[date, list[tuple[str, CalendarEntry]]]:
        """The week view of ``day``: each day's entries with their local times."""
        span = calendar_span(View.WEEK, day, self.zone)
        read = run(ReadCalendar(self.world.uow()).execute(self.world.actor, span.start, span.end))
        days: dict[date, list[tuple[str, CalendarEntry]]] = {d: [] for d in span.days}
        for entry in read.entries:
            local = entry.due_at.astimezone(self.zone)
            days[local.date()].append((f"{local:%H:%M}", entry))
        return days

    def strip(self) -> DeskStrip:
        return run(ReadDeskStrip(self.world.uow(), self.world.clock).execute(self.world.actor))

    def edit(self, command: EditPost) -> None:
        world = self.world
        use_case = EditPostUseCase(
            world.uow(),
            world.box,
            world.clock,
            world.dispatcher,
            world.catalog,
            world.pinterest_policy.template,
            world.posting_policy,
        )
        try:
            run(use_case.execute(world.actor, command))
        except DomainError as refused:
            self.refusal = refused


@pytest.fixture
def planner(scenario: Scenario) -> Planner:
    return Planner(scenario)


def day_of(text: str) -> date:
    """'Monday 23 March 2026' (or without the weekday)."""
    words = text.split()
    return datetime.strptime(" ".join(words[-3:]), "%d %B %Y").date()


def on_my_clock(planner: Planner, text: str) -> datetime:
    """'Monday 23 March 2026, 08:00' on the person's clock."""
    day, _, at = text.partition(", ")
    hours, minutes = (int(part) for part in at.split(":"))
    return local_moment(
        day_of(day), datetime.min.time().replace(hour=hours, minute=minutes), planner.zone
    )


@given(parsers.parse("my time zone is {zone}"))
def my_zone(planner: Planner, zone: str) -> None:
    planner.zone = ZoneInfo(zone)


@given(parsers.parse("the time is {moment} on my clock"))
def the_time_is(planner: Planner, moment: str) -> None:
    planner.world.clock.set(on_my_clock(planner, moment))


@given(parsers.parse("the clock reaches {moment} on my clock"))
@when(parsers.parse("the clock reaches {moment} on my clock"))
def clock_reaches(planner: Planner, moment: str) -> None:
    run(planner.world.run_until(on_my_clock(planner, moment)))


@when(parsers.parse("I plan a post for every day from {first} to {last} at {at}"))
def plan_every_day(planner: Planner, first: str, last: str, at: str) -> None:
    day = day_of(first)
    while day <= day_of(last):
        planner.plan(on_my_clock(planner, f"{day:%d %B %Y}, {at}"))
        day += timedelta(days=1)


@when(parsers.parse("I plan a post to both accounts for {moment} at {at}"))
def plan_for_both(planner: Planner, moment: str, at: str) -> None:
    planner.plan(on_my_clock(planner, f"{moment}, {at}"), *planner.accounts())


@given(parsers.parse("I planned a post for {moment} at {at}"))
def planned(planner: Planner, moment: str, at: str) -> None:
    planner.plan(on_my_clock(planner, f"{moment}, {at}"))


@when("I save a draft without a time")
def draft_without_time(planner: Planner) -> None:
    command = SchedulePost(
        content=InstagramContent(
            content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg"
        ),
        credential_id=planner.accounts()[0],
        draft=True,
    )
    run(planner.world.schedule_command(command))


@when(parsers.parse("I move it to {day}"))
def move_to_day(planner: Planner, day: str) -> None:
    """As dragging it to that day does: the same time of day, that one publication."""
    assert planner.post_id is not None
    view = run(planner.world.get(planner.post_id))
    publication = view.publication
    moment = moved_to(publication.due_at, day_of(day), planner.zone)
    planner.edit(EditPost(planner.post_id, date_pub=moment, publication_id=publication.id))


@when("I retry it from the strip")
def retry_from_strip(planner: Planner) -> None:
    (failed,) = planner.strip().failed
    assert failed.retryable
    world = planner.world
    run(
        RetryPostUseCase(world.uow(), world.clock, world.dispatcher).execute(
            world.actor, failed.post_id, failed.publication_id
        )
    )


@then(parsers.parse("the week of {day} shows one post on each day, each at {at}"))
def one_a_day(planner: Planner, day: str, at: str) -> None:
    week = planner.week(day_of(day))
    assert [[time for time, _ in entries] for entries in week.values()] == [[at]] * 7


@then(parsers.parse("the week of {day} shows it on {weekday} at {at} for each account"))
def once_per_account(planner: Planner, day: str, weekday: str, at: str) -> None:
    week = planner.week(day_of(day))
    (shown_on,) = [d for d, entries in week.items() if entries]
    assert f"{shown_on:%A}" == weekday
    entries = week[shown_on]
    assert [time for time, _ in entries] == [at, at]
    assert {e.post_id for _, e in entries} == {planner.post_id}
    assert sorted(e.credential_id for _, e in entries) == planner.accounts()


@then(parsers.parse("the week of {day} shows no post"))
def no_post(planner: Planner, day: str) -> None:
    assert not any(planner.week(day_of(day)).values())


@then(
    parsers.re(
        r"the week of (?P<day>.+) shows it on (?P<weekday>\w+) at (?P<at>[\d:]+)"
        r"(?P<published> as published)?$"
    )
)
def shown_on(planner: Planner, day: str, weekday: str, at: str, published: str | None) -> None:
    week = planner.week(day_of(day))
    found = [
        (f"{d:%A}", time, entry)
        for d, entries in week.items()
        for time, entry in entries
        if entry.post_id == planner.post_id
    ]
    assert [(d, time) for d, time, _ in found] == [(weekday, at)]
    if published:
        assert found[0][2].status.value == "published"


@then(parsers.parse('the move is refused with the words "{words}"'))
def move_refused(planner: Planner, words: str) -> None:
    assert planner.refusal is not None
    message = str(planner.refusal)
    assert words.lower() in message.lower(), message


@then(parsers.parse('the strip lists it as failed because "{reason}"'))
def listed_failed(planner: Planner, reason: str) -> None:
    (failed,) = planner.strip().failed
    assert failed.post_id == planner.post_id
    assert failed.error is not None and reason in failed.error


@then("the strip lists no failed post")
def none_failed(planner: Planner) -> None:
    assert planner.strip().failed == ()


@then(parsers.parse('the post\'s timeline says "{words}" at {at}'))
def timeline_says(planner: Planner, words: str, at: str) -> None:
    assert planner.post_id is not None
    world = planner.world
    history = run(GetPostHistory(world.uow(), world.clock).execute(world.actor, planner.post_id))

    def local(moment: datetime) -> str:
        return f"{moment.astimezone(planner.zone):%H:%M}"

    lines = [moment_line(m, "", local) | {"time": local(m.at)} for m in history.moments]
    planner.line = next(line for line in lines if line["what"] == words)
    assert planner.line["time"] == at


@then(parsers.parse('that line gives Instagram\'s words "{words}"'))
def line_words(planner: Planner, words: str) -> None:
    assert words in planner.line["detail"]


@then(parsers.parse('that line says what to do: "{advice}"'))
def line_advice(planner: Planner, advice: str) -> None:
    assert planner.line["advice"] is not None and planner.line["advice"].startswith(advice)
