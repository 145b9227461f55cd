"""The media library end to end: files uploaded to `autopost serve`, published by its worker
to `autopost sandbox`. An Instagram photo is sent as a signed link on AUTOPOST_PUBLIC_URL that
the server itself opens without a session; a Pinterest video pin's file is uploaded to the
sandbox's bucket, processed, and pinned by its media id."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.e2e.conftest import Sandbox, StartServer, soon
from tests.e2e.processes import free_port
from tests.e2e.test_pinterest_publishing import connect, pinterest_settings

PUBLIC = "https://autopost.example"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 64
VIDEO = b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 512


def test_library_files_reach_instagram_by_signed_link_and_pinterest_by_upload(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    port = free_port()
    api, process = start_server(
        port=port, AUTOPOST_PUBLIC_URL=PUBLIC, **pinterest_settings(sandbox, port)
    )
    photo = api.http.post("/api/v1/library/", files={"file": ("cat.jpg", JPEG, "image/jpeg")})
    assert photo.status_code == 201, photo.text
    clip = api.http.post("/api/v1/library/", files={"file": ("dance.mp4", VIDEO, "video/mp4")})
    assert clip.status_code == 201, clip.text

    post = api.schedule(soon(1), url=photo.json()["reference"], caption="from disk")
    api.wait_for_status(post["id"], "published")
    (sent,) = [
        r["params"]["image_url"]
        for r in sandbox.requests()
        if r["path"].endswith("/media") and "image_url" in r["params"]
    ]
    link = urlsplit(sent)
    assert f"{link.scheme}://{link.netloc}" == PUBLIC
    # Fetched back from the server as Instagram would, at its own address: no token.
    fetched = api.http.get(f"{link.path}?{link.query}", headers={"Authorization": ""})
    assert fetched.status_code == 200
    assert fetched.content == JPEG

    credential = connect(api.http)
    boards = api.http.get(f"/api/v1/credentials/{credential['id']}/boards/").json()
    pin = api.schedule(
        soon(1),
        platform="pinterest",
        credential=credential["id"],
        user_id=None,
        token=None,
        content_type="Video",
        url=clip.json()["reference"],
        title="A dance",
        link="https://example.com/dance",
        board_id=boards[0]["board_id"],
    )
    done = api.wait_for_status(pin["id"], "published", timeout=90)
    created = sandbox.http.get("/_sandbox/pinterest/pins_created").json()["data"]
    (made,) = [p for p in created if p["link"] == "https://example.com/dance"]
    assert made["media_id"] and done["remote_id"] == made["pin_id"]
    assert "e2e-secret-key-not-for-production" not in process.log()
