"""Signing in and out, sessions, throttling, and signing in with Google, over fakes."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from autopost.application.messages import Message
from autopost.application.oauth.pkce import pkce_challenge
from autopost.application.people.google_sign_in import GoogleSignInRefused
from autopost.application.people.password_check import SignInRefused, SignInThrottled
from autopost.application.people.sessions import SignOut
from autopost.application.ports.google_sign_in_gateway import GoogleIdentity
from autopost.application.ports.platform_errors import PermanentPlatformError
from autopost.domain.access import Role
from autopost.domain.errors import AuthenticationFailed, ConcurrentUpdate
from autopost.domain.login_throttle import ThrottleKeys
from autopost.domain.oauth_state import StateRejected
from tests.fake_accounts import FakeGroups, FakeLoginFailures, FakeSessions, Table
from tests.fake_google import state_of
from tests.sign_in_world import ELSEWHERE, HOME, NOON, PASSWORD, World


@pytest.fixture
async def world() -> World:
    world = World()
    await world.add_user("ann", "Ann@Example.com")
    return world


# Signing in with a password


async def test_signing_in_by_username_opens_a_session_stored_only_as_a_digest(
    world: World,
) -> None:
    signed_in = await world.sign_in("ann")
    [session] = world.rows("sessions")
    assert session.digest == hashlib.sha256(signed_in.session.encode()).hexdigest()
    assert signed_in.session not in repr(session) and signed_in.session not in repr(signed_in)
    assert session.csrf_token == signed_in.csrf_token
    assert session.expires_at == signed_in.expires_at == NOON + timedelta(days=14)
    assert [g.name for g in signed_in.groups] == ["Publishers"]
    assert world.rows("users")[0].last_login == NOON


async def test_the_email_address_signs_in_too_whatever_its_case(world: World) -> None:
    signed_in = await world.sign_in("ANN@example.COM")
    assert signed_in.user.username == "ann"


async def test_signing_in_is_audited(world: World) -> None:
    signed_in = await world.sign_in("ann")
    [entry] = world.rows("audit")
    assert (entry.action, entry.resource, entry.resource_id) == ("signed_in", "user", "1")
    assert (entry.actor_id, entry.actor_name) == (signed_in.user.id, "ann")
    assert PASSWORD not in repr(entry)


@pytest.mark.parametrize(
    ("login", "password"), [("ann", "wrong"), ("nobody", PASSWORD), ("bob", PASSWORD)]
)
async def test_a_wrong_password_an_unknown_or_disabled_user_are_refused_alike(
    world: World, login: str, password: str
) -> None:
    await world.add_user("bob", active=False)
    with pytest.raises(SignInRefused) as refused:
        await world.sign_in(login, password)
    assert refused.value.message is Message.BAD_CREDENTIALS
    assert world.rows("sessions") == []


# Throttling: per address


async def test_five_failures_from_one_address_lock_that_address_for_every_account(
    world: World,
) -> None:
    await world.add_user("bob")
    for name in ("carl", "dora", "emil", "fay", "gus"):
        await world.fail(name, 1, ip="192.0.2.9")
    with pytest.raises(SignInThrottled):
        await world.sign_in("bob", ip="192.0.2.9")
    assert (await world.sign_in("bob", ip="192.0.2.10")).user.username == "bob"


async def test_a_locked_address_is_refused_the_right_password_until_the_lockout_ends(
    world: World,
) -> None:
    for name in ("carl", "dora", "emil", "fay", "gus"):
        await world.fail(name, 1, ip="192.0.2.9")
    with pytest.raises(SignInThrottled) as throttled:
        await world.sign_in("ann", ip="192.0.2.9")
    assert throttled.value.message is Message.TOO_MANY_ATTEMPTS
    assert throttled.value.retry_after == timedelta(minutes=15)
    world.clock.advance(timedelta(minutes=15))
    assert (await world.sign_in("ann", ip="192.0.2.9")).user.username == "ann"


async def test_a_success_clears_its_addresss_failures_on_the_account_and_nothing_else(
    world: World,
) -> None:
    await world.add_user("bob")
    await world.fail("ann", 4)
    await world.sign_in("ann")
    keys = {row.key: row.failures for row in world.rows("login_failures")}
    assert keys == {f"ip:{HOME}": 4, "user:ann": 4}  # the owner gives no guesser a fresh start
    await world.fail("bob", 1)
    with pytest.raises(SignInThrottled):
        await world.sign_in("ann")


async def test_a_failure_counted_at_the_same_moment_elsewhere_is_still_a_refusal(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def taken(self: object, failures: object) -> None:
        raise ConcurrentUpdate("another request started this count")

    monkeypatch.setattr(FakeLoginFailures, "add", taken)
    with pytest.raises(SignInRefused) as refused:
        await world.sign_in("ann", "wrong")
    assert refused.value.message is Message.BAD_CREDENTIALS


# Throttling: per account, which guessing at its name cannot lock its owner out of


async def test_five_failures_from_another_address_do_not_keep_the_owner_out(
    world: World,
) -> None:
    await world.fail("ann", 5, ip=ELSEWHERE[0])
    assert (await world.sign_in("ann")).user.username == "ann"


async def test_guesses_from_many_addresses_do_not_keep_the_owner_out_either(
    world: World,
) -> None:
    await world.fail_from("ann", ELSEWHERE[:20])
    assert (await world.sign_in("ann")).user.username == "ann"


async def test_an_address_that_failed_on_a_guarded_account_is_refused_the_right_password(
    world: World,
) -> None:
    await world.fail_from("ann", ELSEWHERE[:5])
    for address in ELSEWHERE[:5]:
        with pytest.raises(SignInThrottled) as throttled:
            await world.sign_in("ann", ip=address)
        assert throttled.value.message is Message.TOO_MANY_ATTEMPTS
        assert throttled.value.retry_after == timedelta(minutes=15)
    world.clock.advance(timedelta(minutes=15))
    assert (await world.sign_in("ann", ip=ELSEWHERE[0])).user.username == "ann"


async def test_an_address_is_refused_only_until_its_own_failure_is_fifteen_minutes_old(
    world: World,
) -> None:
    await world.fail("ann", 1, ip=ELSEWHERE[0])
    world.clock.advance(timedelta(minutes=10))
    await world.fail_from("ann", ELSEWHERE[1:5])  # guarded until 12:25
    with pytest.raises(SignInThrottled) as throttled:
        await world.sign_in("ann", ip=ELSEWHERE[0])
    assert throttled.value.retry_after == timedelta(minutes=5)
    world.clock.advance(timedelta(minutes=5))
    assert (await world.sign_in("ann", ip=ELSEWHERE[0])).user.username == "ann"


async def test_before_an_account_is_guarded_an_address_that_failed_on_it_is_checked(
    world: World,
) -> None:
    await world.fail_from("ann", ELSEWHERE[:4])
    assert (await world.sign_in("ann", ip=ELSEWHERE[0])).user.username == "ann"


async def test_a_wrong_password_from_a_clean_address_on_a_guarded_account_marks_it(
    world: World,
) -> None:
    await world.fail_from("ann", ELSEWHERE[:5])
    await world.fail("ann", 1)
    with pytest.raises(SignInThrottled):
        await world.sign_in("ann")


async def test_each_failure_keeps_a_guarded_account_guarded_fifteen_minutes_more(
    world: World,
) -> None:
    await world.fail_from("ann", ELSEWHERE[:5])  # guarded until 12:15
    world.clock.advance(timedelta(minutes=10))
    await world.fail("ann", 1, ip=ELSEWHERE[5])  # until 12:25
    world.clock.advance(timedelta(minutes=6))
    with pytest.raises(SignInThrottled) as throttled:
        await world.sign_in("ann", ip=ELSEWHERE[5])
    assert throttled.value.retry_after == timedelta(minutes=9)


async def test_the_owners_own_typos_do_not_get_her_refused_once_she_signed_in(
    world: World,
) -> None:
    await world.fail("ann", 2)
    await world.sign_in("ann")
    await world.fail_from("ann", ELSEWHERE[:3])  # guarded: 2 + 3 failures
    assert (await world.sign_in("ann")).user.username == "ann"


async def test_the_username_and_the_email_address_count_as_one_account(world: World) -> None:
    await world.fail_from("ann", ELSEWHERE[:3])
    await world.fail_from("ANN@example.com", ELSEWHERE[3:5])
    for login in ("ann", "ann@example.com"):
        for address in (ELSEWHERE[0], ELSEWHERE[4]):
            with pytest.raises(SignInThrottled):
                await world.sign_in(login, ip=address)


async def test_an_unknown_name_is_guarded_and_refused_as_an_account_is(world: World) -> None:
    """Else the answers would tell which names have an account."""
    for name in ("ann", "nobody"):
        await world.fail_from(name, ELSEWHERE[:5])
        with pytest.raises(SignInThrottled):
            await world.sign_in(name, ip=ELSEWHERE[0])
        with pytest.raises(SignInRefused) as refused:
            await world.sign_in(name, "wrong", ip=ELSEWHERE[5])
        assert refused.value.message is Message.BAD_CREDENTIALS
    assert world.pause.waits == [timedelta(seconds=1)] * 2


# The wait before a guarded account's check


async def test_a_guarded_accounts_check_waits_first_whatever_the_outcome(world: World) -> None:
    """Were only failures slow, a client giving up early would know its guess was wrong."""
    await world.fail_from("ann", ELSEWHERE[:5])
    assert world.pause.waits == []
    signed_in = await world.sign_in("ann")
    assert signed_in.expires_at == NOON + timedelta(seconds=1) + timedelta(days=14)
    with pytest.raises(SignInRefused):
        await world.sign_in("ann", "wrong", ip=ELSEWHERE[5])
    assert world.pause.waits == [timedelta(seconds=1)] * 2


async def test_the_wait_doubles_with_each_failure_up_to_four_seconds(world: World) -> None:
    await world.fail_from("ann", ELSEWHERE[:9])
    assert world.pause.waits == [timedelta(seconds=s) for s in (1, 2, 4, 4)]
    await world.sign_in("ann")
    assert world.pause.waits[-1] == timedelta(seconds=4)


async def test_neither_an_unguarded_account_nor_a_refusal_waits(world: World) -> None:
    await world.fail_from("ann", ELSEWHERE[:4])
    await world.sign_in("ann")
    await world.fail("ann", 1, ip=ELSEWHERE[4])
    with pytest.raises(SignInThrottled):
        await world.sign_in("ann", ip=ELSEWHERE[0])
    assert world.pause.waits == []


async def test_a_user_disabled_during_the_wait_is_not_signed_in(world: World) -> None:
    """Nothing read before the wait is trusted after it: it is read again."""
    await world.fail_from("ann", ELSEWHERE[:5])

    async def disable() -> None:
        uow = world.uow()
        user = await uow.users.by_login("ann")
        assert user is not None
        user.is_active = False
        await uow.commit()

    world.pause.meanwhile = disable
    with pytest.raises(SignInRefused) as refused:
        await world.sign_in("ann")
    assert refused.value.message is Message.BAD_CREDENTIALS


async def test_an_address_locked_during_the_wait_is_refused_after_it(world: World) -> None:
    await world.fail_from("ann", ELSEWHERE[:5])

    async def guess_elsewhere() -> None:
        world.pause.meanwhile = None
        for name in ("carl", "dora", "emil", "fay", "gus"):
            await world.fail(name, 1)

    world.pause.meanwhile = guess_elsewhere
    with pytest.raises(SignInThrottled):
        await world.sign_in("ann")
    assert world.rows("sessions") == []


# API tokens: the same throttle as signing in


async def test_a_token_is_issued_for_the_right_password_and_audited_without_it(
    world: World,
) -> None:
    token = await world.issue_token("ann", ip="10.0.0.7")
    [row] = world.rows("api_tokens")
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    [entry] = world.rows("audit")
    assert (entry.action, entry.resource, entry.resource_id) == ("token_issued", "user", "1")
    assert (entry.actor_id, entry.actor_name) == (row.user_id, "ann")
    assert token not in repr(entry) and PASSWORD not in repr(entry)
    assert world.rows("users")[0].last_login == NOON


async def test_a_refused_token_keeps_the_seeds_words_and_counts_as_a_failure(
    world: World,
) -> None:
    with pytest.raises(AuthenticationFailed) as refused:
        await world.issue_token("ann", "wrong")
    assert str(refused.value) == Message.TOKEN_REFUSED.value
    assert not isinstance(refused.value, SignInThrottled)
    counted = {row.key: row.failures for row in world.rows("login_failures")}
    assert counted == {"user:ann": 1, f"ip:{HOME}": 1, ThrottleKeys.of("ann", HOME).pair: 1}
    assert world.rows("api_tokens") == world.rows("audit") == []


async def test_wrong_passwords_for_tokens_guard_the_account_for_signing_in_too(
    world: World,
) -> None:
    for address in ELSEWHERE[:5]:
        with pytest.raises(AuthenticationFailed):
            await world.issue_token("ann", "wrong", ip=address)
    with pytest.raises(SignInThrottled):
        await world.sign_in("ann", ip=ELSEWHERE[0])
    with pytest.raises(SignInThrottled):
        await world.issue_token("ann", ip=ELSEWHERE[1])
    assert (await world.sign_in("ann")).user.username == "ann"
    assert world.pause.waits == [timedelta(seconds=1)]


async def test_a_guarded_account_gets_a_token_only_from_a_clean_address_after_the_wait(
    world: World,
) -> None:
    await world.fail_from("ann", ELSEWHERE[:5])
    with pytest.raises(SignInThrottled) as throttled:
        await world.issue_token("ann", ip=ELSEWHERE[0])
    assert throttled.value.retry_after == timedelta(minutes=15)
    assert world.rows("api_tokens") == []
    assert await world.issue_token("ann")
    assert world.pause.waits == [timedelta(seconds=1)]
    assert world.rows("api_tokens")[0].created_at == NOON + timedelta(seconds=1)


async def test_token_failures_from_one_address_lock_it_for_every_account(world: World) -> None:
    await world.add_user("bob")
    for name in ("carl", "dora", "emil", "fay", "gus"):
        with pytest.raises(AuthenticationFailed):
            await world.issue_token(name, "wrong", ip="192.0.2.9")
    with pytest.raises(SignInThrottled):
        await world.issue_token("bob", ip="192.0.2.9")
    assert await world.issue_token("bob", ip="192.0.2.10")


async def test_a_token_clears_its_addresss_failures_on_the_account_and_nothing_else(
    world: World,
) -> None:
    await world.fail("ann", 4)
    await world.issue_token("ann")
    counted = {row.key: row.failures for row in world.rows("login_failures")}
    assert counted == {f"ip:{HOME}": 4, "user:ann": 4}


# Sessions


async def test_the_session_value_finds_its_user_and_csrf_token(world: World) -> None:
    signed_in = await world.sign_in("ann")
    principal = await world.authenticate(signed_in.session)
    assert principal.user.username == "ann"
    assert principal.session_id == world.rows("sessions")[0].id
    assert principal.csrf_token == signed_in.csrf_token
    assert Role.PUBLISHERS in principal.actor.roles


async def test_an_expired_session_opens_nothing_and_is_removed(world: World) -> None:
    signed_in = await world.sign_in("ann")
    world.clock.advance(timedelta(days=14))
    with pytest.raises(AuthenticationFailed):
        await world.authenticate(signed_in.session)
    assert world.rows("sessions") == []


async def test_an_unknown_value_or_a_disabled_user_opens_nothing(world: World) -> None:
    signed_in = await world.sign_in("ann")
    with pytest.raises(AuthenticationFailed):
        await world.authenticate("not-a-session")
    world.store.rows["users"][signed_in.user.id].is_active = False
    with pytest.raises(AuthenticationFailed):
        await world.authenticate(signed_in.session)


async def test_signing_out_ends_the_session_on_the_server(world: World) -> None:
    signed_in = await world.sign_in("ann")
    await SignOut(world.uow(), world.clock).execute(signed_in.session)
    assert world.rows("sessions") == []
    assert world.rows("audit")[-1].action == "signed_out"
    with pytest.raises(AuthenticationFailed):
        await world.authenticate(signed_in.session)
    await SignOut(world.uow(), world.clock).execute(signed_in.session)  # twice: no error
    await SignOut(world.uow(), world.clock).execute(None)


# Signing in with Google


async def test_google_sign_in_starts_with_a_single_use_state_and_an_s256_challenge(
    world: World,
) -> None:
    url = await world.start_google()
    [state] = world.rows("oauth_states")
    assert state.provider == "google"
    assert state.expires_at == NOON + timedelta(minutes=10)
    assert state.digest == hashlib.sha256(state_of(url).encode()).hexdigest()
    assert state.code_verifier and 43 <= len(state.code_verifier) <= 128
    assert world.google.challenges == [pkce_challenge(state.code_verifier)]
    assert state.code_verifier not in url


async def test_the_code_is_exchanged_with_the_verifier_of_its_state(world: World) -> None:
    await world.finish_google(state_of(await world.start_google()))
    [state] = world.rows("oauth_states")
    assert world.google.exchanged == [("a-google-code", state.code_verifier)]


async def test_a_verified_email_links_to_the_user_who_has_it(world: World) -> None:
    world.google.identity = GoogleIdentity("sub-1", "ann@EXAMPLE.com", True, "Ann", "Lee")
    signed_in = await world.finish_google(state_of(await world.start_google()))
    assert signed_in.user.username == "ann"
    assert len(world.rows("users")) == 1
    assert len(world.rows("sessions")) == 1
    assert world.rows("audit")[-1].summary == "with Google"


async def test_a_new_email_makes_an_observer_who_has_no_password(world: World) -> None:
    world.google.identity = GoogleIdentity("sub-2", "ann@gmail.test", True, "Anna", "Berg")
    signed_in = await world.finish_google(state_of(await world.start_google()))
    user = signed_in.user
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "ann2",
        "ann@gmail.test",
        "Anna",
        "Berg",
    )
    assert [g.name for g in signed_in.groups] == ["Observers"]
    assert user.password_hash.startswith("!")
    assert not world.hasher.verify(user.password_hash, "")
    assert world.store.memberships[user.id] == {4}


@pytest.mark.parametrize(
    ("table", "step"),
    [(FakeGroups, "set_for_user"), (FakeSessions, "add")],
    ids=["giving-the-role", "opening-the-session"],
)
async def test_a_new_user_is_written_with_its_role_and_session_or_not_at_all(
    world: World, monkeypatch: pytest.MonkeyPatch, table: type[Table], step: str
) -> None:
    async def broken(*args: object) -> None:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(table, step, broken)
    world.google.identity = GoogleIdentity("sub-6", "new@gmail.test", True, "New", "Person")
    with pytest.raises(ConnectionError):
        await world.finish_google(state_of(await world.start_google()))
    assert [u.username for u in world.rows("users")] == ["ann"]
    assert list(world.store.memberships) == [world.rows("users")[0].id]
    assert world.rows("sessions") == []
    monkeypatch.undo()
    signed_in = await world.finish_google(state_of(await world.start_google()))
    assert (signed_in.user.username, [g.name for g in signed_in.groups]) == ("new", ["Observers"])


async def test_an_unverified_email_is_refused_and_makes_no_one(world: World) -> None:
    world.google.identity = GoogleIdentity("sub-3", "ann@example.com", False)
    with pytest.raises(GoogleSignInRefused, match=Message.GOOGLE_EMAIL_UNVERIFIED.value):
        await world.finish_google(state_of(await world.start_google()))
    assert len(world.rows("users")) == 1
    assert world.rows("sessions") == []


async def test_the_state_works_once(world: World) -> None:
    state = state_of(await world.start_google())
    await world.finish_google(state)
    with pytest.raises(StateRejected, match="already used"):
        await world.finish_google(state)
    assert len(world.google.exchanged) == 1


async def test_a_forged_or_missing_state_is_refused_before_google_is_asked(
    world: World,
) -> None:
    for state in ("forged", None):
        with pytest.raises(StateRejected):
            await world.finish_google(state)
    assert world.google.exchanged == []


async def test_declined_consent_spends_the_state(world: World) -> None:
    state = state_of(await world.start_google())
    with pytest.raises(GoogleSignInRefused, match=Message.GOOGLE_DENIED.value):
        await world.finish_google(state, error="access_denied")
    with pytest.raises(StateRejected):
        await world.finish_google(state)


async def test_googles_refusal_of_the_code_opens_no_session(world: World) -> None:
    world.google.refusal = PermanentPlatformError("Google refused the sign-in (invalid_grant)")
    with pytest.raises(PermanentPlatformError):
        await world.finish_google(state_of(await world.start_google()))
    assert world.rows("sessions") == []


async def test_a_disabled_user_cannot_sign_in_with_google(world: World) -> None:
    await world.add_user("bob", "bob@example.com", active=False)
    world.google.identity = GoogleIdentity("sub-4", "bob@example.com", True)
    with pytest.raises(GoogleSignInRefused, match=Message.ACCOUNT_DISABLED.value):
        await world.finish_google(state_of(await world.start_google()))


async def test_an_email_several_users_have_signs_in_no_one(world: World) -> None:
    await world.add_user("twin1", "twin@example.com")
    await world.add_user("twin2", "twin@example.com")
    world.google.identity = GoogleIdentity("sub-5", "twin@example.com", True)
    with pytest.raises(GoogleSignInRefused, match=Message.GOOGLE_EMAIL_SHARED.value):
        await world.finish_google(state_of(await world.start_google()))
    assert len(world.rows("users")) == 3
