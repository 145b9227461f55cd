from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from autopost.application.integrations.credentials import ConnectAccount, SaveCredential
from autopost.application.ports.platform_errors import PermanentPlatformError
from autopost.application.posting.posts import (
    CancelPostUseCase,
    EditPost,
    EditPostUseCase,
    RetryPostUseCase,
    SchedulePost,
)
from autopost.domain.errors import DomainError, ValidationFailed
from autopost.domain.platform import Platform
from autopost.domain.post import InstagramContent
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from features.conftest import Scenario, at, run

scenarios("many_accounts.feature")

# An account as a scenario names it: "shop", "brand", or Pinterest.
_ACCOUNT = r'(?:"[^"]+"|Pinterest)'
ACCOUNT_IDS = {"shop": "17841400000000011", "brand": "17841400000000012"}


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


@given("a Pinterest account is connected")
def pinterest_account(scenario: Scenario, accounts: dict[str, int]) -> None:
    world = scenario.world
    world.pinterest.boards = []
    credential = run(world.connect_pinterest())
    assert credential.id is not None
    accounts["Pinterest"] = credential.id


def _names(text: str) -> list[str]:
    return [n.strip().strip('"') for n in text.replace(" and ", ", ").split(",")]


def _schedule(
    scenario: Scenario,
    accounts: dict[str, int],
    caption: str,
    time: str,
    names: str,
    overrides: dict[int, dict[str, str]] | None = None,
) -> None:
    shared = {"url": "https://cdn.example.com/spring.jpg", "caption": caption}
    command = SchedulePost(
        content=InstagramContent(**shared),
        date_pub=at(time),
        credential_ids=tuple(accounts[name] for name in _names(names)),
        shared=shared,
        overrides=overrides or {},
        board_id="900",
    )
    scenario.view = run(scenario.world.schedule_command(command))


@given(
    parsers.re(
        r'"(?P<caption>[^"]+)" scheduled for (?P<time>[\d:]+) on (?P<names>'
        rf"{_ACCOUNT}(?:(?:, | and ){_ACCOUNT})*)$"
    )
)
def scheduled_on(
    scenario: Scenario, accounts: dict[str, int], caption: str, time: str, names: str
) -> None:
    _schedule(scenario, accounts, caption, time, names)


@given(
    parsers.re(
        r'"(?P<caption>[^"]+)" scheduled for (?P<time>[\d:]+) on (?P<names>.+), with the '
        r'caption "(?P<own>[^"]+)" for "(?P<name>[^"]+)"$'
    )
)
def scheduled_with_override(
    scenario: Scenario,
    accounts: dict[str, int],
    caption: str,
    time: str,
    names: str,
    own: str,
    name: str,
) -> None:
    overrides = {accounts[name]: {"caption": own}}
    _schedule(scenario, accounts, caption, time, names, overrides)


@when(
    parsers.parse(
        'a post is scheduled on "{one}" and "{other}" with {count:d} hashtags in the caption '
        'for "{name}"'
    )
)
def scheduled_badly(
    scenario: Scenario, accounts: dict[str, int], one: str, other: str, count: int, name: str
) -> None:
    caption = " ".join(f"#tag{n}" for n in range(count))
    try:
        _schedule(
            scenario,
            accounts,
            "Spring",
            "12:00",
            f'"{one}" and "{other}"',
            {accounts[name]: {"caption": caption}},
        )
    except DomainError as refused:
        scenario.refusal = refused


@given(parsers.parse('Instagram will refuse the next media as "{reason}"'))
def refuses_next_media(scenario: Scenario, reason: str) -> None:
    scenario.world.gateway.script["create_container"] = [
        PermanentPlatformError(f"Instagram refused the media: {reason}.")
    ]


def _edit(scenario: Scenario, command: EditPost) -> None:
    world = scenario.world
    use_case = EditPostUseCase(
        world.uow(),
        world.box,
        world.clock,
        world.dispatcher,
        world.catalog,
        world.pinterest_policy.template,
        world.posting_policy,
    )
    run(use_case.execute(world.actor, command))


