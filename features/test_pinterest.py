"""Pinterest: connecting, boards and their sections, board by topic, and pins (multi-image
ones too) through the shared schedule."""

from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.fakes import AfterWork

from autopost.application.access import SYSTEM
from autopost.application.pinterest.boards import RefreshBoards
from autopost.application.ports.pinterest_gateway import RemoteBoard, RemotePin, RemoteSection
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.posting.posts import SchedulePost
from autopost.domain.board import BoardSource
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.errors import DomainError
from autopost.domain.post import ContentType, PinContent
from features.conftest import Scenario, at, run

scenarios("pinterest.feature")

FIRST_BOARD_ID = 900579325426238155


class PinScenario:
    def __init__(self) -> None:
        self.credential: Credential | None = None
        self.state: str | None = None
        self.returns: list[DomainError | Credential] = []

    @property
    def credential_id(self) -> int:
        assert self.credential is not None and self.credential.id is not None
        return self.credential.id


@pytest.fixture
def pins() -> PinScenario:
    return PinScenario()


def names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def stored_credential(scenario: Scenario, pins: PinScenario) -> Credential:
    return scenario.world.store.rows["credentials"][pins.credential_id]  # type: ignore[no-any-return]


@given(parsers.parse('the Pinterest account has the boards "{boards}"'))
def account_boards(scenario: Scenario, boards: str) -> None:
    scenario.world.pinterest.boards = [
        RemoteBoard(str(FIRST_BOARD_ID + i), name) for i, name in enumerate(names(boards))
    ]


@given(
    parsers.parse(
        'the Pinterest account has boards that its API does not list, with pins on "{board}"'
    )
)
def unlisted_boards(scenario: Scenario, board: str) -> None:
    gateway = scenario.world.pinterest
    gateway.unlisted = [RemoteBoard(str(FIRST_BOARD_ID), board)]
    gateway.pins = [RemotePin("1", str(FIRST_BOARD_ID), "old pin", None, None)]


@given("the Pinterest account is connected")
@when("the Pinterest account is connected")
def connected(scenario: Scenario, pins: PinScenario) -> None:
    pins.credential = run(scenario.world.connect_pinterest())


@given(parsers.parse('the Pinterest account is connected with the default board "{board_id}"'))
def connected_with_default(scenario: Scenario, pins: PinScenario, board_id: str) -> None:
    connected(scenario, pins)
    stored_credential(scenario, pins).default_board_id = board_id


@given("a Pinterest sign-in was started")
def sign_in_started(scenario: Scenario, pins: PinScenario) -> None:
    pins.state = run(scenario.world.start_pinterest_connect())


@when("Pinterest sends the person back with that sign-in link")
@when("Pinterest sends the person back with that sign-in link again")
def sent_back(scenario: Scenario, pins: PinScenario) -> None:
    try:
        pins.returns.append(run(scenario.world.finish_pinterest_connect(pins.state)))
    except DomainError as refused:
        pins.returns.append(refused)


@then(parsers.parse('the second return is refused because the link "{words}"'))
def second_refused(pins: PinScenario, words: str) -> None:
    first, second = pins.returns
    assert isinstance(first, Credential)
    assert isinstance(second, DomainError) and words in str(second)


@then(parsers.parse('the return is refused because the link "{words}"'))
def return_refused(pins: PinScenario, words: str) -> None:
    (only,) = pins.returns
    assert isinstance(only, DomainError) and words in str(only)


@then("the account's tokens are stored encrypted with their expiry")
def tokens_sealed(scenario: Scenario, pins: PinScenario) -> None:
    credential = stored_credential(scenario, pins)
    assert credential.access_token.startswith("sealed:")
    assert credential.refresh_token and credential.refresh_token.startswith("sealed:")
    assert credential.expires_at == scenario.world.clock.now() + timedelta(days=30)
    assert credential.environment == "sandbox"


@then(parsers.parse('the boards cache holds "{boards}"'))
def cache_holds(scenario: Scenario, pins: PinScenario, boards: str) -> None:
    world = scenario.world
    cached = run(world.uow().boards.for_credential(pins.credential_id))
    assert {b.name for b in cached} == set(names(boards))


@then("those boards were found in the account's pins")
def found_in_pins(scenario: Scenario, pins: PinScenario) -> None:
    cached = run(scenario.world.uow().boards.for_credential(pins.credential_id))
    assert {b.source for b in cached} == {BoardSource.PINS}


