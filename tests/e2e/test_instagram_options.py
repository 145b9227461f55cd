"""`autopost serve` against `autopost sandbox`: posts asking for Instagram's publishing options,
scheduled over HTTP, are published with them (the sandbox refuses an option on a container
Instagram does not take it on, so a misplaced one would fail the post)."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import IG_TOKEN, Sandbox, StartServer, soon

CLIP = "https://cdn.example.com/clip.mp4"
COVER = "https://cdn.example.com/cover.jpg"


def media(sandbox: Sandbox, media_id: str, fields: str) -> dict[str, Any]:
    params = {"access_token": IG_TOKEN, "fields": fields}
    return dict(sandbox.http.get(f"/v24.0/{media_id}", params=params).json())


def test_a_reel_with_its_cover_and_a_carousel_with_collaborators_are_published(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    sandbox.settings(video_processing_seconds=1.0)
    api, _ = start_server()
    reel = api.schedule(
        soon(2),
        content_type="Reel",
        url=CLIP,
        caption="A reel with its own cover",
        cover_url=COVER,
        thumb_offset=1500,
        share_to_feed=False,
        audio_name="Morning theme",
    )
    carousel = api.schedule(
        soon(2),
        content_type="Carousel",
        url=None,
        caption="An album made together",
        children=[
            {"url": "https://cdn.example.com/1.jpg", "alt_text": "Ana at the piano"},
            {"url": CLIP},
        ],
        collaborators=["ana.sings", "bob_draws"],
    )

    reel_done = api.wait_for_status(reel["id"], "published")
    carousel_done = api.wait_for_status(carousel["id"], "published")

    events = {e["media_id"]: e for e in sandbox.published()}
    reel_media = media(sandbox, reel_done["remote_id"], "thumbnail_url,is_shared_to_feed")
    assert (reel_media["thumbnail_url"], reel_media["is_shared_to_feed"]) == (COVER, False)
    assert events[reel_done["remote_id"]]["audio_name"] == "Morning theme"
    album = events[carousel_done["remote_id"]]
    assert album["collaborators"] == ["ana.sings", "bob_draws"]
    children = media(sandbox, carousel_done["remote_id"], "children{alt_text}")["children"]["data"]
    assert [c.get("alt_text") for c in children] == ["Ana at the piano", None]
