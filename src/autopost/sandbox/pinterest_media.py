"""Pinterest's media upload, for video pins: ``POST /v5/media`` registers a video and answers
where to upload it (``upload_url``) with which form fields (``upload_parameters``, the
policy and signature of an S3 form post); the file is posted there; ``GET
/v5/media/{media_id}`` tells its ``status``: ``registered`` until the file came,
``processing`` for a while (``video_processing_seconds``), then ``succeeded``, or ``failed``
for a file that is no video. A pin takes it by ``media_id`` only once it has succeeded.

The upload endpoint stands for Pinterest's bucket: like S3 it wants every parameter it was
given, the ``file`` last, and refuses a post without them (403) or a second one."""

from __future__ import annotations

import hmac
import itertools
import secrets
from datetime import datetime, timedelta

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from autopost.sandbox.pinterest_edge import ApiCall, Payload
from autopost.sandbox.pinterest_errors import PinterestError, invalid_request
from autopost.sandbox.pinterest_sandbox import PinterestSandbox
from autopost.sandbox.pinterest_state import MediaUpload

FIRST_MEDIA_ID = 5_212_123_920_968_240_001
UPLOAD_PATH = "/media-upload/"
_media_ids = itertools.count(FIRST_MEDIA_ID)


def status_of(upload: MediaUpload, now: datetime, processing_seconds: float) -> str:
    if upload.uploaded_at is None:
        return "registered"
    if not upload.is_video:
        return "failed"
    if now < upload.uploaded_at + timedelta(seconds=processing_seconds):
        return "processing"
    return "succeeded"


def _parameters(upload: MediaUpload) -> dict[str, str]:
    return {
        "Content-Type": "multipart/form-data",
        "key": upload.key,
        "policy": "eyJzYW5kYm94IjogdHJ1ZX0=",
        "x-amz-algorithm": "AWS4-HMAC-SHA256",
        "x-amz-credential": "SANDBOX/20261206/us-east-1/s3/aws4_request",
        "x-amz-date": upload.registered_at.strftime("%Y%m%dT%H%M%SZ"),
        "x-amz-signature": upload.signature,
    }


class PinterestMedia:
    def __init__(self, pinterest: PinterestSandbox) -> None:
        self.pinterest = pinterest

    def register(self, call: ApiCall) -> tuple[int, Payload]:
        body = call.call.json_object()
        media_type = body.get("media_type")
        if media_type is None:
            raise invalid_request("Invalid request: 'media_type' is a required property")
        if media_type != "video":
            raise invalid_request("Invalid request: 'media_type' must be one of video")
        media_id = str(next(_media_ids))
        upload = MediaUpload(
            id=media_id,
            owner=call.account.username,
            registered_at=call.now,
            key=f"uploads/sandbox/{media_id}:video",
            signature=secrets.token_hex(32),
        )
        self.pinterest.state.media_uploads[media_id] = upload
        return 201, {
            "media_id": media_id,
            "media_type": "video",
            "upload_url": f"{call.call.base_url}{UPLOAD_PATH}{media_id}",
            "upload_parameters": _parameters(upload),
        }

    def get(self, call: ApiCall) -> tuple[int, Payload]:
        upload = self.owned(call.account.username, call.path_params["media_id"])
        processing = self.pinterest.settings.video_processing_seconds
        return 200, {
            "media_id": upload.id,
            "media_type": "video",
            "status": status_of(upload, call.now, processing),
        }

    def owned(self, username: str, media_id: str) -> MediaUpload:
        upload = self.pinterest.state.media_uploads.get(media_id)
        if upload is None or upload.owner != username:
            raise PinterestError(404, 404, "Media upload not found.")
        return upload

    def ready_video(self, username: str, media_id: str, now: datetime) -> MediaUpload:
        """The upload a video pin names: the account's, and processed."""
        upload = self.pinterest.state.media_uploads.get(media_id)
        if upload is None or upload.owner != username:
            raise invalid_request(f"Invalid request: media {media_id} was not found")
        status = status_of(upload, now, self.pinterest.settings.video_processing_seconds)
        if status != "succeeded":
            raise invalid_request(
                f"Invalid request: media {media_id} is {status}; a pin takes a video once its "
                "upload has succeeded"
            )
        return upload

    async def receive_upload(self, request: Request) -> Response:
        """The bucket's form post: every upload parameter, then the file."""
        upload = self.pinterest.state.media_uploads.get(request.path_params["media_id"])
        form = await request.form()
        try:
            file = form.get("file")
            expected = _parameters(upload) if upload is not None else {}
            sent = {name: form.get(name) for name in expected if name != "Content-Type"}
            if (
                upload is None
                or upload.uploaded_at is not None
                or not isinstance(file, UploadFile)
                or any(not isinstance(v, str) for v in sent.values())
                or not hmac.compare_digest(str(sent.get("x-amz-signature")), upload.signature)
                or sent.get("key") != upload.key
            ):
                return Response(_ACCESS_DENIED, status_code=403, media_type="application/xml")
            data = await file.read()
        finally:
            await form.close()
        upload.size = len(data)
        upload.is_video = len(data) >= 12 and data[4:8] == b"ftyp"
        upload.uploaded_at = self.pinterest.clock.now()
        return Response(status_code=204)


_ACCESS_DENIED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
    "<Message>Invalid according to Policy: Policy Condition failed</Message></Error>"
)
