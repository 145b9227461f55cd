"""Where the library's files are kept: a bucket when ``AUTOPOST_MEDIA_S3_BUCKET`` is set, the
media directory otherwise."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from aiobotocore.config import AioConfig
from aiobotocore.session import get_session

from autopost.adapters.storage.disk_media_storage import DiskMediaStorage
from autopost.adapters.storage.s3_media_storage import S3MediaStorage
from autopost.application.ports.media_storage import MediaStorage
from autopost.entrypoints.settings import Settings

MAX_CONNECTIONS = 64


def s3_options(settings: Settings) -> dict[str, Any]:
    """How the S3 client is made: only what is set is passed, the rest left to botocore's
    own defaults (the AWS_* variables, ~/.aws, the machine's role)."""
    # A file being read holds its connection while a platform fetches it, however slowly:
    # botocore's 10 would keep the next reads waiting behind a few slow ones.
    config: dict[str, Any] = {"max_pool_connections": MAX_CONNECTIONS}
    options: dict[str, Any] = {}
    if settings.media_s3_region:
        options["region_name"] = settings.media_s3_region
    if settings.media_s3_access_key_id:
        options["aws_access_key_id"] = settings.media_s3_access_key_id
        options["aws_secret_access_key"] = settings.media_s3_secret_access_key
    if settings.media_s3_endpoint_url:
        options["endpoint_url"] = settings.media_s3_endpoint_url
        # The bucket in the path: S3-compatible services are seldom reached by a host name
        # for each bucket (bucket.minio:9000).
        config["s3"] = {"addressing_style": "path"}
        # Checksums only where S3 requires them: not every S3-compatible service takes the
        # newer ones botocore sends by default.
        config["request_checksum_calculation"] = "when_required"
        config["response_checksum_validation"] = "when_required"
    options["config"] = AioConfig(**config)
    return options


async def media_storage(settings: Settings) -> AsyncIterator[MediaStorage]:
    """The storage, its S3 client (if any) open until the resources are shut down."""
    if not settings.media_s3_bucket:
        yield DiskMediaStorage(settings.effective_media_dir)
        return
    client_context = get_session().create_client("s3", **s3_options(settings))
    async with client_context as client:
        yield S3MediaStorage(client, settings.media_s3_bucket, settings.media_s3_prefix)
