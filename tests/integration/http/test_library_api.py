"""``/api/v1/library/`` over the real container: files uploaded as multipart forms land on
the disk under the data directory, are listed and deleted; what is not media, or is larger
than allowed, is refused before anything is kept."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from admin_world import admin_client, admin_container

from autopost.adapters.http.app import create_app
from autopost.adapters.http.edge import HttpEdge
from autopost.application.access import SYSTEM
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 1000
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00" + b"\x00" * 3000


def kept_files(var_dir: Path) -> list[Path]:
    return [p for p in (var_dir / "media").rglob("*") if p.is_file()]


async def test_an_uploaded_video_is_kept_listed_and_deleted(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    answer = await client.post(
        "/api/v1/library/", files={"file": ("holiday.mp4", MP4, "video/mp4")}
    )
    assert answer.status_code == 201, answer.text
    item = answer.json()
    assert item["kind"] == "video"
    assert item["media_type"] == "video/mp4"
    assert item["size"] == len(MP4)
    assert item["filename"] == "holiday.mp4"
    assert item["reference"] == f"library:{item['id']}"
    (kept,) = kept_files(tmp_path)
    assert kept.read_bytes() == MP4

    listed = (await client.get("/api/v1/library/")).json()
    assert listed["count"] == 1
    assert [i["id"] for i in listed["results"]] == [item["id"]]
    assert (await client.get(f"/api/v1/library/{item['id']}/")).json() == item

    assert (await client.delete(f"/api/v1/library/{item['id']}/")).status_code == 204
    assert kept_files(tmp_path) == []
    assert (await client.get(f"/api/v1/library/{item['id']}/")).status_code == 404


async def test_a_script_sent_as_an_image_is_refused_and_not_kept(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    answer = await client.post(
        "/api/v1/library/", files={"file": ("cat.jpg", b"<?php system($_GET['c']);", "image/jpeg")}
    )
    assert answer.status_code == 400
    assert "file" in answer.json()
    assert kept_files(tmp_path) == []


async def test_an_image_declared_as_a_video_is_refused(client: httpx.AsyncClient) -> None:
    answer = await client.post("/api/v1/library/", files={"file": ("a.mp4", JPEG, "video/mp4")})
    assert answer.status_code == 400
    assert "image/jpeg" in answer.json()["file"][0]


async def test_a_json_body_is_told_to_send_a_form(client: httpx.AsyncClient) -> None:
    answer = await client.post("/api/v1/library/", json={"file": "aGVsbG8="})
    assert answer.status_code == 400
    assert "multipart/form-data" in answer.json()["file"][0]


async def test_a_file_over_the_server_limit_is_refused_and_not_kept(tmp_path: Path) -> None:
    async with (
        admin_container(tmp_path, media_max_bytes=2000) as container,
        admin_client(container) as client,
    ):
        answer = await client.post(
            "/api/v1/library/", files={"file": ("big.mp4", MP4, "video/mp4")}
        )
    assert answer.status_code == 400
    assert "at most 2000 bytes" in answer.json()["file"][0]
    assert kept_files(tmp_path) == []


async def test_a_body_past_the_upload_limit_is_refused_unread(container: Container) -> None:
    app = create_app(container, edge=HttpEdge(max_body_bytes=10_000, max_upload_bytes=2000))
    async with admin_client(container) as signed_in:
        token = signed_in.headers["Authorization"]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://autopost.test") as client:
        answer = await client.post(
            "/api/v1/library/",
            files={"file": ("big.mp4", MP4, "video/mp4")},
            headers={"Authorization": token},
        )
    assert answer.status_code == 413


async def test_a_signed_link_opens_the_file_without_a_session_and_a_changed_one_nothing(
    container: Container, client: httpx.AsyncClient
) -> None:
    uploaded = (
        await client.post("/api/v1/library/", files={"file": ("cat.jpg", JPEG, "image/jpeg")})
    ).json()
    item = await container.library.get_library_item().execute(SYSTEM, uploaded["id"])
    link = urlsplit(container.publishing.links().link(item))
    transport = httpx.ASGITransport(app=create_app(container))
    async with httpx.AsyncClient(transport=transport, base_url="http://autopost.test") as nobody:
        opened = await nobody.get(f"{link.path}?{link.query}")
        assert opened.status_code == 200
        assert opened.content == JPEG
        assert opened.headers["content-type"] == "image/jpeg"
        assert opened.headers["content-length"] == str(len(JPEG))
        head = await nobody.head(f"{link.path}?{link.query}")
        assert (head.status_code, head.content) == (200, b"")
        changed = link.query.replace("signature=", "signature=x")
        assert (await nobody.get(f"{link.path}?{changed}")).status_code == 404
        other = link.path.replace(f"/{item.id}.jpg", f"/{item.id}.png")
        assert (await nobody.get(f"{other}?{link.query}")).status_code == 404
        assert (await nobody.get(link.path)).status_code == 404


async def test_an_upload_may_be_larger_than_other_bodies(container: Container) -> None:
    app = create_app(container, edge=HttpEdge(max_body_bytes=1000, max_upload_bytes=10_000))
    async with admin_client(container) as signed_in:
        token = signed_in.headers["Authorization"]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://autopost.test") as client:
        answer = await client.post(
            "/api/v1/library/",
            files={"file": ("clip.mp4", MP4, "video/mp4")},
            headers={"Authorization": token},
        )
        assert answer.status_code == 201, answer.text
        # Elsewhere the body limit holds.
        big = await client.post(
            "/api/v1/posts/",
            content=b"{" + b" " * 2000 + b"}",
            headers={"Authorization": token, "Content-Type": "application/json"},
        )
        assert big.status_code == 413


async def test_a_browser_session_uploads_with_the_csrf_header_and_not_with_a_form_token(
    browser: httpx.AsyncClient,
) -> None:
    token = browser.cookies["csrftoken"]
    # The token as a form field would mean reading the whole file into memory to find it.
    in_form = await browser.post(
        "/api/v1/library/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("cat.jpg", JPEG, "image/jpeg")},
    )
    assert in_form.status_code == 403
    in_header = await browser.post(
        "/api/v1/library/",
        files={"file": ("cat.jpg", JPEG, "image/jpeg")},
        headers={"X-CSRFToken": token},
    )
    assert in_header.status_code == 201, in_header.text