def _publication_on(
    scenario: Scenario, accounts: dict[str, int], name: str
) -> ScheduledPublication:
    return next(p for p in scenario.current().publications if p.credential_id == accounts[name])


@given(parsers.parse('the publication on "{name}" is moved to {time}'))
@when(parsers.parse('the publication on "{name}" is moved to {time}'))
def publication_moved(scenario: Scenario, accounts: dict[str, int], name: str, time: str) -> None:
    publication = _publication_on(scenario, accounts, name)
    _edit(scenario, EditPost(scenario.post_id, date_pub=at(time), publication_id=publication.id))


@when("the failed publication is retried by hand")
def failed_retried(scenario: Scenario) -> None:
    world = scenario.world
    failed = next(
        p for p in scenario.current().publications if p.status is PublicationStatus.FAILED
    )
    retry = RetryPostUseCase(world.uow(), world.clock, world.dispatcher)
    run(retry.execute(world.actor, scenario.post_id, failed.id))


@when("the post is cancelled")
def post_cancelled(scenario: Scenario) -> None:
    world = scenario.world
    run(CancelPostUseCase(world.uow(), world.clock).execute(world.actor, scenario.post_id))


@then(parsers.parse('"{one}" and "{other}" each published it once on Instagram'))
def each_published(scenario: Scenario, one: str, other: str) -> None:
    world = scenario.world
    assert len(world.gateway.published) == 2
    seen = sorted(set(world.gateway.tokens_seen))
    assert seen == sorted({f"EAAG-{one}-token", f"EAAG-{other}-token"})


@then(parsers.parse('Pinterest has one pin with the description "{text}"'))
def one_pin(scenario: Scenario, text: str) -> None:
    (pin,) = scenario.world.pinterest.created
    assert pin.description == text


@then(parsers.parse('Instagram published the captions "{one}" and "{other}"'))
def published_captions(scenario: Scenario, one: str, other: str) -> None:
    captions = [c or "" for c in scenario.world.gateway.captions.values()]
    assert sorted(captions) == sorted([one, other])


@then("one account's publication has failed and the two others are published")
def one_failed(scenario: Scenario) -> None:
    statuses = sorted(p.status for p in scenario.current().publications)
    assert statuses == sorted(
        [PublicationStatus.FAILED, PublicationStatus.PUBLISHED, PublicationStatus.PUBLISHED]
    )


@then("every publication is published")
def all_published(scenario: Scenario) -> None:
    assert {p.status for p in scenario.current().publications} == {PublicationStatus.PUBLISHED}


@then("each account published it exactly once")
def each_once(scenario: Scenario) -> None:
    world = scenario.world
    assert len(world.gateway.published) == 2 and len(world.pinterest.created) == 1


@then(parsers.parse('it is refused for the account "{name}" only, because of its caption'))
def refused_for(scenario: Scenario, accounts: dict[str, int], name: str) -> None:
    assert isinstance(scenario.refusal, ValidationFailed)
    assert list(scenario.refusal.errors) == [f"credentials.{accounts[name]}.caption"]


@then("nothing is scheduled")
def nothing_scheduled(scenario: Scenario) -> None:
    assert scenario.world.store.rows["publications"] == {}


@then(
    parsers.parse('the publication on "{one}" is "{first}" and the one on "{other}" is "{second}"')
)
def statuses_of(
    scenario: Scenario, accounts: dict[str, int], one: str, first: str, other: str, second: str
) -> None:
    assert _publication_on(scenario, accounts, one).status == first
    assert _publication_on(scenario, accounts, other).status == second


@then(
    parsers.parse(
        'the publication on "{one}" is due at {first} and the one on "{other}" at {second}'
    )
)
def due_at(
    scenario: Scenario, accounts: dict[str, int], one: str, first: str, other: str, second: str
) -> None:
    assert _publication_on(scenario, accounts, one).publish_at == at(first)
    assert _publication_on(scenario, accounts, other).publish_at == at(second)
