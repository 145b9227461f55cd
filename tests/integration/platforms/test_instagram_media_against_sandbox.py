"""The Instagram media gateway against `autopost sandbox` (in process): media published through
the sandbox's Graph endpoints or seeded through its control API, read back page by page, and
comments read, written, hidden and deleted by the same client a sync uses."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from platform_kit import NOW, SANDBOX_BASE, FakeClock

from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.platforms.instagram_media_api import HttpxInstagramMediaGateway
from autopost.application.ports.instagram_gateway import (
    ContainerItem,
    ContainerRequest,
    InstagramAccount,
)
from autopost.application.ports.instagram_media_gateway import RemoteComment, RemoteMedia
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
)

pytestmark = pytest.mark.integration

BASE = SANDBOX_BASE
GRAPH = f"{BASE}/v24.0"
DEMO = InstagramAccount("17841400000000001", "sandbox-instagram-token")


@pytest.fixture
def gateway(sandbox: httpx.AsyncClient, clock: FakeClock) -> HttpxInstagramMediaGateway:
    return HttpxInstagramMediaGateway(sandbox, GRAPH, clock)


async def publish(
    sandbox: httpx.AsyncClient, clock: FakeClock, request: ContainerRequest
) -> tuple[str, datetime]:
    """Publish through the sandbox's Graph endpoints, a minute after the last one."""
    clock.current += timedelta(minutes=1)
    publishing = HttpxInstagramGateway(sandbox, GRAPH, clock)
    container = await publishing.create_container(DEMO, request)
    return await publishing.publish_container(DEMO, container), clock.current


def photo(caption: str) -> ContainerRequest:
    return ContainerRequest(None, image_url="https://cdn.example.com/a.jpg", caption=caption)


async def seed(sandbox: httpx.AsyncClient, **plan: Any) -> dict[str, Any]:
    seeded = await sandbox.post(
        f"/_sandbox/instagram/accounts/{DEMO.ig_user_id}/media/seed", json=plan
    )
    assert seeded.status_code == 201, seeded.text
    answer: dict[str, Any] = seeded.json()
    return answer


async def thread(sandbox: httpx.AsyncClient, media_id: str) -> list[dict[str, Any]]:
    """The sandbox's own record of a media's comments, whatever the API says."""
    listed = await sandbox.get("/_sandbox/instagram/comments", params={"media_id": media_id})
    assert listed.status_code == 200, listed.text
    comments: list[dict[str, Any]] = listed.json()["data"]
    return comments


def as_record(comment: RemoteComment) -> tuple[str, str | None, str, str | None, bool]:
    return (comment.comment_id, comment.parent_id, comment.text, comment.username, comment.hidden)


async def read_every_page(gateway: HttpxInstagramMediaGateway, limit: int) -> list[RemoteMedia]:
    items: list[RemoteMedia] = []
    after: str | None = None
    for _ in range(20):
        page = await gateway.media_page(DEMO, after, limit)
        items += page.items
        after = page.after
        if after is None:
            return items
    raise AssertionError("the pages never ended")