@when(parsers.parse('the boards "{boards}" are given by hand'))
def boards_by_hand(scenario: Scenario, pins: PinScenario, boards: str) -> None:
    world = scenario.world
    manual = {name: str(FIRST_BOARD_ID + 100 + i) for i, name in enumerate(names(boards))}
    run(
        RefreshBoards(world.uow(), world.catalog).execute(SYSTEM, pins.credential_id, manual=manual)
    )


@given(parsers.parse("its access token expires at {time}"))
def token_expires(scenario: Scenario, pins: PinScenario, time: str) -> None:
    stored_credential(scenario, pins).expires_at = at(time)


@given("Pinterest will refuse to renew the token")
def refresh_refused(scenario: Scenario) -> None:
    scenario.world.pinterest.script["refresh"] = [CredentialRejected("invalid refresh token")]


@given(parsers.parse('a pin about "{topic}" scheduled for {time}'))
def pin_scheduled(scenario: Scenario, topic: str, time: str) -> None:
    scenario.view = run(
        scenario.world.schedule_pin(at=at(time), topic=topic, title=f"{topic} quiz")
    )


@when(parsers.parse('a pin about "{topic}" is scheduled for {time}'))
def pin_is_scheduled(scenario: Scenario, topic: str, time: str) -> None:
    try:
        pin_scheduled(scenario, topic, time)
    except DomainError as refused:
        scenario.refusal = refused


@when(
    parsers.parse('a quiz pin about "{topic}" with the answers "{answers}" is scheduled for {time}')
)
def quiz_scheduled(scenario: Scenario, topic: str, answers: str, time: str) -> None:
    scenario.view = run(
        scenario.world.schedule_pin(at=at(time), topic=topic, answers=names(answers))
    )


@given("Pinterest will create the next pin but its answer will be lost")
def pin_answer_lost(scenario: Scenario) -> None:
    lost = OutcomeUnknown("Pinterest did not answer in time.")
    scenario.world.pinterest.script["create_pin"] = [AfterWork(lost)]


@given("Pinterest is unreachable for the next request")
def pinterest_unreachable(scenario: Scenario) -> None:
    down = TransientPlatformError("Could not reach Pinterest.")
    scenario.world.pinterest.script["create_pin"] = [down]


@given(parsers.parse('the board "{name}" has been deleted on Pinterest'))
def board_deleted(scenario: Scenario, name: str) -> None:
    gone = PermanentPlatformError(f"The Pinterest board {name} no longer exists: choose another.")
    scenario.world.pinterest.script["create_pin"] = [gone]


@then(parsers.parse('the pin will go to the board "{name}"'))
def goes_to_board(scenario: Scenario, name: str) -> None:
    assert scenario.view is not None
    boards = {b.name: b.board_id for b in scenario.world.pinterest.boards}
    assert scenario.view.publication.board_id == boards[name]


@then(parsers.parse('the pin will go to the board id "{board_id}"'))
def goes_to_board_id(scenario: Scenario, board_id: str) -> None:
    assert scenario.view is not None
    assert scenario.view.publication.board_id == board_id


@then("the pin is on Pinterest exactly once")
def on_pinterest_once(scenario: Scenario) -> None:
    assert len(scenario.world.pinterest.created) == 1
    assert scenario.current().publication.status.value == "published"


@then(parsers.parse('the pin is "{status}" with its Pinterest link'))
def pin_with_link(scenario: Scenario, status: str) -> None:
    publication = scenario.current().publication
    assert publication.status.value == status
    assert publication.permalink == f"https://www.pinterest.com/pin/{publication.remote_id}/"


@then(parsers.parse('the pin is "{status}" with an error mentioning "{words}"'))
def pin_with_error(scenario: Scenario, status: str, words: str) -> None:
    publication = scenario.current().publication
    assert publication.status.value == status
    assert words in (publication.error or ""), publication.error


@then("the account's tokens were renewed")
def tokens_renewed(scenario: Scenario, pins: PinScenario) -> None:
    world = scenario.world
    assert "refresh" in world.pinterest.calls
    assert world.pinterest.access_tokens_seen == ["pina-access-2"]


