"""Instagram's resumable upload (``rupload.facebook.com``): a container made with
``upload_type=resumable`` answers an ``uri``; the video's bytes are posted there with
``Authorization: OAuth <token>``, ``offset`` and ``file_size`` headers. The container is
IN_PROGRESS until they came, then processed like any video (ERROR for bytes that are no
video). The sandbox answers the upload at its own address, as it does Graph's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.graph_errors import GraphError
from autopost.sandbox.instagram_access import live_grant
from autopost.sandbox.runtime import Sandbox

UPLOAD_PATH = "/ig-api-upload/{version}/{container_id}"


def rupload_uri(origin: str, container_id: str) -> str:
    return f"{origin}/ig-api-upload/v24.0/{container_id}"


def _refused(status: int, message: str) -> Response:
    body: dict[str, Any] = {"debug_info": {"retriable": False, "type": "ProcessingFailedError",
                                           "message": message}}  # fmt: skip
    return JSONResponse(body, status_code=status)


def rupload_routes(sandbox: Sandbox) -> list[Route]:
    async def upload(request: Request) -> Response:
        state, now = sandbox.instagram.state, sandbox.clock.now()
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme != "OAuth" or not token.strip():
            return _refused(401, "Request has invalid authorization header")
        try:
            grant = live_grant(state, token.strip(), now)
        except GraphError:
            return _refused(401, "Invalid OAuth access token")
        container = state.containers.get(request.path_params["container_id"])
        if container is None or container.owner != grant.ig_user_id:
            return _refused(400, "Invalid container id")
        if not container.awaiting_upload:
            return _refused(400, "The media of this container was uploaded already")
        offset, size = request.headers.get("offset"), request.headers.get("file_size", "")
        data = await request.body()
        if offset != "0" or not size.isdigit() or int(size) != len(data) or not data:
            return _refused(400, "The offset header must be 0 and file_size the body's length")
        processing = timedelta(seconds=sandbox.instagram.settings.video_processing_seconds)
        container.awaiting_upload = False
        container.ready_at = now + processing
        container.fails_processing = data[4:8] != b"ftyp"
        container.video_url = f"rupload:{container.id}"
        return JSONResponse({"success": True, "message": "Upload successful."})

    return [Route(UPLOAD_PATH, upload, methods=["POST"])]
