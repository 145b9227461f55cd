"""Seed 001 end to end: `autopost serve` syncs an account of `autopost sandbox`, lists its
media a page at a time, and manages comments through Instagram."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from tests.e2e.conftest import IG_TOKEN, IG_USER, Api, Sandbox, StartServer, autopost_env
from tests.e2e.processes import AUTOPOST


def connect_account(api: Api) -> int:
    created = api.http.post(
        "/api/v1/credentials/",
        json={"platform": "instagram", "account_id": IG_USER, "access_token": IG_TOKEN},
    )
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def all_posts(api: Api, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    url: str | None = "/api/posts/"
    query: dict[str, Any] | None = {"limit": 100, **params}
    while url:
        page = api.http.get(url, params=query).json()
        found.extend(page["results"])
        url, query = page["next"], None
    return found


def test_sync_lists_and_resyncs_only_what_changed(
    start_server: StartServer, sandbox: Sandbox, tmp_path: Path
) -> None:
    api, _ = start_server()
    credential = connect_account(api)
    seeded = sandbox.http.post(
        f"/_sandbox/instagram/accounts/{IG_USER}/media/seed", json={"count": 250}
    )
    assert seeded.status_code in (200, 201), seeded.text

    first = api.http.post("/api/sync/", json={}).json()
    assert (first["seen"], first["new_or_changed"], first["pages"]) == (250, 250, 3)
    posts = all_posts(api)
    assert len({p["media_id"] for p in posts}) == 250
    assert [p["timestamp"] for p in posts] == sorted((p["timestamp"] for p in posts), reverse=True)

    again = api.http.post("/api/sync/", json={"credential": credential}).json()
    assert (again["new_or_changed"], again["pages"]) == (0, 1)

    newest = posts[0]["media_id"]
    sandbox.http.patch(f"/_sandbox/instagram/media/{newest}", json={"caption": "Edited"})
    changed = api.http.post("/api/sync/", json={}).json()
    assert changed["new_or_changed"] == 1
    assert all_posts(api)[0]["caption"] == "Edited"

    sandbox.http.delete(f"/_sandbox/instagram/media/{posts[-1]['media_id']}")
    env = {**os.environ, **autopost_env(tmp_path, sandbox)}
    cli = subprocess.run(
        [*AUTOPOST, "instagram", "sync", "--credential", str(credential), "--full"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
    assert "249 media read" in cli.stdout and "1 marked deleted" in cli.stdout
    assert len(all_posts(api)) == 249
    assert IG_TOKEN not in cli.stdout + cli.stderr


def test_comments_go_through_instagram(start_server: StartServer, sandbox: Sandbox) -> None:
    api, _ = start_server()
    connect_account(api)
    sandbox.http.post(f"/_sandbox/instagram/accounts/{IG_USER}/media/seed", json={"count": 3})
    api.http.post("/api/sync/", json={})
    post = all_posts(api)[0]

    refused = api.http.post(f"/api/posts/{post['id']}/comment/", json={"text": "BUY NOW"})
    assert refused.status_code == 400 and "capital" in refused.json()["text"][0]

    written = api.http.post(
        f"/api/posts/{post['id']}/comment/", json={"text": "Great post!", "username": "someone"}
    )
    assert written.status_code == 201, written.text
    assert "ignored" in written.json()["note"]
    on_instagram = sandbox.http.get(
        "/_sandbox/instagram/comments", params={"media_id": post["media_id"]}
    ).json()
    assert "Great post!" in str(on_instagram)

    sandbox.http.post(
        f"/_sandbox/instagram/media/{post['media_id']}/comments",
        json={"text": "Nice one", "username": "a_follower"},
    )
    listed = api.http.get(f"/api/posts/{post['id']}/comments/", params={"refresh": 1}).json()
    assert {c["text"] for c in listed} >= {"Great post!", "Nice one"}
    follower = next(c for c in listed if c["text"] == "Nice one")

    reply = api.http.post(f"/api/comments/{follower['id']}/reply/", json={"text": "Thank you"})
    assert reply.status_code == 201 and reply.json()["parent_id"] == follower["comment_id"]
    hidden = api.http.post(f"/api/comments/{follower['id']}/hide/", json={"hide": True})
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    assert api.http.delete(f"/api/comments/{reply.json()['id']}/").status_code == 204
    after = api.http.get(f"/api/posts/{post['id']}/comments/", params={"refresh": 1}).json()
    assert "Thank you" not in {c["text"] for c in after}
