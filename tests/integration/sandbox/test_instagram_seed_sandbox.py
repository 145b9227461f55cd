from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sandbox_kit import AUTH, START, USER, error_of

from autopost.sandbox import InstagramSettings, SandboxSettings
from autopost.sandbox.settings import DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

SEED = f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/media/seed"
NOW = START
CHILDREN = "children{id,media_type,media_url,thumbnail_url}"


@pytest.fixture
def sandbox_settings() -> SandboxSettings:
    return SandboxSettings(InstagramSettings(video_processing_seconds=0))


async def seed(sandbox: httpx.AsyncClient, **plan: Any) -> dict[str, Any]:
    response = await sandbox.post(SEED, json=plan)
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def page(sandbox: httpx.AsyncClient, url: str) -> dict[str, Any]:
    response = await sandbox.get(url, headers=AUTH)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def graph_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


# --- seeding and listing --------------------------------------------------------------------


async def test_a_hundred_thousand_seeded_media_page_newest_first_at_any_depth(
    sandbox: httpx.AsyncClient,
) -> None:
    seeded = await seed(sandbox, count=100_000, newest=NOW.isoformat(), spacing_seconds=60)
    assert seeded["media_count"] == 100_000
    newest, oldest = int(seeded["last_id"]), int(seeded["first_id"])

    fields = f"id,caption,timestamp,{CHILDREN}"
    pages = [await page(sandbox, f"{USER}/media?fields={fields}&limit=100")]
    while "next" in pages[-1]["paging"]:
        pages.append(await page(sandbox, pages[-1]["paging"]["next"]))

    assert len(pages) == 1_000
    ids = [int(m["id"]) for p in pages for m in p["data"]]
    assert ids == list(range(newest, oldest - 1, -1))  # contiguous, no duplicates, newest first
    first, deep = pages[0]["data"], pages[700]["data"]
    assert first[0]["caption"] == "Seeded media 100000"
    assert first[0]["timestamp"] == graph_time(NOW)
    assert first[1]["timestamp"] == graph_time(NOW - timedelta(minutes=1))
    assert deep[0]["caption"] == "Seeded media 30000"
    assert deep[0]["timestamp"] == graph_time(NOW - timedelta(minutes=70_000))
    back = await page(sandbox, pages[700]["paging"]["previous"])
    assert back["data"] == pages[699]["data"]


async def test_walking_every_page_yields_each_seeded_media_once(
    sandbox: httpx.AsyncClient,
) -> None:
    seeded = await seed(sandbox, count=1_050, carousel_every=7)

    seen: list[int] = []
    url: str | None = f"{USER}/media?fields=id&limit=250"
    while url is not None:
        answer = await page(sandbox, url)
        assert len(answer["data"]) <= 100  # limit is clamped to Graph's maximum
        seen.extend(int(m["id"]) for m in answer["data"])
        url = answer["paging"].get("next")

    first, last = int(seeded["first_id"]), int(seeded["last_id"])
    assert seen == list(range(last, first - 1, -1))
    assert len(set(seen)) == 1_050


