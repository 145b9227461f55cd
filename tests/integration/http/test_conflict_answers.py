"""A request that loses a race to another one is told so with a 409 to retry, never a 500:
whether a repository named the conflict (``ConcurrentUpdate``) or the database's own error
slipped past every repository."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
import pytest
from admin_world import admin_client
from dependency_injector import providers
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from autopost.application.access import Actor
from autopost.domain.errors import ConcurrentUpdate
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

SECRET = "EAAG-secret-in-a-statement-parameter"


class Failing:
    """A use case that ends as a request that lost a race would."""

    def __init__(self, error: Exception) -> None:
        self._error = error

    async def execute(self, actor: Actor, post_id: int) -> None:
        raise self._error


@pytest.fixture
async def client(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    # A 500 would come back as a response here, not as the exception raised in the test.
    async with admin_client(container, raise_app_exceptions=False) as signed_in:
        yield signed_in


async def answer_when(
    error: Exception, container: Container, client: httpx.AsyncClient
) -> httpx.Response:
    with container.posting.get_post.override(providers.Object(Failing(error))):
        return await client.get("/api/v1/posts/1/")


@pytest.mark.parametrize(
    "error",
    [
        ConcurrentUpdate("this account was connected by someone else meanwhile"),
        ConcurrentUpdate("the record was changed or removed by someone else meanwhile"),
        IntegrityError("INSERT INTO credentials …", {"access_token": SECRET}, Exception("dup")),
        StaleDataError("UPDATE statement on table 'publications' expected to update 1 row"),
    ],
    ids=["concurrent-update", "changed-meanwhile", "integrity-error", "stale-data"],
)
async def test_a_lost_race_is_a_409_that_says_to_retry(
    error: Exception,
    container: Container,
    client: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    response = await answer_when(error, container, client)
    assert response.status_code == 409, response.text
    [message] = response.json().values()
    assert list(response.json()) == ["error"] and message.endswith("load it again and retry")
    assert SECRET not in response.text and SECRET not in caplog.text
