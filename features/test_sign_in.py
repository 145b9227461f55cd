"""Signing in: with a password, throttled; signing out; with Google."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.fake_google import state_of
from tests.sign_in_world import ELSEWHERE, HOME, PASSWORD, World

from autopost.application.people.sessions import SignedIn
from autopost.application.ports.google_sign_in_gateway import GoogleIdentity
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.errors import AuthenticationFailed
from features.conftest import run

scenarios("sign_in.feature")


class SignInScenario:
    def __init__(self) -> None:
        self.world = World()
        self.signed_in: SignedIn | None = None
        self.refusal: Exception | None = None
        self.waited: list[timedelta] = []
        self.unused_addresses = iter(ELSEWHERE)
        self.guessers: list[str] = []

    def attempt(self, login: str, password: str, ip: str = HOME) -> None:
        self.signed_in, self.refusal = None, None
        waits = len(self.world.pause.waits)
        try:
            self.signed_in = run(self.world.sign_in(login, password, ip))
        except AuthenticationFailed as refused:
            self.refusal = refused
        self.waited = self.world.pause.waits[waits:]

    def guessing_addresses(self, count: int) -> list[str]:
        addresses = [next(self.unused_addresses) for _ in range(count)]
        self.guessers += addresses
        return addresses

    def with_google(self) -> None:
        self.signed_in, self.refusal = None, None
        try:
            state = state_of(run(self.world.start_google()))
            self.signed_in = run(self.world.finish_google(state))
        except PlatformError as refused:
            self.refusal = refused


@pytest.fixture
def signing() -> SignInScenario:
    return SignInScenario()


@given(
    parsers.parse(
        'Ann has an account with the username "{username}" and the e-mail address "{email}"'
    )
)
def ann_has_an_account(signing: SignInScenario, username: str, email: str) -> None:
    run(signing.world.add_user(username, email))


@given(parsers.parse('someone failed {times:d} times to sign in as "{login}" from another address'))
def failed_from_one_address(signing: SignInScenario, times: int, login: str) -> None:
    [address] = signing.guessing_addresses(1)
    run(signing.world.fail(login, times, ip=address))


@given(
    parsers.parse(
        'someone failed to sign in as "{login}" once from each of {count:d} other addresses'
    )
)
@when(
    parsers.parse(
        'someone fails to sign in as "{login}" once from each of {count:d} more addresses'
    )
)
def failed_from_many_addresses(signing: SignInScenario, login: str, count: int) -> None:
    run(signing.world.fail_from(login, signing.guessing_addresses(count)))


@given(parsers.parse("someone failed to sign in as {count:d} different people from one address"))
def failed_as_many_people(signing: SignInScenario, count: int) -> None:
    [address] = signing.guessing_addresses(1)
    for n in range(count):
        run(signing.world.fail(f"person{n}", 1, ip=address))


@when(
    parsers.re(
        r'someone signs in as "(?P<login>[^"]+)" with Ann\'s password from '
        r"(one of those addresses|that address)$"
    )
)
def signs_in_from_a_guessers_address(signing: SignInScenario, login: str) -> None:
    signing.attempt(login, PASSWORD, signing.guessers[0])


@when(parsers.parse('Ann signs in as "{login}" with her password from her own address'))
def ann_signs_in_from_home(signing: SignInScenario, login: str) -> None:
    signing.attempt(login, PASSWORD, HOME)


@given(parsers.parse('someone has signed in as "{login}" with Ann\'s password'))
@when(parsers.parse('someone signs in as "{login}" with Ann\'s password'))
def signs_in(signing: SignInScenario, login: str) -> None:
    signing.attempt(login, PASSWORD)


@when(parsers.parse('someone signs in as "{login}" with the password "{password}"'))
def signs_in_with(signing: SignInScenario, login: str, password: str) -> None:
    signing.attempt(login, password)


@when(parsers.parse("{minutes:d} minutes pass"))
def minutes_pass(signing: SignInScenario, minutes: int) -> None:
    signing.world.clock.advance(timedelta(minutes=minutes))


@when("that browser signs out")
def signs_out(signing: SignInScenario) -> None:
    assert signing.signed_in is not None
    run(signing.world.sign_out(signing.signed_in.session))


@given(parsers.parse('Google knows {first} {last} by the verified address "{email}"'))
def google_knows(signing: SignInScenario, first: str, last: str, email: str) -> None:
    signing.world.google.identity = GoogleIdentity(f"sub-{email}", email, True, first, last)


@given(parsers.parse('Google knows {first} by the address "{email}" but has not verified it'))
def google_has_not_verified(signing: SignInScenario, first: str, email: str) -> None:
    signing.world.google.identity = GoogleIdentity(f"sub-{email}", email, False, first)


@when(parsers.parse("{name} signs in with Google"))
def signs_in_with_google(signing: SignInScenario, name: str) -> None:
    signing.with_google()


@then(parsers.re(r'"(?P<username>[^"]+)" is signed in$'))
def is_signed_in(signing: SignInScenario, username: str) -> None:
    assert signing.refusal is None, signing.refusal
    assert signing.signed_in is not None
    principal = run(signing.world.authenticate(signing.signed_in.session))
    assert principal.user.username == username


@then(parsers.re(r'"(?P<username>[^"]+)" is signed in after a wait of (?P<seconds>\d+) seconds?$'))
def is_signed_in_after(signing: SignInScenario, username: str, seconds: str) -> None:
    is_signed_in(signing, username)
    assert signing.waited == [timedelta(seconds=int(seconds))]


@then(parsers.parse('"{username}" is signed in as an {role}'))
def is_signed_in_as(signing: SignInScenario, username: str, role: str) -> None:
    is_signed_in(signing, username)
    assert signing.signed_in is not None
    assert [group.name for group in signing.signed_in.groups] == [f"{role}s"]


@then(parsers.parse('the sign-in is refused with "{message}"'))
def refused_with(signing: SignInScenario, message: str) -> None:
    assert signing.signed_in is None
    assert str(signing.refusal) == message


@then("no one is signed in")
def no_one_signed_in(signing: SignInScenario) -> None:
    assert signing.world.rows("sessions") == []


@then("its session no longer opens anything")
def session_ended(signing: SignInScenario) -> None:
    assert signing.signed_in is not None
    with pytest.raises(AuthenticationFailed):
        run(signing.world.authenticate(signing.signed_in.session))
    assert signing.world.rows("sessions") == []


@then(parsers.parse('no one has an account with the e-mail address "{email}"'))
def no_account(signing: SignInScenario, email: str) -> None:
    assert all(user.email != email for user in signing.world.rows("users"))