async def test_paging_with_cursors_reads_every_published_media_newest_first(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    published = [await publish(sandbox, clock, photo(f"Post {n}")) for n in range(5)]

    items = await read_every_page(gateway, limit=2)

    assert [m.media_id for m in items] == [media_id for media_id, _ in reversed(published)]
    assert [m.caption for m in items] == [f"Post {n}" for n in reversed(range(5))]
    # Graph's timestamps have whole seconds; each is the publishing time, in UTC.
    assert [m.timestamp for m in items] == [at for _, at in reversed(published)]
    assert all(m.timestamp.utcoffset() == timedelta(0) for m in items)
    assert all(m.media_type == "IMAGE" and m.permalink for m in items)


async def test_a_carousel_comes_with_its_children(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    album = ContainerRequest(
        media_type="CAROUSEL",
        caption="Album",
        children=(
            ContainerItem("https://cdn.example.com/1.jpg", is_video=False),
            ContainerItem("https://cdn.example.com/2.jpg", is_video=False),
        ),
    )
    media_id, _ = await publish(sandbox, clock, album)

    page = await gateway.media_page(DEMO, None, 25)

    carousel = next(m for m in page.items if m.media_id == media_id)
    assert carousel.media_type == "CAROUSEL_ALBUM"
    assert len(carousel.children) == 2
    assert all(child["id"] and child["media_type"] == "IMAGE" for child in carousel.children)
    assert set(carousel.children[0]) <= {"id", "media_type", "media_url", "thumbnail_url"}


async def test_a_revoked_token_is_rejected_credentials(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient
) -> None:
    revoked = await sandbox.post(f"/_sandbox/instagram/accounts/{DEMO.ig_user_id}/revoke")
    assert revoked.status_code == 200

    with pytest.raises(CredentialRejected, match="reconnect"):
        await gateway.media_page(DEMO, None, 25)


# --- seeded media ----------------------------------------------------------------------------


async def test_paging_reads_every_seeded_media_with_its_fields(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient
) -> None:
    count = 7
    plan = await seed(sandbox, count=count, spacing_seconds=90, carousel_every=3)

    items = await read_every_page(gateway, limit=3)

    first = int(plan["first_id"])
    assert [m.media_id for m in items] == [str(first + i) for i in reversed(range(count))]
    for item, number in zip(items, reversed(range(1, count + 1)), strict=True):
        assert item.caption == f"Seeded media {number}"
        assert item.timestamp == NOW - timedelta(seconds=90) * (count - number)
        assert item.like_count == number * 37 % 1000
    kinds = {m.caption: (m.media_type, m.media_product_type, len(m.children)) for m in items}
    assert kinds["Seeded media 3"] == ("CAROUSEL_ALBUM", "FEED", 2)
    assert kinds["Seeded media 4"] == ("VIDEO", "REELS", 0)
    assert kinds["Seeded media 5"] == ("IMAGE", "FEED", 0)
    album = next(m for m in items if m.caption == "Seeded media 6")
    assert [child["media_type"] for child in album.children] == ["IMAGE", "VIDEO"]
    assert "thumbnail_url" in album.children[1]
    assert "thumbnail_url" not in album.children[0]


# --- comments --------------------------------------------------------------------------------


async def test_comments_bring_every_reply_even_beyond_the_first_embedded_page(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient
) -> None:
    plan = await seed(sandbox, count=1, comments_per_media=3, replies_per_comment=30)
    media_id = plan["first_id"]

    found = await gateway.comments(DEMO, media_id)

    assert len(found) == 3 * 31
    expected = {
        (c["id"], c["parent_id"], c["text"], c["username"], c["hidden"])
        for c in await thread(sandbox, media_id)
    }
    assert {as_record(c) for c in found} == expected
    # Each comment comes first, then its replies.
    tops = [i for i, c in enumerate(found) if c.parent_id is None]
    for top in tops:
        replies = found[top + 1 : top + 31]
        assert {r.parent_id for r in replies} == {found[top].comment_id}
    assert all(c.timestamp.utcoffset() == timedelta(0) for c in found)


async def test_comments_follow_the_cursor_past_a_hundred(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient
) -> None:
    plan = await seed(sandbox, count=1, comments_per_media=230)

    found = await gateway.comments(DEMO, plan["first_id"])

    assert len(found) == 230
    assert len({c.comment_id for c in found}) == 230


async def test_a_comment_and_a_reply_written_then_hidden_then_deleted(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient
) -> None:
    media_id = (await seed(sandbox, count=1))["first_id"]

    comment_id = await gateway.add_comment(DEMO, media_id, "Thanks for coming!")
    reply_id = await gateway.reply(DEMO, comment_id, "See you next week")
    assert [as_record(c) for c in await gateway.comments(DEMO, media_id)] == [
        (comment_id, None, "Thanks for coming!", "autopost_demo", False),
        (reply_id, comment_id, "See you next week", "autopost_demo", False),
    ]

    await gateway.hide_comment(DEMO, comment_id, True)
    assert [c.hidden for c in await gateway.comments(DEMO, media_id)] == [True, False]
    await gateway.hide_comment(DEMO, comment_id, False)
    assert [c.hidden for c in await gateway.comments(DEMO, media_id)] == [False, False]

    await gateway.delete_comment(DEMO, reply_id)
    assert [c.comment_id for c in await gateway.comments(DEMO, media_id)] == [comment_id]
    await gateway.delete_comment(DEMO, comment_id)
    assert await gateway.comments(DEMO, media_id) == []
    assert await thread(sandbox, media_id) == []


async def test_a_refused_comment_is_permanent_and_names_the_comment(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient
) -> None:
    media_id = (await seed(sandbox, count=1))["first_id"]

    with pytest.raises(PermanentPlatformError, match="refused the comment"):
        await gateway.add_comment(DEMO, media_id, "x" * 2201)


async def test_permalinks_of_media_just_published_come_from_one_read_of_the_newest(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    older = [await publish(sandbox, clock, photo(f"Older {n}")) for n in range(3)]
    recent = [await publish(sandbox, clock, photo(f"Recent {n}")) for n in range(3)]
    publishing = HttpxInstagramGateway(sandbox, GRAPH, clock)
    wanted = [media_id for media_id, _ in recent]

    found = await publishing.permalinks(DEMO, wanted)

    assert sorted(found) == sorted(wanted)
    for media_id in wanted:
        assert found[media_id] == await publishing.permalink(DEMO, media_id)
    # An older media is on the page too, but only what was asked for is given.
    assert older[-1][0] not in found
