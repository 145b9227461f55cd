"""Steps of media_storage.feature: the real containers of two machines (each its own
VAR_DIR) over one database and one bucket of an S3 server on loopback."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from aiobotocore.session import get_session
from pytest_bdd import given, parsers, scenarios, then, when
from tests.integration.storage.s3_server import (
    ACCESS_KEY_ID,
    REGION,
    SECRET_ACCESS_KEY,
    kept_in,
    s3_server,
)

from autopost.adapters.persistence.migrate import upgrade_database
from autopost.application.access import SYSTEM
from autopost.application.library.links import MediaLinks
from autopost.application.library.upload import Upload
from autopost.domain.errors import ValidationFailed
from autopost.domain.library import LibraryItem
from autopost.domain.readiness import Check
from autopost.entrypoints.container import opened_container
from autopost.entrypoints.settings import Settings
from features.conftest import run

scenarios("media_storage.feature")

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"cat" * 100
MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with s3_server() as endpoint:
        yield endpoint


class Deployment:
    """Machines that share a database and a bucket, and what the steps remember."""

    def __init__(self, root: Path, endpoint: str) -> None:
        self.root = root
        self.endpoint = endpoint
        self.bucket = f"media-{secrets.token_hex(6)}"
        self.database_url = f"sqlite:///{root / 'shared.db'}"
        self.max_bytes = 300 * MIB
        self.item: LibraryItem | None = None
        self.refusal: ValidationFailed | None = None
        self.checks: list[Check] = []

    def machine(self, name: str) -> Settings:
        return Settings(
            var_dir=self.root / name,
            database_url=self.database_url,
            secret_key="feature-secret-key",
            media_max_bytes=self.max_bytes,
            media_s3_bucket=self.bucket,
            media_s3_endpoint_url=self.endpoint,
            media_s3_region=REGION,
            media_s3_access_key_id=ACCESS_KEY_ID,
            media_s3_secret_access_key=SECRET_ACCESS_KEY,
        )

    async def in_bucket(self) -> list[str]:
        client = get_session().create_client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )
        async with client as opened:
            return await kept_in(opened, self.bucket)


@pytest.fixture
def deployment(tmp_path: Path, s3_endpoint: str) -> Deployment:
    return Deployment(tmp_path, s3_endpoint)


async def _upload(deployment: Deployment, upload: Upload) -> None:
    async with opened_container(deployment.machine("api"), None) as api:
        try:
            deployment.item = await api.library.upload_media().execute(SYSTEM, upload)
        except ValidationFailed as refused:
            deployment.refusal = refused


async def _one(data: bytes) -> AsyncIterator[bytes]:
    yield data


@given("the media library keeps its files in a bucket")
def in_a_bucket(deployment: Deployment) -> None:
    upgrade_database(deployment.database_url)

    async def create() -> None:
        client = get_session().create_client(
            "s3",
            endpoint_url=deployment.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )
        async with client as opened:
            await opened.create_bucket(Bucket=deployment.bucket)

    run(create())


@given(parsers.parse("files larger than {mib:d} MiB are refused"))
def limit(deployment: Deployment, mib: int) -> None:
    deployment.max_bytes = mib * MIB


@given("the bucket does not exist")
def no_bucket(deployment: Deployment) -> None:
    deployment.bucket = "no-such-bucket"


@when(parsers.parse('a person uploads the photo "{name}" on the API\'s machine'))
def upload_photo(deployment: Deployment, name: str) -> None:
    run(_upload(deployment, Upload(name, "image/jpeg", _one(JPEG))))


@when(parsers.parse("a person uploads a video of {mib:d} MiB"))
def upload_video(deployment: Deployment, mib: int) -> None:
    async def video() -> AsyncIterator[bytes]:
        yield MP4_HEAD
        for _ in range(mib):
            yield b"\x00" * MIB

    run(_upload(deployment, Upload("dance.mp4", "video/mp4", video())))


@then("the worker's machine opens it through its signed link")
def opens_elsewhere(deployment: Deployment) -> None:
    item = deployment.item
    assert item is not None and item.id is not None

    async def read() -> bytes:
        async with opened_container(deployment.machine("worker"), None) as worker:
            base = worker.infrastructure
            link = MediaLinks(base.uow(), base.clock(), base.media_link_policy()).link(item)
            query = parse_qs(urlsplit(link).query)
            opened = await worker.library.open_signed_file().execute(
                item.id or 0,
                item.media_format.suffix,
                int(query["expires"][0]),
                query["signature"][0],
            )
            return b"".join([c async for c in opened.chunks])

    assert run(read()) == JPEG


@when("the person deletes it on the worker's machine")
def delete_elsewhere(deployment: Deployment) -> None:
    assert deployment.item is not None and deployment.item.id is not None

    async def delete(item_id: int) -> None:
        async with opened_container(deployment.machine("worker"), None) as worker:
            await worker.library.delete_library_item().execute(SYSTEM, item_id)

    run(delete(deployment.item.id))


@then("the upload is refused as too large")
def refused(deployment: Deployment) -> None:
    assert deployment.refusal is not None and deployment.item is None
    assert "at most" in str(deployment.refusal.errors["file"][0])


@then("the bucket is empty")
def bucket_empty(deployment: Deployment) -> None:
    assert run(deployment.in_bucket()) == []
    assert not (deployment.root / "api" / "media").exists()


@when("the operator runs the check")
def operator_checks(deployment: Deployment) -> None:
    async def check() -> list[Check]:
        async with opened_container(deployment.machine("api"), None) as api:
            found: list[Check] = await api.operations().check_installation().execute()
            return found

    deployment.checks = run(check())


@then("it names the media storage as a problem, saying which settings to check")
def storage_problem(deployment: Deployment) -> None:
    (storage,) = [c for c in deployment.checks if c.name == "media storage"]
    assert not storage.ok
    assert "does not answer (HTTP 404)" in storage.detail
    assert "AUTOPOST_MEDIA_S3_BUCKET" in storage.detail
    assert SECRET_ACCESS_KEY not in storage.detail
