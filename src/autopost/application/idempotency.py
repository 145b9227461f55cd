"""A create sent with an ``Idempotency-Key``: the first request with the key claims it and is
carried out; a retry of it (same user, key, method, path and body) gets the first answer
without anything being created again. The transport runs the request in between ``begin``
and ``finish`` (or ``free`` when it fails without an answer)."""

from __future__ import annotations

from attrs import frozen

from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.idempotency import (
    IdempotencyKey,
    KeyTaken,
    RequestInProgress,
    StoredAnswer,
    checked_key,
    request_digest,
)

# A claim that loses to another request's, then finds the key gone (that request failed and
# freed it), claims again; one that keeps losing that way is told to retry later.
CLAIM_ATTEMPTS = 3


@frozen
class CreateRequest:
    user_id: int
    key: str
    method: str
    path: str
    body: bytes


@frozen
class Claimed:
    """The request holds its key: carry it out, then ``finish`` (or ``free``)."""

    user_id: int
    key: str


class IdempotentCreates:
    """Keys expire after 24 hours; each claim removes every expired key first (of every
    user), so the table holds about one day of keys and an expired key is free to claim."""

    def __init__(self, uow: UnitOfWork, clock: Clock, secret: str) -> None:
        self._uow = uow
        self._clock = clock
        self._secret = secret.encode()

    async def begin(self, request: CreateRequest) -> Claimed | StoredAnswer:
        """``Claimed``, or the first answer to replay. Raises ``IdempotencyKeyInvalid`` for
        an empty or too long key, ``KeyUsedForAnotherRequest`` when the key was sent with
        another request, ``RequestInProgress`` while that request has no answer yet."""
        key = checked_key(request.key)
        digest = request_digest(self._secret, request.method, request.path, request.body)
        for _ in range(CLAIM_ATTEMPTS):
            now = self._clock.now()
            async with self._uow as uow:
                await uow.idempotency_keys.remove_expired(now)
                try:
                    await uow.idempotency_keys.claim(
                        IdempotencyKey.claimed(request.user_id, key, digest, now)
                    )
                except KeyTaken:
                    pass
                else:
                    await uow.commit()
                    return Claimed(request.user_id, key)
            async with self._uow as uow:
                held = await uow.idempotency_keys.get(request.user_id, key)
                if held is not None:
                    return held.answer_for(digest)
        raise RequestInProgress()

    async def finish(self, claim: Claimed, answer: StoredAnswer) -> None:
        """Keep a success as the key's answer; free the key after any other answer."""
        if not answer.is_kept:
            await self.free(claim)
            return
        async with self._uow as uow:
            held = await uow.idempotency_keys.get(claim.user_id, claim.key)
            if held is not None:
                held.keep(answer)
                await uow.commit()

    async def free(self, claim: Claimed) -> None:
        """The request ended without an answer to keep: a retry may claim the key again."""
        async with self._uow as uow:
            held = await uow.idempotency_keys.get(claim.user_id, claim.key)
            if held is not None and held.answer_status is None:
                await uow.idempotency_keys.remove(held)
                await uow.commit()
