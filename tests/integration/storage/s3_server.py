"""What the bucket storage's tests share: an S3 server on loopback (moto's, speaking the S3
protocol over HTTP), its key, and what a bucket holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from moto.server import ThreadedMotoServer

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client

ACCESS_KEY_ID = "test-access-key"
SECRET_ACCESS_KEY = "test-secret-access-key"
REGION = "us-east-1"


@contextmanager
def s3_server() -> Iterator[str]:
    """The server's address, on 127.0.0.1 and a port nothing else had."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


async def kept_in(client: S3Client, bucket: str) -> list[str]:
    """Every object in the bucket, and every multipart upload still open (its parts take
    space though no object shows them)."""
    objects = await client.list_objects_v2(Bucket=bucket)
    uploads = await client.list_multipart_uploads(Bucket=bucket)
    return [o["Key"] for o in objects.get("Contents", [])] + [
        f"upload of {u['Key']}" for u in uploads.get("Uploads", [])
    ]
