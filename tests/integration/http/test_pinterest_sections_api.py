"""Board sections and multi-image pins through the API, over `autopost sandbox`: the boards
answer lists each board's sections, a pin is put into one by id or by topic, each answer names
its board and section, and what Pinterest would refuse is a 400 before anything is stored."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.example.com/quiz.png"


async def pinterest_account(client: httpx.AsyncClient) -> int:
    listed = (await client.get("/api/v1/credentials/")).json()
    accounts = listed["credentials"] if isinstance(listed, dict) else listed
    return next(int(a["id"]) for a in accounts if a["platform"] == "pinterest")


async def boards(client: httpx.AsyncClient, credential: int) -> dict[str, dict[str, Any]]:
    answer = await client.get(f"/api/v1/credentials/{credential}/boards/?refresh=1")
    assert answer.status_code == 200, answer.text
    return {board["name"]: board for board in answer.json()}


async def pin(client: httpx.AsyncClient, credential: int, **fields: Any) -> httpx.Response:
    body = {"platform": "pinterest", "credential": credential, "url": IMAGE, **fields}
    return await client.post("/api/v1/posts/", json={"date_pub": "2030-01-01T10:00:00Z", **body})


async def test_a_pin_into_a_section_is_answered_with_its_board_and_section_by_name(
    seeded_client: httpx.AsyncClient,
) -> None:
    credential = await pinterest_account(seeded_client)
    code = (await boards(seeded_client, credential))["code"]
    sections = {s["name"]: s["section_id"] for s in code["sections"]}
    assert set(sections) == {"Basics", "Quizzes"}

    created = await pin(seeded_client, credential, board_section_id=sections["Quizzes"])

    assert created.status_code == 201, created.text
    post = created.json()
    place = {name: post[name] for name in ("board_id", "board_name", "board_section_id")}
    assert place == {
        "board_id": code["board_id"],
        "board_name": "code",
        "board_section_id": sections["Quizzes"],
    }
    assert post["board_section_name"] == "Quizzes"
    (publication,) = post["publications"]
    assert publication["board_section_name"] == "Quizzes"

    moved = await seeded_client.patch(
        f"/api/v1/posts/{post['id']}/", json={"board_section_id": sections["Basics"]}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["board_section_name"] == "Basics"


async def test_a_topic_naming_a_section_puts_a_multi_image_pin_into_it(
    seeded_client: httpx.AsyncClient,
) -> None:
    credential = await pinterest_account(seeded_client)
    await boards(seeded_client, credential)
    images = [{"url": IMAGE, "title": "One"}, {"url": IMAGE, "link": "https://quiz.example/2"}]

    created = await pin(
        seeded_client, credential, url=None, content_type="Carousel", images=images, topic="basics"
    )

    assert created.status_code == 201, created.text
    post = created.json()
    assert (post["board_name"], post["board_section_name"]) == ("code", "Basics")
    assert post["images"] == images and post["content_type"] == "Carousel"


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"url": None, "content_type": "Carousel", "images": [{"url": IMAGE}]}, "images"),
        ({"url": None, "content_type": "Carousel", "images": [{"url": IMAGE}] * 6}, "images"),
        ({"images": [{"url": IMAGE}, {"url": IMAGE}]}, "images"),
        ({"alt_text": "x" * 501}, "alt_text"),
        ({"board_section_id": "12ab"}, "board_section_id"),
        ({"board_section_id": "424242"}, "board_section_id"),
    ],
)
async def test_what_pinterest_would_refuse_is_a_400_naming_the_field(
    seeded_client: httpx.AsyncClient, fields: dict[str, Any], named: str
) -> None:
    credential = await pinterest_account(seeded_client)
    await boards(seeded_client, credential)
    before = len((await seeded_client.get("/api/v1/posts/")).json())

    refused = await pin(seeded_client, credential, **fields)

    assert refused.status_code == 400, refused.text
    assert named in refused.json()
    assert len((await seeded_client.get("/api/v1/posts/")).json()) == before