@then("the Pinterest account needs to be reconnected")
def pinterest_needs_reconnect(scenario: Scenario, pins: PinScenario) -> None:
    assert stored_credential(scenario, pins).status is CredentialStatus.NEEDS_RECONNECT


@then(parsers.parse('the pin\'s title is "{title}"'))
def pin_title(scenario: Scenario, title: str) -> None:
    assert scenario.view is not None and scenario.view.post.content.title == title


@then(parsers.parse('the pin\'s description lists the answers "{answers}"'))
def pin_description(scenario: Scenario, answers: str) -> None:
    assert scenario.view is not None
    description = scenario.view.post.content.description or ""
    for letter, answer in zip("ABC", names(answers), strict=False):
        assert f"{letter}) {answer}" in description


FIRST_SECTION_ID = 549755885175


def board_id_of(scenario: Scenario, name: str) -> str:
    return next(b.board_id for b in scenario.world.pinterest.boards if b.name == name)


def section_id_of(scenario: Scenario, name: str) -> str:
    sections = scenario.world.pinterest.sections.values()
    return next(s.section_id for found in sections for s in found if s.name == name)


@given(parsers.parse('the board "{board}" has the sections "{sections}"'))
def board_sections(scenario: Scenario, board: str, sections: str) -> None:
    gateway = scenario.world.pinterest
    first = FIRST_SECTION_ID + 10 * len(gateway.sections)
    gateway.sections[board_id_of(scenario, board)] = [
        RemoteSection(str(first + i), name) for i, name in enumerate(names(sections))
    ]


def _schedule(scenario: Scenario, command: SchedulePost) -> None:
    try:
        scenario.view = run(scenario.world.schedule_command(command))
    except DomainError as refused:
        scenario.refusal = refused


@when(parsers.parse('a pin into the section "{section}" is scheduled for {time}'))
def pin_into_section(scenario: Scenario, section: str, time: str) -> None:
    content = PinContent(url="https://cdn.example.com/quiz.png", title="Into a section")
    command = SchedulePost(
        content=content, date_pub=at(time), board_section_id=section_id_of(scenario, section)
    )
    _schedule(scenario, command)


@when(
    parsers.parse(
        'a pin on the board "{board}" into the section "{section}" is scheduled for {time}'
    )
)
def pin_on_board_into_section(scenario: Scenario, board: str, section: str, time: str) -> None:
    command = SchedulePost(
        content=PinContent(url="https://cdn.example.com/quiz.png"),
        date_pub=at(time),
        board_id=board_id_of(scenario, board),
        board_section_id=section_id_of(scenario, section),
    )
    _schedule(scenario, command)


@given(parsers.parse("a multi-image pin of {count:d} images scheduled for {time}"))
@when(parsers.parse("a multi-image pin of {count:d} images is scheduled for {time}"))
def multi_image_pin(scenario: Scenario, count: int, time: str) -> None:
    images = [
        {"url": f"https://cdn.example.com/step-{n}.png", "title": f"Step {n}"}
        for n in range(1, count + 1)
    ]
    content = PinContent(content_type=ContentType.CAROUSEL, images=images, title="Steps")
    _schedule(scenario, SchedulePost(content=content, date_pub=at(time)))


@then(parsers.parse('it went to the board "{board}", into its section "{section}"'))
def went_into_section(scenario: Scenario, board: str, section: str) -> None:
    (created,) = scenario.world.pinterest.created
    assert created.board_id == board_id_of(scenario, board)
    assert created.board_section_id == section_id_of(scenario, section)


@then(parsers.parse('the pin will go into the section "{section}" of the board "{board}"'))
def will_go_into_section(scenario: Scenario, board: str, section: str) -> None:
    assert scenario.view is not None, scenario.refusal
    publication = scenario.view.publication
    assert publication.board_id == board_id_of(scenario, board)
    assert publication.board_section_id == section_id_of(scenario, section)


@then(parsers.parse('the post names its board "{board}" and its section "{section}"'))
def post_names_its_place(scenario: Scenario, board: str, section: str) -> None:
    view = scenario.current()
    assert view.board_name_of(view.publication) == board
    assert view.section_name_of(view.publication) == section


@then(parsers.parse("Pinterest got its {count:d} images, each with its own title"))
def got_images(scenario: Scenario, count: int) -> None:
    (created,) = scenario.world.pinterest.created
    assert [image.title for image in created.images] == [f"Step {n}" for n in range(1, count + 1)]
