"""What every log line says it is about: the request, and in a worker the publication and
post at hand. Context variables, so that each request and each publication (each its own
asyncio task) carries its own, and a line written anywhere below them says so."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar

REQUEST_ID: ContextVar[str | None] = ContextVar("autopost_request_id", default=None)
PUBLICATION_ID: ContextVar[int | None] = ContextVar("autopost_publication_id", default=None)
POST_ID: ContextVar[int | None] = ContextVar("autopost_post_id", default=None)

# The record attributes the context adds, in the order a line shows them.
CONTEXT_FIELDS = ("request_id", "publication_id", "post_id")


@contextlib.contextmanager
def publication_at_work(publication_id: int) -> Iterator[None]:
    """Lines written meanwhile name the publication (and its post, once read)."""
    publication = PUBLICATION_ID.set(publication_id)
    post = POST_ID.set(None)
    try:
        yield
    finally:
        POST_ID.reset(post)
        PUBLICATION_ID.reset(publication)


class LogContext(logging.Filter):
    """Puts the context on each record, on the handler, so that every logger's lines (ours,
    uvicorn's, SQLAlchemy's) carry it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        record.publication_id = PUBLICATION_ID.get()
        record.post_id = POST_ID.get()
        return True