async def test_seeded_media_have_types_counts_and_carousel_children(
    sandbox: httpx.AsyncClient,
) -> None:
    await seed(sandbox, count=6, carousel_every=3, comments_per_media=2, replies_per_comment=1)
    fields = f"caption,media_type,media_product_type,like_count,comments_count,{CHILDREN}"

    listed = (await page(sandbox, f"{USER}/media?fields={fields}"))["data"]

    by_caption = {m["caption"]: m for m in listed}
    kinds = [(by_caption[f"Seeded media {n}"]["media_type"]) for n in range(1, 7)]
    assert kinds == ["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "VIDEO", "IMAGE", "CAROUSEL_ALBUM"]
    assert by_caption["Seeded media 2"]["media_product_type"] == "REELS"
    assert all(m["comments_count"] == 4 for m in listed)
    assert all(isinstance(m["like_count"], int) for m in listed)
    album = by_caption["Seeded media 3"]
    children = album["children"]["data"]
    assert [c["media_type"] for c in children] == ["IMAGE", "VIDEO"]
    assert all(c["media_url"].startswith("https://") for c in children)
    assert "thumbnail_url" not in children[0]
    assert children[1]["thumbnail_url"].startswith("https://")
    assert "children" not in by_caption["Seeded media 1"]
    profile = await page(sandbox, f"{USER}?fields=media_count")
    assert profile["media_count"] == 6


async def test_seeded_comments_are_threads_the_count_agrees_with(
    sandbox: httpx.AsyncClient,
) -> None:
    await seed(sandbox, count=2, comments_per_media=3, replies_per_comment=2)
    media = (await page(sandbox, f"{USER}/media?fields=id,comments_count"))["data"][0]

    fields = "id,text,username,parent_id,replies{id,parent_id}"
    comments = (await page(sandbox, f"/v24.0/{media['id']}/comments?fields={fields}"))["data"]

    assert len(comments) == 3
    replies = [r for c in comments for r in c["replies"]["data"]]
    assert len(replies) == 6
    assert all(r["parent_id"] in {c["id"] for c in comments} for r in replies)
    assert media["comments_count"] == len(comments) + len(replies)
    assert all(c["username"].startswith("seeded_fan_") for c in comments)


async def test_seeding_adds_to_what_is_already_published(sandbox: httpx.AsyncClient) -> None:
    container = await sandbox.post(
        f"{USER}/media", data={"image_url": "https://cdn.example.com/a.jpg"}, headers=AUTH
    )
    await sandbox.post(
        f"{USER}/media_publish", data={"creation_id": container.json()["id"]}, headers=AUTH
    )

    await seed(sandbox, count=3, newest=(NOW - timedelta(days=1)).isoformat())

    listed = (await page(sandbox, f"{USER}/media?fields=caption"))["data"]
    assert [m.get("caption") for m in listed] == [
        None,
        "Seeded media 3",
        "Seeded media 2",
        "Seeded media 1",
    ]


async def test_since_and_until_bound_the_listing(sandbox: httpx.AsyncClient) -> None:
    await seed(sandbox, count=10, newest=NOW.isoformat(), spacing_seconds=3600)
    since = int((NOW - timedelta(hours=3)).timestamp())
    until = int((NOW - timedelta(hours=1)).timestamp())

    listed = await page(sandbox, f"{USER}/media?fields=caption&since={since}&until={until}")

    captions = [m["caption"] for m in listed["data"]]
    assert captions == ["Seeded media 9", "Seeded media 8", "Seeded media 7"]
    assert "next" not in listed["paging"]


@pytest.mark.parametrize(
    "plan",
    [
        {},
        {"count": 0},
        {"count": 5, "spacing_seconds": -1},
        {"count": 5, "newest": "yesterday"},
        {"count": 5, "carousel_every": "often"},
        {"count": 5, "colour": "red"},
        {"count": 1_000_000, "comments_per_media": 3},
    ],
)
async def test_a_seed_plan_that_makes_no_sense_is_refused(
    sandbox: httpx.AsyncClient, plan: dict[str, Any]
) -> None:
    response = await sandbox.post(SEED, json=plan)

    assert response.status_code == 400
    assert response.json()["error"]


async def test_seeding_an_unknown_account_is_refused(sandbox: httpx.AsyncClient) -> None:
    response = await sandbox.post("/_sandbox/instagram/accounts/42/media/seed", json={"count": 1})

    assert response.status_code == 404


# --- editing and deleting -------------------------------------------------------------------


async def test_a_patched_media_shows_its_new_caption_and_counts(
    sandbox: httpx.AsyncClient,
) -> None:
    seeded = await seed(sandbox, count=3)
    media_id = seeded["last_id"]

    patched = await sandbox.patch(
        f"/_sandbox/instagram/media/{media_id}",
        json={"caption": "Edited in the app", "like_count": 1234, "comments_count": 56},
    )

    assert patched.status_code == 200, patched.text
    read = await page(sandbox, f"/v24.0/{media_id}?fields=caption,like_count,comments_count")
    assert read == {
        "id": media_id,
        "caption": "Edited in the app",
        "like_count": 1234,
        "comments_count": 56,
    }


@pytest.mark.parametrize(
    "change", [{"like_count": -1}, {"comments_count": "many"}, {"caption": 5}, {"title": "x"}]
)
async def test_a_media_patch_that_makes_no_sense_is_refused(
    sandbox: httpx.AsyncClient, change: dict[str, Any]
) -> None:
    seeded = await seed(sandbox, count=1)

    response = await sandbox.patch(f"/_sandbox/instagram/media/{seeded['last_id']}", json=change)

    assert response.status_code == 400


async def test_a_deleted_media_is_gone_from_listings_and_lookups(
    sandbox: httpx.AsyncClient,
) -> None:
    seeded = await seed(sandbox, count=5, carousel_every=5, comments_per_media=1)
    album = seeded["last_id"]
    before = await page(sandbox, f"{USER}/media?fields=id,{CHILDREN}&limit=2")
    child = before["data"][0]["children"]["data"][0]["id"]
    comment = (await page(sandbox, f"/v24.0/{album}/comments"))["data"][0]["id"]

    deleted = await sandbox.delete(f"/_sandbox/instagram/media/{album}")

    assert deleted.status_code == 204
    after = await page(sandbox, f"{USER}/media?fields=id")
    assert [m["id"] for m in after["data"]] == [str(int(album) - n) for n in range(1, 5)]
    for gone in (album, child, comment):
        error = error_of(await sandbox.get(f"/v24.0/{gone}?fields=id", headers=AUTH))
        assert error["code"] == 100
        assert f"Object with ID '{gone}' does not exist" in error["message"]
    assert (await page(sandbox, f"{USER}?fields=media_count"))["media_count"] == 4
    again = await sandbox.delete(f"/_sandbox/instagram/media/{album}")
    assert again.status_code == 404


async def test_a_cursor_survives_the_deletion_of_its_media(sandbox: httpx.AsyncClient) -> None:
    seeded = await seed(sandbox, count=6)
    first = await page(sandbox, f"{USER}/media?fields=id&limit=2")
    boundary = first["data"][-1]["id"]

    await sandbox.delete(f"/_sandbox/instagram/media/{boundary}")

    second = await page(sandbox, first["paging"]["next"])
    newest = int(seeded["last_id"])
    assert [int(m["id"]) for m in second["data"]] == [newest - 2, newest - 3]


async def test_a_carousel_item_cannot_be_deleted_alone(sandbox: httpx.AsyncClient) -> None:
    await seed(sandbox, count=1, carousel_every=1)
    listed = await page(sandbox, f"{USER}/media?fields={CHILDREN}")
    child = listed["data"][0]["children"]["data"][0]["id"]

    response = await sandbox.delete(f"/_sandbox/instagram/media/{child}")

    assert response.status_code == 409
