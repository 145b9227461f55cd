"""The creates that take an ``Idempotency-Key`` (``adapters/http/idempotency.py`` says which),
described as taking it: the header, the header of a replayed answer, and the refusals."""

from __future__ import annotations

from attrs import evolve
from pydantic import BaseModel

from autopost.adapters.http.answers.errors import Error, FieldErrors
from autopost.adapters.http.idempotency import CREATES, HEADER, REPLAYED
from autopost.adapters.http.openapi.operation import Operation, Param, Reply
from autopost.domain.idempotency import MAX_KEY_LENGTH

IDEMPOTENCY_KEY = Param(
    HEADER,
    "header",
    {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
    "A name the client gives this request (a UUID, say) so that it can send it again after "
    "losing the answer: for 24 hours, the same key with the same request (method, path and "
    "body) is answered with the first success, and nothing is created again. Keys are the "
    "signed-in user's. A refused or failed request does not keep its key.",
    "3f0c9a52-6f0e-4a39-9d57-0d4c2f1a7b10",
)
# Each refusal of the key: what it says alone, and what it adds to a status already described.
BAD_KEY = (
    "The `Idempotency-Key` is empty or longer than 255 characters.",
    'Or the `Idempotency-Key` is empty or longer than 255 characters (`{"error": ...}`).',
)
IN_PROGRESS = (
    "The first request with this `Idempotency-Key` is still being processed: retry later.",
    "Or the first request with this `Idempotency-Key` is still being processed: retry later.",
)
ANOTHER_REQUEST = Reply(
    "This `Idempotency-Key` was used for another request (another route or body).", Error
)


def _replayable(reply: Reply) -> Reply:
    headers = {**reply.headers, REPLAYED: "`true` when this is the first answer, sent again."}
    return evolve(reply, headers=headers)


def _also(reply: Reply | None, refusal: tuple[str, str], answer: type[BaseModel]) -> Reply:
    """``reply`` saying it is also this refusal, whose body is of the same ``answer`` model."""
    alone, added = refusal
    if reply is None:
        return Reply(alone, answer)
    return evolve(reply, description=f"{reply.description} {added}")


def _taking_the_key(op: Operation) -> Operation:
    responses = {
        status: _replayable(reply) if 200 <= status < 300 else reply
        for status, reply in op.responses.items()
    }
    responses[400] = _also(responses.get(400), BAD_KEY, FieldErrors)
    responses[409] = _also(responses.get(409), IN_PROGRESS, Error)
    responses[422] = ANOTHER_REQUEST
    return evolve(op, params=(*op.params, IDEMPOTENCY_KEY), responses=responses)


def with_idempotency_keys(*operations: Operation) -> tuple[Operation, ...]:
    creates = {("post", route.path_format) for route in CREATES}
    return tuple(
        _taking_the_key(op) if (op.method, op.path) in creates else op for op in operations
    )
