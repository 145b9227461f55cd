"""A ``multipart/form-data`` body written as its file is read: httpx builds one only from a
file it can read at once, and a video may be gigabytes."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterable, AsyncIterator, Mapping

from attrs import frozen


@frozen
class StreamedForm:
    content_type: str
    length: int
    body: AsyncIterator[bytes]


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "")


def streamed_form(
    fields: Mapping[str, str],
    file_field: str,
    filename: str,
    file_type: str,
    chunks: AsyncIterable[bytes],
    size: int,
) -> StreamedForm:
    """The fields first, the file last (an S3 form post wants it so)."""
    boundary = secrets.token_hex(16)
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{_quoted(name)}"\r\n\r\n'
        f"{value}\r\n".encode()
        for name, value in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{_quoted(file_field)}"; '
        f'filename="{_quoted(filename)}"\r\nContent-Type: {file_type}\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()

    async def body() -> AsyncIterator[bytes]:
        yield head
        async for chunk in chunks:
            yield chunk
        yield tail

    return StreamedForm(
        f"multipart/form-data; boundary={boundary}", len(head) + size + len(tail), body()
    )
