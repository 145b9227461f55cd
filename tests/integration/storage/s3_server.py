"""What the bucket storage's tests share: the S3 server's key, and what a bucket holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client

ACCESS_KEY_ID = "test-access-key"
SECRET_ACCESS_KEY = "test-secret-access-key"
REGION = "us-east-1"


async def kept_in(client: S3Client, bucket: str) -> list[str]:
    """Every object in the bucket, and every multipart upload still open (its parts take
    space though no object shows them)."""
    objects = await client.list_objects_v2(Bucket=bucket)
    uploads = await client.list_multipart_uploads(Bucket=bucket)
    return [o["Key"] for o in objects.get("Contents", [])] + [
        f"upload of {u['Key']}" for u in uploads.get("Uploads", [])
    ]
