"""Testing integration keys: the use case over fake services and the in-memory store."""

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.key_test_world import KeyTestWorld

from autopost.application.access import Actor
from autopost.application.integrations.errors import HuntflowAddressUnknown
from autopost.application.integrations.integration_keys import SAVED_KEYS, KeyTestResult
from autopost.application.messages import Message
from autopost.application.ports.integration_key_checker import KeyOptions
from autopost.domain.access import Role
from autopost.domain.errors import Refused
from autopost.domain.user import System
from features.conftest import run

scenarios("integration_keys.feature")

SERVICES = {
    "Instagram": "instagram",
    "Pinterest": "pinterest",
    "Gemini": "gemini",
    "Huntflow": "huntflow",
    "ClickUp": "clickup",
    "Notion": "notion",
}


class KeyScenario:
    def __init__(self) -> None:
        self.world = KeyTestWorld()
        self.actor: Actor | None = None
        self.key = ""
        self.answer: KeyTestResult | None = None
        self.refusal: Refused | None = None

    def test(self, service: str, key: str | None, options: KeyOptions | None = None) -> None:
        assert self.actor is not None
        self.key = key or self.key
        try:
            self.answer = run(self.world.test_key(self.actor, SERVICES[service], key, options))
        except Refused as refused:
            self.refusal = refused


@pytest.fixture
def keys() -> KeyScenario:
    return KeyScenario()


@given("a signed-in observer")
def signed_in(keys: KeyScenario) -> None:
    keys.actor = run(keys.world.person(Role.OBSERVERS))


@given(parsers.parse('{service} accepts the key "{key}"'))
def accepts(keys: KeyScenario, service: str, key: str) -> None:
    keys.world.checkers[SERVICES[service]].good.add(key)


@given(parsers.parse("{service} does not answer"))
def down(keys: KeyScenario, service: str) -> None:
    keys.world.checkers[SERVICES[service]].down = True


@given(
    parsers.re(
        r"they saved the (?P<service>\w+) (?:(?P<system>prod|sandbox) )?key "
        r'"(?P<key>[^"]+)" in their settings'
    )
)
def saved(keys: KeyScenario, service: str, system: str | None, key: str) -> None:
    assert keys.actor is not None
    name = SAVED_KEYS[SERVICES[service]].format(system=system or "prod")
    run(keys.world.save_key(keys.actor, name, key))
    keys.key = key


@when(
    parsers.re(
        r"they test their (?P<service>\w+) (?P<system>prod|sandbox) key "
        r'at "(?P<url>[^"]+)"'
    )
)
def tries_the_saved_key_at(keys: KeyScenario, service: str, system: str, url: str) -> None:
    keys.test(service, None, KeyOptions(url, System(system)))


@when(parsers.parse('they test the {service} key "{key}"'))
def tries_the_key(keys: KeyScenario, service: str, key: str) -> None:
    keys.test(service, key)


@when(
    parsers.re(
        r"they test their (?P<service>\w+) (?:(?P<system>prod|sandbox) )?key without typing one"
    )
)
def tries_the_saved_key(keys: KeyScenario, service: str, system: str | None) -> None:
    keys.test(service, None, KeyOptions(system=System(system) if system else None))


@then(parsers.parse('they are told "{message}"'))
def told(keys: KeyScenario, message: str) -> None:
    assert keys.answer is not None, keys.refusal
    assert keys.answer.message == message


@then("they are told to give Huntflow's production or sandbox address")
def told_huntflows_address(keys: KeyScenario) -> None:
    assert isinstance(keys.refusal, HuntflowAddressUnknown)
    assert keys.refusal.messages == (Message.HUNTFLOW_ADDRESS_UNKNOWN,)


@then("the answer does not show the key")
def key_not_shown(keys: KeyScenario) -> None:
    assert keys.key and keys.key not in repr(keys.answer)


@then(parsers.parse('{service} was asked about "{key}"'))
def asked_about(keys: KeyScenario, service: str, key: str) -> None:
    assert [k for k, _ in keys.world.checkers[SERVICES[service]].asked] == [key]


@then(parsers.parse("{service} was asked nothing"))
def asked_nothing(keys: KeyScenario, service: str) -> None:
    assert keys.world.checkers[SERVICES[service]].asked == []
