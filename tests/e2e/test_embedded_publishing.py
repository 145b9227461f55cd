"""`autopost serve` on its embedded default (SQLite, in-process broker and worker) against
`autopost sandbox`: scheduled over HTTP, published exactly once, at its second."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.e2e.conftest import IG_TOKEN, Sandbox, StartServer, soon
from tests.e2e.processes import wait_until


def published_at(event: dict[str, object]) -> datetime:
    return datetime.fromisoformat(str(event["published_at"]))


def test_a_scheduled_photo_is_published_once_at_its_second(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    # With the sweep an hour apart, only the broker's own delay can publish it on time.
    api, _ = start_server(AUTOPOST_SWEEP_INTERVAL_SECONDS="3600")
    due = soon(3)
    post = api.schedule(due, caption="Hello from e2e #autopost")
    assert post["status"] == "scheduled" and "token" not in post

    api.wait_for_status(post["id"], "published")
    # Recorded published the moment Instagram has it; its address is asked just after.
    done = wait_until(lambda: (p := api.post(post["id"]))["permalink"] and p, 10, "its permalink")

    (event,) = [e for e in sandbox.published() if e["caption"] == "Hello from e2e #autopost"]
    assert done["remote_id"] == event["media_id"]
    assert done["permalink"].startswith("https://www.instagram.com/p/")
    lateness = published_at(event) - due
    # Never early; how late under load is measured by benchmarks/, not asserted here.
    assert timedelta(0) <= lateness < timedelta(seconds=10), lateness


def test_a_reel_is_polled_until_instagram_has_processed_it(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    sandbox.settings(video_processing_seconds=1.5)
    api, _ = start_server()
    post = api.schedule(
        soon(1), content_type="Reel", url="https://cdn.example.com/clip.mp4", caption="A reel"
    )
    api.wait_for_status(post["id"], "published")
    polls = [
        r for r in sandbox.requests() if r["method"] == "GET" and "status_code" in str(r["params"])
    ]
    assert len(polls) >= 2, "the container was checked until it had finished"
    assert len(sandbox.published()) == 1


def test_a_published_reel_gets_its_first_comment_once(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    sandbox.settings(video_processing_seconds=1.0)
    api, _ = start_server()
    post = api.schedule(
        soon(2),
        content_type="Reel",
        url="https://cdn.example.com/clip.mp4",
        caption="A reel with a comment",
        first_comment="Which song is it? Tell us below",
    )
    done = wait_until(
        lambda: (p := api.post(post["id"]))["first_comment_id"] and p, 30, "its first comment"
    )
    assert done["status"] == "published" and done["first_comment_error"] is None
    comments = sandbox.http.get(
        f"/v24.0/{done['remote_id']}/comments",
        params={"access_token": IG_TOKEN, "fields": "id,text"},
    ).json()["data"]
    assert comments == [{"id": done["first_comment_id"], "text": "Which song is it? Tell us below"}]


def test_a_rescheduled_post_fires_at_its_new_time_only(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    api, _ = start_server()
    post = api.schedule(soon(2), caption="moved")
    new_due = soon(5)
    moved = api.http.patch(f"/api/v1/posts/{post['id']}/", json={"date_pub": new_due.isoformat()})
    assert moved.status_code == 200, moved.text
    api.wait_for_status(post["id"], "published")
    (event,) = sandbox.published()
    assert published_at(event) >= new_due


def test_a_refused_post_fails_with_instagrams_reason_and_can_be_retried(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    api, _ = start_server()
    post = api.schedule(soon(0.5), url="https://cdn.example.com/fail-download.jpg")
    failed = api.wait_for_status(post["id"], "failed")
    assert "could not be fetched" in failed["error"]
    fixed = api.http.patch(
        f"/api/v1/posts/{post['id']}/", json={"url": "https://cdn.example.com/fine.jpg"}
    )
    assert fixed.status_code == 200 and fixed.json()["status"] == "scheduled", fixed.text
    api.wait_for_status(post["id"], "published")
    assert len(sandbox.published()) == 1
