"""A create with an Idempotency-Key, against in-memory storage: the first claims the key, a
retry gets the first answer, a failure frees the key, and keys expire after a day."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.idempotency import Claimed, CreateRequest, IdempotentCreates
from autopost.domain.idempotency import (
    IdempotencyKeyInvalid,
    KeyUsedForAnotherRequest,
    RequestInProgress,
    StoredAnswer,
)
from tests.fakes import FakeClock, InMemoryUnitOfWork, Store

pytestmark = pytest.mark.unit

CREATED = StoredAnswer(201, '{"id": 1}')


def post(
    key: str = "retry-1", body: bytes = b'{"caption": "Hi"}', user_id: int = 1
) -> CreateRequest:
    return CreateRequest(user_id, key, "POST", "/api/v1/posts/", body)


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def creates(store: Store, clock: FakeClock) -> IdempotentCreates:
    return IdempotentCreates(InMemoryUnitOfWork(store), clock, "server secret")


async def test_the_first_request_claims_its_key(creates: IdempotentCreates) -> None:
    assert await creates.begin(post()) == Claimed(1, "retry-1")


async def test_a_retry_after_a_success_gets_the_first_answer(creates: IdempotentCreates) -> None:
    claim = await creates.begin(post())
    assert isinstance(claim, Claimed)
    await creates.finish(claim, CREATED)
    assert await creates.begin(post()) == CREATED


async def test_a_retry_while_the_first_is_processed_is_told_to_wait(
    creates: IdempotentCreates,
) -> None:
    await creates.begin(post())
    with pytest.raises(RequestInProgress):
        await creates.begin(post())


async def test_the_key_with_another_body_is_refused(creates: IdempotentCreates) -> None:
    claim = await creates.begin(post())
    assert isinstance(claim, Claimed)
    await creates.finish(claim, CREATED)
    with pytest.raises(KeyUsedForAnotherRequest):
        await creates.begin(post(body=b'{"caption": "Hello"}'))


async def test_the_key_on_another_route_is_refused(creates: IdempotentCreates) -> None:
    claim = await creates.begin(post())
    assert isinstance(claim, Claimed)
    await creates.finish(claim, CREATED)
    other = CreateRequest(1, "retry-1", "POST", "/api/v1/credentials/", b'{"caption": "Hi"}')
    with pytest.raises(KeyUsedForAnotherRequest):
        await creates.begin(other)


async def test_keys_are_per_user(creates: IdempotentCreates) -> None:
    claim = await creates.begin(post())
    assert isinstance(claim, Claimed)
    await creates.finish(claim, CREATED)
    assert await creates.begin(post(user_id=2)) == Claimed(2, "retry-1")


@pytest.mark.parametrize("answer", [StoredAnswer(400, "{}"), StoredAnswer(503, "{}")])
async def test_a_failed_first_attempt_frees_the_key(
    creates: IdempotentCreates, answer: StoredAnswer
) -> None:
    claim = await creates.begin(post())
    assert isinstance(claim, Claimed)
    await creates.finish(claim, answer)
    assert await creates.begin(post(body=b'{"caption": "Corrected"}')) == Claimed(1, "retry-1")


async def test_a_request_that_ended_without_an_answer_frees_the_key(
    creates: IdempotentCreates,
) -> None:
    claim = await creates.begin(post())
    assert isinstance(claim, Claimed)
    await creates.free(claim)
    assert await creates.begin(post()) == Claimed(1, "retry-1")


async def test_freeing_never_removes_a_kept_answer(creates: IdempotentCreates) -> None:
    claim = await creates.begin(post())
    assert isinstance(claim, Claimed)
    await creates.finish(claim, CREATED)
    await creates.free(claim)
    assert await creates.begin(post()) == CREATED


async def test_a_key_expires_after_24_hours(creates: IdempotentCreates, clock: FakeClock) -> None:
    claim = await creates.begin(post())
    assert isinstance(claim, Claimed)
    await creates.finish(claim, CREATED)
    clock.advance(timedelta(hours=24))
    assert await creates.begin(post(body=b"{}")) == Claimed(1, "retry-1")


async def test_claiming_removes_every_expired_key(
    creates: IdempotentCreates, clock: FakeClock, store: Store
) -> None:
    for user_id in (1, 2):
        claim = await creates.begin(post(user_id=user_id))
        assert isinstance(claim, Claimed)
        await creates.finish(claim, CREATED)
    clock.advance(timedelta(hours=25))
    await creates.begin(post(key="next"))
    assert [k.key for k in store.rows["idempotency_keys"].values()] == ["next"]


@pytest.mark.parametrize("key", ["", "x" * 256])
async def test_an_empty_or_too_long_key_is_refused(creates: IdempotentCreates, key: str) -> None:
    with pytest.raises(IdempotencyKeyInvalid):
        await creates.begin(post(key=key))


async def test_a_key_freed_between_losing_the_claim_and_reading_it_is_claimed_again(
    store: Store, clock: FakeClock
) -> None:
    class FreedMeanwhile(InMemoryUnitOfWork):
        """The key is taken when claimed, and gone when read: its holder failed in between."""

        reads = 0

        async def __aenter__(self) -> FreedMeanwhile:
            self.reads += 1
            if self.reads == 3:  # the read after the second request lost its claim
                store.rows["idempotency_keys"].clear()
            return self

    uow = FreedMeanwhile(store)
    await IdempotentCreates(uow, clock, "secret").begin(post())
    assert await IdempotentCreates(uow, clock, "secret").begin(post()) == Claimed(1, "retry-1")
