"""One post to three accounts on two platforms, end to end: `autopost serve` on its embedded
default against `autopost sandbox`. One Instagram account is refused by Instagram while the
others publish; retried alone, it publishes; every account gets exactly one post."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import IG_TOKEN, Api, Sandbox, StartServer, soon
from tests.e2e.processes import free_port, wait_until
from tests.e2e.test_pinterest_publishing import connect, pinterest_settings

FIRST = "17841400000000001"
SECOND = "17841400000000002"


def connect_instagram(api: Api, account_id: str, token: str) -> int:
    body = {"platform": "instagram", "account_id": account_id, "access_token": token}
    answer = api.http.post("/api/v1/credentials/", json=body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def statuses(post: dict[str, Any]) -> list[str]:
    return [p["status"] for p in post["publications"]]


def test_a_post_to_three_accounts_is_published_once_on_each(
    start_server: StartServer, sandbox: Sandbox
) -> None:
    port = free_port()
    api, _ = start_server(port=port, **pinterest_settings(sandbox, port))
    pins = connect(api.http)["id"]
    first = connect_instagram(api, FIRST, IG_TOKEN)
    second = connect_instagram(api, SECOND, "sandbox-second-token")
    # Instagram refuses the second account's media once, for good (a wrong parameter).
    sandbox.fault(
        action="error",
        method="POST",
        path_suffix=f"{SECOND}/media",
        status=400,
        code=100,
        message="The media could not be fetched",
    )
    body = {
        "credentials": [first, second, pins],
        "url": "https://cdn.example.com/photo.jpg",
        "caption": "One post, three accounts",
        "link": "https://example.com/spring",
        "date_pub": soon(1).isoformat(),
        "overrides": {str(pins): {"title": "Spring", "topic": "python"}},
    }
    created = api.http.post("/api/v1/posts/", json=body)
    assert created.status_code == 201, created.text
    post = created.json()
    assert [p["credential"] for p in post["publications"]] == [first, second, pins]
    assert post["credential"] == first and post["caption"] == "One post, three accounts"

    done = wait_until(
        lambda: (
            (p := api.post(post["id"]))
            and "scheduled" not in statuses(p)
            and "processing" not in statuses(p)
            and p
        ),
        60,
        "every account's publication to settle",
    )
    assert statuses(done) == ["published", "failed", "published"]
    failed = done["publications"][1]
    assert "could not be fetched" in failed["error"]

    retried = api.http.post(f"/api/v1/posts/{post['id']}/publications/{failed['id']}/retry/")
    assert retried.status_code == 200, retried.text
    assert statuses(retried.json())[0] == "published", "the others are left as they are"
    wait_until(
        lambda: statuses(api.post(post["id"])) == ["published"] * 3, 60, "the retried account"
    )

    on_instagram = [e for e in sandbox.published() if e["caption"] == "One post, three accounts"]
    assert sorted(e["ig_user_id"] for e in on_instagram) == [FIRST, SECOND]
    pins_made = sandbox.http.get("/_sandbox/pinterest/pins_created").json()["data"]
    assert [p["title"] for p in pins_made] == ["Spring"]
    pin = api.post(post["id"])["publications"][2]
    assert pin["remote_id"] == pins_made[0]["pin_id"]
    # A pin has no caption: it takes it as its description.
    assert pin["content"]["description"] == "One post, three accounts"
