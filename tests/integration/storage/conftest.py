"""An S3 server on loopback for the bucket storage's tests, and a fresh bucket for each."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest
from aiobotocore.session import get_session
from tests.integration.storage.s3_server import (
    ACCESS_KEY_ID,
    REGION,
    SECRET_ACCESS_KEY,
    s3_server,
)

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture
async def s3_client(s3_endpoint: str) -> AsyncIterator[S3Client]:
    client = get_session().create_client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
    )
    async with client as opened:
        yield opened


@pytest.fixture
async def bucket(s3_client: S3Client) -> str:
    name = f"media-{secrets.token_hex(6)}"
    await s3_client.create_bucket(Bucket=name)
    return name
