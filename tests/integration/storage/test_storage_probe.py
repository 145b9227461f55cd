"""`autopost check` asks the storage whether it can be reached: a bucket that answers, one
that does not exist, a service that does not answer; a directory to write to."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from tests.integration.storage.s3_server import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY

from autopost.adapters.storage.disk_media_storage import DiskMediaStorage
from autopost.adapters.storage.s3_media_storage import S3MediaStorage

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client

pytestmark = pytest.mark.integration


async def test_a_bucket_that_exists_answers(s3_client: S3Client, bucket: str) -> None:
    state = await S3MediaStorage(s3_client, bucket).state()
    assert state.reachable and state.kind == "s3"
    assert state.where.startswith(f"{bucket} at http://127.0.0.1:")


async def test_a_bucket_that_does_not_exist_is_a_problem(s3_client: S3Client) -> None:
    state = await S3MediaStorage(s3_client, "no-such-bucket").state()
    assert not state.reachable
    assert state.error == "HTTP 404"


async def test_a_service_that_does_not_answer_is_a_problem_never_showing_the_key() -> None:
    with socket.socket() as unused:  # a loopback port nothing listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    client = get_session().create_client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
        config=AioConfig(retries={"max_attempts": 1}, connect_timeout=2),
    )
    async with client as opened:
        state = await S3MediaStorage(opened, "media").state()
    assert not state.reachable
    assert state.error == "EndpointConnectionError"
    assert SECRET_ACCESS_KEY not in repr(state)


async def test_a_directory_to_be_made_under_a_writable_one_is_fine(tmp_path: Path) -> None:
    state = await DiskMediaStorage(tmp_path / "var" / "media").state()
    assert state.reachable and state.kind == "disk"
    assert state.where == str(tmp_path / "var" / "media")
