from datetime import timedelta

import pytest

from autopost.application.pinterest.tokens import RenewExpiringTokens
from autopost.application.ports.platform_errors import (
    AccessTokenRejected,
    CredentialRejected,
    PlatformError,
    TransientPlatformError,
)
from autopost.application.posting.errors import PinterestTakesNoToken
from autopost.domain.credential import Credential
from autopost.domain.errors import ValidationFailed
from autopost.domain.oauth_state import StateRejected
from autopost.domain.publication import PublicationStatus
from tests.fakes import InMemoryUnitOfWork
from tests.harness import NOON, Harness, pinterest_world


@pytest.fixture
def world() -> Harness:
    return pinterest_world()


def stored(world: Harness, credential: Credential) -> Credential:
    return world.store.rows["credentials"][credential.id]  # type: ignore[no-any-return]


async def test_a_state_that_was_never_issued_is_refused(world: Harness) -> None:
    with pytest.raises(StateRejected, match="not issued here"):
        await world.finish_pinterest_connect("forged-state")


async def test_a_missing_state_is_refused(world: Harness) -> None:
    with pytest.raises(StateRejected, match="no state"):
        await world.finish_pinterest_connect(None)


async def test_a_declined_consent_connects_nothing_and_spends_the_state(world: Harness) -> None:
    state = await world.start_pinterest_connect()
    with pytest.raises(PlatformError, match="access_denied"):
        await world.finish_pinterest_connect(state, code=None, error="access_denied")
    assert world.store.rows["credentials"] == {}
    with pytest.raises(StateRejected, match="already used"):
        await world.finish_pinterest_connect(state)


async def test_the_consent_page_asks_for_the_scopes_publishing_needs(world: Harness) -> None:
    url = world.pinterest.authorize_url("s", world.pinterest_policy.scopes)
    for scope in ("boards:read", "pins:read", "pins:write", "user_accounts:read"):
        assert scope in url


async def test_an_account_connected_in_the_other_environment_gets_a_clear_message(
    world: Harness,
) -> None:
    credential = await world.connect_pinterest()
    stored(world, credential).environment = "production"
    await world.schedule_pin(at=NOON, board_id="900", title="t")
    await world.run_until(NOON)
    (publication,) = world.store.rows["publications"].values()
    assert publication.status is PublicationStatus.FAILED
    assert "AUTOPOST_PINTEREST_USE_SANDBOX=false" in (publication.error or "")
    assert world.pinterest.created == []


async def test_a_refused_token_is_renewed_once_and_the_pin_created(world: Harness) -> None:
    await world.connect_pinterest()
    await world.schedule_pin(at=NOON, title="t")
    world.pinterest.script["create_pin"] = [AccessTokenRejected("expired")]
    await world.run_until(NOON)
    (publication,) = world.store.rows["publications"].values()
    assert publication.status is PublicationStatus.PUBLISHED
    assert world.pinterest.calls.count("refresh") == 1
    assert world.pinterest.access_tokens_seen[-1] == "pina-access-2"


async def test_the_periodic_job_renews_tokens_before_they_expire(world: Harness) -> None:
    credential = await world.connect_pinterest()
    job = RenewExpiringTokens(world.uow(), world.tokens, world.clock, world.pinterest_policy)
    assert await job.execute() == 0, "a token with 30 days left is left alone"
    world.clock.advance(timedelta(days=29, hours=1))
    assert await job.execute() == 1
    renewed = stored(world, credential)
    assert world.box.open(renewed.access_token) == "pina-access-2"
    assert renewed.expires_at == world.clock.now() + timedelta(days=30)


async def test_a_token_is_required_to_be_connected_not_posted(world: Harness) -> None:
    await world.connect_pinterest()
    from autopost.application.posting.posts import SchedulePost
    from autopost.domain.post import ContentType, PinContent

    command = SchedulePost(
        content=PinContent(content_type=ContentType.PHOTO, url="https://cdn.example.com/a.png"),
        date_pub=NOON,
        token="pina-raw-token",
    )
    with pytest.raises(PinterestTakesNoToken):
        await world.schedule_command(command)


