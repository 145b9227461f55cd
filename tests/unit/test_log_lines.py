"""The log lines: one JSON object a line on request, readable text otherwise; each with the
request, publication and post at hand."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator

import pytest

from autopost.adapters.observability.log_context import (
    POST_ID,
    REQUEST_ID,
    LogContext,
    publication_at_work,
)
from autopost.adapters.observability.log_format import JsonLines, TextWithContext

Written = tuple[logging.Logger, io.StringIO, logging.Handler]


@pytest.fixture
def written() -> Iterator[Written]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(LogContext())
    logger = logging.getLogger("autopost.test_log_lines")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, out, handler
    logger.removeHandler(handler)


def test_a_json_line_is_one_object_with_the_request_at_hand(written: Written) -> None:
    logger, out, handler = written
    handler.setFormatter(JsonLines())
    token = REQUEST_ID.set("req-1")
    try:
        logger.info("scheduled %s\nposts", 3, extra={"platform": "instagram"})
    finally:
        REQUEST_ID.reset(token)
    (line,) = out.getvalue().splitlines()
    got = json.loads(line)
    assert got["message"] == "scheduled 3\nposts"
    assert (got["level"], got["logger"]) == ("INFO", "autopost.test_log_lines")
    assert (got["request_id"], got["platform"]) == ("req-1", "instagram")
    assert got["time"].endswith("+00:00")
    assert "publication_id" not in got


def test_a_json_line_carries_its_exception(written: Written) -> None:
    logger, out, handler = written
    handler.setFormatter(JsonLines())
    try:
        raise ValueError("boom")
    except ValueError:
        logger.exception("it failed")
    got = json.loads(out.getvalue())
    assert "ValueError: boom" in got["exception"]


async def test_each_publication_at_work_names_itself_and_only_itself(written: Written) -> None:
    logger, out, handler = written
    handler.setFormatter(JsonLines())

    async def work(publication_id: int, post_id: int) -> None:
        with publication_at_work(publication_id):
            await asyncio.sleep(0)
            POST_ID.set(post_id)  # as the observer does once the publication is read
            await asyncio.sleep(0)
            logger.info("step of %s", publication_id)

    await asyncio.gather(work(1, 10), work(2, 20))
    logger.info("after")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    steps = {line["publication_id"]: line["post_id"] for line in lines[:2]}
    assert steps == {1: 10, 2: 20}
    assert "publication_id" not in lines[2] and "post_id" not in lines[2]


def test_the_text_line_stays_readable_and_names_the_request(written: Written) -> None:
    logger, out, handler = written
    handler.setFormatter(TextWithContext())
    token = REQUEST_ID.set("req-2")
    try:
        logger.info("hello", extra={"platform": "instagram"})
    finally:
        REQUEST_ID.reset(token)
    logger.info("bare")
    first, second = out.getvalue().splitlines()
    assert first.endswith("INFO autopost.test_log_lines: hello [request_id=req-2]")
    assert second.endswith("INFO autopost.test_log_lines: bare")
