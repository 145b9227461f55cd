"""The media library's files in an S3 bucket (AWS, or an S3-compatible service such as
MinIO), for deployments whose processes run on several machines: a directory is one
machine's, a bucket is everyone's."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, AsyncIterable
from typing import TYPE_CHECKING

from botocore.exceptions import BotoCoreError, ClientError

from autopost.application.ports.media_storage import StoredTooLarge
from autopost.application.ports.media_storage_probe import StorageState

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client
    from types_aiobotocore_s3.type_defs import CompletedPartTypeDef

log = logging.getLogger(__name__)

CHUNK_BYTES = 256 * 1024
# S3 takes every part of a multipart upload but the last only from 5 MiB up; 8 MiB parts
# reach S3's 10,000 parts at 80 GB, far past any file the library takes.
MIN_PART_BYTES = 5 * 1024 * 1024
PART_BYTES = 8 * 1024 * 1024
_MISSING = {"NoSuchKey", "404"}
# How long `autopost check` waits for the bucket to answer.
PROBE_SECONDS = 10.0


class S3MediaStorage:
    """A file that fits in one part is sent in one PUT once whole; a larger one as a
    multipart upload, a part at a time, so no more than a part is held in memory. An object
    appears under its key only when the upload completes, and an upload that fails or passes
    its limit is aborted, which drops the parts already sent."""

    def __init__(
        self, client: S3Client, bucket: str, prefix: str = "", part_bytes: int = PART_BYTES
    ) -> None:
        if part_bytes < MIN_PART_BYTES:
            raise ValueError("S3 takes parts of 5 MiB or more")
        self._client = client
        self._bucket = bucket
        self._prefix = prefix
        self._part_bytes = part_bytes
        self._where = f"{bucket} at {client.meta.endpoint_url}"

    def _name(self, key: str) -> str:
        return self._prefix + key

    async def save(self, key: str, chunks: AsyncIterable[bytes], limit: int) -> int:
        name = self._name(key)
        pending = bytearray()
        size = 0
        upload: _Multipart | None = None
        try:
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise StoredTooLarge()
                pending += chunk
                while len(pending) >= self._part_bytes:
                    if upload is None:
                        upload = await _Multipart.start(self._client, self._bucket, name)
                    await upload.send(bytes(pending[: self._part_bytes]))
                    del pending[: self._part_bytes]
            if upload is None:
                await self._client.put_object(Bucket=self._bucket, Key=name, Body=bytes(pending))
            else:
                if pending:
                    await upload.send(bytes(pending))
                await upload.complete()
        except BaseException:
            if upload is not None:
                await upload.abort()
            raise
        return size

    async def read(self, key: str) -> AsyncGenerator[bytes]:
        try:
            found = await self._client.get_object(Bucket=self._bucket, Key=self._name(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _MISSING:
                raise FileNotFoundError(key) from None
            raise
        async with found["Body"] as body:
            async for chunk in body.iter_chunks(CHUNK_BYTES):
                yield chunk

    async def delete(self, key: str) -> None:
        # S3 answers a delete of a key it does not have as it answers any other.
        await self._client.delete_object(Bucket=self._bucket, Key=self._name(key))

    async def state(self) -> StorageState:
        try:
            async with asyncio.timeout(PROBE_SECONDS):
                await self._client.head_bucket(Bucket=self._bucket)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "?")
            return StorageState("s3", self._where, False, f"HTTP {code}")
        except (BotoCoreError, TimeoutError) as error:
            return StorageState("s3", self._where, False, type(error).__name__)
        return StorageState("s3", self._where, True)


class _Multipart:
    """One multipart upload under way: its parts, in order, and how to end it."""

    def __init__(self, client: S3Client, bucket: str, name: str, upload_id: str) -> None:
        self._client = client
        self._bucket = bucket
        self._name = name
        self._id = upload_id
        self._parts: list[CompletedPartTypeDef] = []

    @classmethod
    async def start(cls, client: S3Client, bucket: str, name: str) -> _Multipart:
        started = await client.create_multipart_upload(Bucket=bucket, Key=name)
        return cls(client, bucket, name, started["UploadId"])

    async def send(self, part: bytes) -> None:
        number = len(self._parts) + 1
        sent = await self._client.upload_part(
            Bucket=self._bucket, Key=self._name, UploadId=self._id, PartNumber=number, Body=part
        )
        self._parts.append({"PartNumber": number, "ETag": sent["ETag"]})

    async def complete(self) -> None:
        await self._client.complete_multipart_upload(
            Bucket=self._bucket,
            Key=self._name,
            UploadId=self._id,
            MultipartUpload={"Parts": self._parts},
        )

    async def abort(self) -> None:
        try:
            await self._client.abort_multipart_upload(
                Bucket=self._bucket, Key=self._name, UploadId=self._id
            )
        except (BotoCoreError, ClientError) as error:
            # The failure that brought us here is the one to raise. The parts left are no
            # object (nothing reads them), only space: a lifecycle rule on the bucket that
            # aborts incomplete multipart uploads takes them away.
            log.warning(
                "could not abort the unfinished upload of %s (%s): its parts stay in the "
                "bucket until a lifecycle rule removes them",
                self._name,
                type(error).__name__,
            )