async def test_a_video_pin_from_a_web_address_is_refused_it_must_be_uploaded(
    world: Harness,
) -> None:
    await world.connect_pinterest()
    from autopost.application.posting.posts import SchedulePost
    from autopost.domain.post import ContentType, PinContent

    command = SchedulePost(
        content=PinContent(content_type=ContentType.VIDEO, url="https://cdn.example.com/a.mp4"),
        date_pub=NOON,
    )
    with pytest.raises(ValidationFailed) as refused:
        await world.schedule_command(command)
    assert "library:<id>" in refused.value.errors["url"][0]


async def test_long_pin_texts_are_cut_to_pinterests_limits(world: Harness) -> None:
    await world.connect_pinterest()
    view = await world.schedule_pin(title="word " * 40, description="more words " * 80)
    assert view.post.content.title is not None and len(view.post.content.title) <= 100
    assert view.post.content.title.endswith("…")
    assert view.post.content.description is not None and len(view.post.content.description) <= 500


async def test_two_workers_never_renew_the_same_token_at_once(world: Harness) -> None:
    credential = await world.connect_pinterest()
    uow = InMemoryUnitOfWork(world.store)  # the other worker's: not one the harness watches
    now = world.clock.now()
    assert credential.id is not None
    assert await uow.credentials.claim_renewal(credential.id, now, now + timedelta(minutes=1))
    with pytest.raises(TransientPlatformError, match="another worker"):
        await world.tokens.renew(stored(world, credential))
    assert "refresh" not in world.pinterest.calls
    world.clock.advance(timedelta(minutes=1))
    await world.tokens.renew(stored(world, credential))
    assert world.pinterest.calls.count("refresh") == 1


async def test_a_token_refused_for_another_reason_is_not_renewed(world: Harness) -> None:
    await world.connect_pinterest()
    await world.schedule_pin(at=NOON, title="t")
    world.pinterest.script["create_pin"] = [CredentialRejected("HTTP 403: other environment")]
    await world.run_until(NOON)
    (publication,) = world.store.rows["publications"].values()
    assert publication.status is PublicationStatus.FAILED
    assert "refresh" not in world.pinterest.calls


async def test_every_waiting_pin_of_an_account_to_reconnect_says_so(world: Harness) -> None:
    credential = await world.connect_pinterest()
    first = await world.schedule_pin(at=NOON, title="first")
    later = await world.schedule_pin(at=NOON + timedelta(hours=2), title="later")
    stored(world, credential).expires_at = NOON + timedelta(minutes=5)
    world.pinterest.script["refresh"] = [CredentialRejected("invalid refresh token")]
    await world.run_until(NOON)
    assert first.post.id is not None and later.post.id is not None
    assert (await world.get(first.post.id)).publication.status is PublicationStatus.FAILED
    waiting = await world.get(later.post.id)
    assert waiting.publication.status is PublicationStatus.SCHEDULED
    assert "reconnect the Pinterest account" in (waiting.problem or "")


async def test_a_pin_left_without_a_board_gets_one_at_its_time_with_its_token_renewed_once(
    world: Harness,
) -> None:
    """A pin scheduled before boards were chosen when scheduling: at its time the board is
    chosen from the account's boards, read apart from the publication's transaction, with
    the token the publication just renewed."""
    credential = await world.connect_pinterest()
    await world.schedule_pin(at=NOON, topic="code")
    (publication,) = world.store.rows["publications"].values()
    publication.board_id = None
    world.store.rows["boards"].clear()
    stored(world, credential).expires_at = NOON + timedelta(minutes=5)
    await world.run_until(NOON)
    (publication,) = world.store.rows["publications"].values()
    assert (publication.status, publication.board_id) == (PublicationStatus.PUBLISHED, "900")
    assert world.pinterest.calls.count("refresh") == 1
    assert world.pinterest.created[0].board_id == "900"


async def test_a_renewal_saves_the_new_tokens_and_nothing_of_its_callers_work(
    world: Harness,
) -> None:
    credential = await world.connect_pinterest()
    assert credential.id is not None
    # Unwatched: this caller holds its transaction open across Pinterest's call on purpose.
    async with InMemoryUnitOfWork(world.store) as uow:
        mine = await uow.credentials.get(credential.id)
        mine.default_board_id = "left unsaved by its caller"
        await world.tokens.renew(mine)
        assert world.box.open(mine.access_token) == "pina-access-2", "kept in step"
    after = stored(world, credential)
    assert world.box.open(after.access_token) == "pina-access-2"
    assert after.default_board_id is None
