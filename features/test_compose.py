"""The compose page's form, as a browser posts it, read by the page's own reader and sent to
the real use cases (over the in-memory fakes)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from starlette.datastructures import FormData

from autopost.adapters.http.pages.compose_form import read_compose, schedule_command
from autopost.adapters.http.pages.compose_repeat import in_form_words, read_repeat, series_command
from autopost.adapters.http.refusal_fields import field_errors
from autopost.application.integrations.credentials import ConnectAccount, SaveCredential
from autopost.application.posting.desk import duplicate_as_draft
from autopost.application.posting.posts import ListPostsUseCase
from autopost.application.posting.series import (
    GetSeriesUseCase,
    Occurrences,
    ScheduleSeriesUseCase,
)
from autopost.domain.errors import Refused, ValidationFailed
from autopost.domain.platform import Platform
from autopost.domain.post import InstagramContent
from autopost.domain.publication import PublicationStatus
from features.conftest import Scenario, at, run

scenarios("compose.feature")

UTC = ZoneInfo("UTC")
TAGS_31 = " ".join(f"#tag{n}" for n in range(31))


ACCOUNT_IDS = {"shop": "17841400000000021", "brand": "17841400000000022"}


@pytest.fixture
def accounts() -> dict[str, int]:
    """Connected account ids by the names the scenarios give them."""
    return {}


@given(parsers.parse('the Instagram accounts "{one}" and "{other}" are connected'))
def instagram_accounts(scenario: Scenario, accounts: dict[str, int], one: str, other: str) -> None:
    world = scenario.world
    for name in (one, other):
        command = ConnectAccount(Platform.INSTAGRAM, ACCOUNT_IDS[name], f"EAAG-{name}-token")
        use_case = SaveCredential(world.uow(), world.box, world.clock, world.pinterest_policy)
        credential = run(use_case.execute(world.actor, command))
        assert credential.id is not None
        accounts[name] = credential.id


@pytest.fixture
def posted() -> dict[str, object]:
    """What the last form held, and what refused it."""
    return {}


def _names(text: str) -> list[str]:
    return [n.strip().strip('"') for n in text.replace(" and ", ", ").split(",")]


def _written(
    accounts: dict[str, int], names: str, caption: str, time: str, picture: str
) -> list[tuple[str, str]]:
    """The compose form's fields for a photo with ``caption`` to the accounts ``names`` at
    ``time``, sent to be scheduled."""
    return [
        *(("accounts", str(accounts[name])) for name in _names(names)),
        ("content_type", "Photo"),
        ("media", f"https://cdn.example.com/{picture}"),
        ("caption", caption),
        ("date", at(time).date().isoformat()),
        ("time", at(time).strftime("%H:%M")),
        ("action", "submit"),
    ]


def _send(
    scenario: Scenario,
    accounts: dict[str, int],
    posted: dict[str, object],
    caption: str,
    names: str,
    time: str,
    **more: str,
) -> None:
    fields = [*_written(accounts, names, caption, time, "spring.jpg"), *more.items()]
    posted["fields"] = fields
    form = read_compose(FormData(fields))
    platforms = dict.fromkeys(accounts.values(), Platform.INSTAGRAM)
    try:
        scenario.view = run(scenario.world.schedule_command(schedule_command(form, platforms, UTC)))
        posted.pop("refusal", None)
    except ValidationFailed as refused:
        posted["refusal"] = refused


@when(parsers.parse('I write "{caption}" for {names} at {time}'))
def write(
    scenario: Scenario,
    accounts: dict[str, int],
    posted: dict[str, object],
    caption: str,
    names: str,
    time: str,
) -> None:
    _send(scenario, accounts, posted, caption, names, time)


@given(
    parsers.parse(
        'I wrote "{caption}" for {names} at {time}, with the caption "{own}" for "{name}"'
    )
)
def wrote_with_own(
    scenario: Scenario,
    accounts: dict[str, int],
    posted: dict[str, object],
    caption: str,
    names: str,
    time: str,
    own: str,
    name: str,
) -> None:
    own_field = {f"caption_for_{accounts[name]}": own}
    _send(scenario, accounts, posted, caption, names, time, **own_field)


@when(parsers.parse("I write a caption with 31 hashtags for {names} at {time}"))
def write_too_many_tags(
    scenario: Scenario,
    accounts: dict[str, int],
    posted: dict[str, object],
    names: str,
    time: str,
) -> None:
    _send(scenario, accounts, posted, f"Spring {TAGS_31}", names, time)


@when("I remove one hashtag and send it again")
def fix_and_send(scenario: Scenario, accounts: dict[str, int], posted: dict[str, object]) -> None:
    fields = [
        (k, v.replace(" #tag30", "") if k == "caption" else v)
        for k, v in posted["fields"]  # type: ignore[attr-defined]
    ]
    form = read_compose(FormData(fields))
    platforms = dict.fromkeys(accounts.values(), Platform.INSTAGRAM)
    scenario.view = run(scenario.world.schedule_command(schedule_command(form, platforms, UTC)))


@when("I duplicate the post")
def duplicate(scenario: Scenario, posted: dict[str, object]) -> None:
    posted["original"] = scenario.post_id
    scenario.view = run(scenario.world.schedule_command(duplicate_as_draft(scenario.current())))


def _stored(scenario: Scenario) -> int:
    world = scenario.world
    return len(run(ListPostsUseCase(world.uow(), world.clock).execute(world.actor, 100, 0)))


@then(parsers.parse('one post is stored, with a publication on "{one}" and one on "{other}"'))
def one_post(scenario: Scenario, accounts: dict[str, int], one: str, other: str) -> None:
    assert _stored(scenario) == 1
    view = scenario.current()
    assert [p.credential_id for p in view.publications] == [accounts[one], accounts[other]]


@then(parsers.parse("both are scheduled for {time}"))
def both_at(scenario: Scenario, time: str) -> None:
    view = scenario.current()
    assert {p.publish_at for p in view.publications} == {at(time)}
    assert {p.status for p in view.publications} == {PublicationStatus.SCHEDULED}


@then(parsers.parse('the caption is refused for "{name}" with "{message}"'))
def refused(accounts: dict[str, int], posted: dict[str, object], name: str, message: str) -> None:
    refusal = posted.get("refusal")
    assert isinstance(refusal, ValidationFailed)
    assert refusal.errors[f"credentials.{accounts[name]}.caption"] == [message]


@then("no post is stored")
def nothing_stored(scenario: Scenario) -> None:
    assert _stored(scenario) == 0


@then(parsers.parse('a second post is stored as a draft on "{one}" and "{other}", without a time'))
def draft_copy(
    scenario: Scenario, accounts: dict[str, int], posted: dict[str, object], one: str, other: str
) -> None:
    assert _stored(scenario) == 2
    copy = scenario.current()
    assert copy.post.id != posted["original"]
    assert [p.credential_id for p in copy.publications] == [accounts[one], accounts[other]]
    assert {p.status for p in copy.publications} == {PublicationStatus.DRAFT}
    assert {p.publish_at for p in copy.publications} == {None}


@then(parsers.parse('"{name}" keeps the caption "{caption}" in the copy'))
def own_caption_kept(scenario: Scenario, accounts: dict[str, int], name: str, caption: str) -> None:
    copy = scenario.current()
    mine = next(p for p in copy.publications if p.credential_id == accounts[name])
    content = mine.what_is_published(copy.post).content
    assert isinstance(content, InstagramContent) and content.caption == caption


@when(
    parsers.parse(
        'I write "{caption}" for {names} at {time}, repeating weekly on {days} {count:d} times'
    )
)
def write_repeating(
    scenario: Scenario,
    accounts: dict[str, int],
    posted: dict[str, object],
    caption: str,
    names: str,
    time: str,
    days: str,
    count: int,
) -> None:
    fields = [
        *_written(accounts, names, caption, time, "tip.jpg"),
        ("repeat", "weekly"),
        ("interval", "1"),
        *(("weekdays", day) for day in _names(days)),
        ("ends", "count"),
        ("count", str(count)),
    ]
    data = FormData(fields)
    platforms = dict.fromkeys(accounts.values(), Platform.INSTAGRAM)
    world = scenario.world
    use_case = ScheduleSeriesUseCase(
        world.uow(),
        world.box,
        world.clock,
        Occurrences(world.dispatcher, timedelta(weeks=4)),
        world.catalog,
        world.pinterest_policy.template,
    )
    try:
        command = series_command(read_compose(data), read_repeat(data), platforms, UTC)
        scenario.view = run(use_case.execute(world.actor, command)).first
    except Refused as refused:
        posted["refusal"] = in_form_words(field_errors(refused))


@then(parsers.parse('"{name}" has posts of one series at {times}'))
def series_posts(scenario: Scenario, accounts: dict[str, int], name: str, times: str) -> None:
    world = scenario.world
    series_id = scenario.current().post.series_id
    assert series_id is not None, "the first post belongs to a series"
    view = run(GetSeriesUseCase(world.uow(), world.clock).execute(world.actor, series_id))
    wanted = [at(t) for t in times.replace(" and ", ", ").split(", ")]
    assert [o.publication.publish_at for o in view.occurrences] == wanted
    assert {o.publication.credential_id for o in view.occurrences} == {accounts[name]}
    assert {o.publication.status for o in view.occurrences} == {PublicationStatus.SCHEDULED}


@then(parsers.parse('the repetition is refused with "{message}"'))
def repetition_refused(posted: dict[str, object], message: str) -> None:
    refusal = posted.get("refusal")
    assert isinstance(refusal, dict)
    assert refusal["repeat"] == [message]
