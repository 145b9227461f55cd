"""What an Idempotency-Key binds to, how long it lives, and which answer a retry gets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.idempotency import (
    IdempotencyKey,
    IdempotencyKeyInvalid,
    KeyUsedForAnotherRequest,
    RequestInProgress,
    StoredAnswer,
    request_digest,
)

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
SECRET = b"server secret"
BODY = b'{"caption": "Hello"}'


def digest(method: str = "POST", path: str = "/api/v1/posts/", body: bytes = BODY) -> str:
    return request_digest(SECRET, method, path, body)


def test_a_key_is_bound_to_method_path_and_body() -> None:
    assert digest() == digest()
    assert digest(method="PUT") != digest()
    assert digest(path="/api/v1/credentials/") != digest()
    assert digest(body=b'{"caption": "Hello!"}') != digest()


def test_parts_of_a_request_cannot_be_shifted_into_each_other() -> None:
    assert digest(path="/api/a", body=b"b") != digest(path="/api/", body=b"ab")


def test_the_digest_depends_on_the_server_secret() -> None:
    assert request_digest(b"another secret", "POST", "/api/v1/posts/", BODY) != digest()


@pytest.mark.parametrize("key", ["", "k" * 256])
def test_an_empty_or_too_long_key_is_refused(key: str) -> None:
    with pytest.raises(IdempotencyKeyInvalid):
        IdempotencyKey.claimed(1, key, digest(), NOW)


def test_a_key_of_255_characters_is_taken() -> None:
    assert IdempotencyKey.claimed(1, "k" * 255, digest(), NOW).key == "k" * 255


def test_a_key_lives_24_hours() -> None:
    key = IdempotencyKey.claimed(1, "abc", digest(), NOW)
    assert not key.is_expired(NOW + timedelta(hours=24) - timedelta(microseconds=1))
    assert key.is_expired(NOW + timedelta(hours=24))


def test_the_same_request_gets_the_kept_answer() -> None:
    key = IdempotencyKey.claimed(1, "abc", digest(), NOW)
    key.keep(StoredAnswer(201, '{"id": 7}'))
    assert key.answer_for(digest()) == StoredAnswer(201, '{"id": 7}')


def test_another_request_with_the_key_is_refused() -> None:
    key = IdempotencyKey.claimed(1, "abc", digest(), NOW)
    key.keep(StoredAnswer(201, '{"id": 7}'))
    with pytest.raises(KeyUsedForAnotherRequest):
        key.answer_for(digest(body=b"{}"))


def test_the_same_request_before_the_first_is_answered_is_told_to_retry_later() -> None:
    key = IdempotencyKey.claimed(1, "abc", digest(), NOW)
    with pytest.raises(RequestInProgress):
        key.answer_for(digest())


def test_another_request_is_refused_even_while_the_first_is_in_progress() -> None:
    key = IdempotencyKey.claimed(1, "abc", digest(), NOW)
    with pytest.raises(KeyUsedForAnotherRequest):
        key.answer_for(digest(path="/api/users/"))


@pytest.mark.parametrize(
    ("status", "kept"), [(200, True), (201, True), (400, False), (409, False), (500, False)]
)
def test_only_successes_are_kept(status: int, kept: bool) -> None:
    assert StoredAnswer(status, "{}").is_kept is kept
