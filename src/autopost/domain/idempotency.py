"""An ``Idempotency-Key``: a client's name for one create request, kept with the answer to its
first success for 24 hours, so that the client can send the request again after losing the
answer and be given that answer instead of a second record."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from attrs import define, frozen

from autopost.domain.errors import Conflict, DomainError, Refused

KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255


class IdempotencyKeyInvalid(Refused):
    """The header is empty or longer than ``MAX_KEY_LENGTH`` characters."""

    def __init__(self) -> None:
        super().__init__(f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters long.")


class KeyUsedForAnotherRequest(DomainError):
    """The key was first sent with another method, path or body."""

    def __init__(self) -> None:
        super().__init__(
            "This Idempotency-Key was used for another request (another route or body): "
            "use a new key for a new request."
        )


class RequestInProgress(Conflict):
    """The first request with this key has not been answered yet: the client retries later."""

    def __init__(self) -> None:
        super().__init__(
            "The first request with this Idempotency-Key is still being processed: "
            "retry later to get its answer."
        )


class KeyTaken(DomainError):
    """A repository's signal: the user already holds this key (the claim was not made)."""


@frozen
class StoredAnswer:
    """A create's answer as the client first got it: its status and its body (JSON text)."""

    status: int
    body: str

    @property
    def is_kept(self) -> bool:
        """Only a success is kept: a refusal or a failure frees the key for a corrected retry."""
        return 200 <= self.status < 300


def checked_key(key: str) -> str:
    if not key or len(key) > MAX_KEY_LENGTH:
        raise IdempotencyKeyInvalid()
    return key


def request_digest(secret: bytes, method: str, path: str, body: bytes) -> str:
    """What a key is bound to: the method, the path and the body, as an HMAC with the server's
    secret, so that what is stored says nothing of a body's secrets (a new user's password)."""
    digest = hmac.new(secret, digestmod=hashlib.sha256)
    for part in (method.upper().encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@define(slots=False, eq=False)
class IdempotencyKey:
    """A key one user sent, bound to the request it was first sent with. ``answer_*`` stay
    None while that request is being processed."""

    user_id: int
    key: str
    request_digest: str
    created_at: datetime
    expires_at: datetime
    answer_status: int | None = None
    answer_body: str | None = None
    id: int | None = None

    @classmethod
    def claimed(cls, user_id: int, key: str, digest: str, now: datetime) -> IdempotencyKey:
        return cls(user_id, checked_key(key), digest, now, now + KEY_LIFETIME)

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at <= now

    def answer_for(self, digest: str) -> StoredAnswer:
        """The answer to replay to a request with this key and ``digest``; raises
        ``KeyUsedForAnotherRequest`` for another request, ``RequestInProgress`` while the first
        one has no answer yet."""
        if not hmac.compare_digest(self.request_digest, digest):
            raise KeyUsedForAnotherRequest()
        if self.answer_status is None or self.answer_body is None:
            raise RequestInProgress()
        return StoredAnswer(self.answer_status, self.answer_body)

    def keep(self, answer: StoredAnswer) -> None:
        self.answer_status = answer.status
        self.answer_body = answer.body
