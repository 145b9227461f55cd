"""Connecting Instagram accounts with Facebook Login or Instagram Login."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from autopost.application.ports.instagram_login_gateway import ConnectedInstagram, InstagramLogin
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.errors import DomainError
from features.conftest import Scenario, run

scenarios("instagram_connect.feature")

LOGINS = {"Facebook Login": InstagramLogin.FACEBOOK, "Instagram Login": InstagramLogin.INSTAGRAM}


class ConnectScenario:
    def __init__(self) -> None:
        self.state: str | None = None
        self.returns: list[list[Credential] | Exception] = []


@pytest.fixture
def connect() -> ConnectScenario:
    return ConnectScenario()


def names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def by_username(scenario: Scenario, username: str) -> Credential:
    rows = scenario.world.store.rows["credentials"].values()
    return next(c for c in rows if c.username == username)  # type: ignore[no-any-return]


def send_back(scenario: Scenario, connect: ConnectScenario) -> None:
    try:
        connect.returns.append(run(scenario.world.finish_instagram_connect(connect.state)))
    except (DomainError, PlatformError) as refused:
        connect.returns.append(refused)


@given(parsers.parse('Meta will grant access to the Instagram accounts "{accounts}"'))
def meta_grants(scenario: Scenario, accounts: str) -> None:
    scenario.world.meta.accounts = [
        ConnectedInstagram(f"178414000000{n:05d}", name, f"EAAG-token-{name}", 60 * 24 * 3600)
        for n, name in enumerate(names(accounts))
    ]


@given("Meta will grant access to no Instagram account")
def meta_grants_none(scenario: Scenario) -> None:
    scenario.world.meta.accounts = []


@given(parsers.parse("an Instagram connect with {login} is started and Meta sends the person back"))
@when(parsers.parse("an Instagram connect with {login} is started and Meta sends the person back"))
def connect_with(scenario: Scenario, connect: ConnectScenario, login: str) -> None:
    connect.state = run(scenario.world.start_instagram_connect(LOGINS[login]))
    send_back(scenario, connect)


@when("Meta sends the person back with the same link again")
def same_link_again(scenario: Scenario, connect: ConnectScenario) -> None:
    send_back(scenario, connect)


@when(parsers.parse("{days:d} days pass and the token job runs"))
def days_pass(scenario: Scenario, days: int) -> None:
    scenario.world.clock.advance(timedelta(days=days))
    run(scenario.world.refresh_instagram_tokens().execute())


@then(parsers.parse('the Instagram accounts "{accounts}" are connected with sealed tokens'))
def connected(scenario: Scenario, connect: ConnectScenario, accounts: str) -> None:
    (first,) = connect.returns
    assert isinstance(first, list)
    assert sorted(c.username or "" for c in first) == sorted(names(accounts))
    for name in names(accounts):
        credential = by_username(scenario, name)
        assert credential.access_token.startswith("sealed:")
        assert credential.expires_at == scenario.world.clock.now() + timedelta(days=60)


@then(parsers.parse('the second return is refused because the link "{words}"'))
def second_refused(connect: ConnectScenario, words: str) -> None:
    first, second = connect.returns
    assert isinstance(first, list)
    assert isinstance(second, DomainError) and words in str(second)


@then(parsers.parse('the return is refused because "{words}"'))
def refused(scenario: Scenario, connect: ConnectScenario, words: str) -> None:
    (only,) = connect.returns
    assert isinstance(only, PlatformError) and words in str(only)
    assert scenario.world.store.rows["credentials"] == {}


@then(parsers.parse('the token of "{username}" was refreshed'))
def refreshed(scenario: Scenario, username: str) -> None:
    credential = by_username(scenario, username)
    assert scenario.world.box.open(credential.access_token) == "IGQ-refreshed-1"
    assert credential.expires_at == scenario.world.clock.now() + timedelta(days=60)


@then(parsers.parse('"{username}" needs to be reconnected'))
def needs_reconnect(scenario: Scenario, username: str) -> None:
    credential = by_username(scenario, username)
    assert credential.status is CredentialStatus.NEEDS_RECONNECT
    assert "reconnect the Instagram account" in (credential.status_reason or "")
    assert scenario.world.meta.refreshed == 0
