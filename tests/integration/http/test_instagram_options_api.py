"""Instagram's publishing options over the HTTP API: sent, stored and answered back; one
Instagram would refuse is a 400 naming its field, and nothing is stored."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

DUE = "2030-01-01T12:00:00+03:00"
CLIP = "https://cdn.example.com/r.mp4"
COVER = "https://cdn.example.com/cover.jpg"


def post(**fields: Any) -> dict[str, Any]:
    return {
        "user_id": "17841400000000001",
        "token": "EAAG-instagram-token",
        "url": "https://cdn.example.com/a.jpg",
        "content_type": "Photo",
        "date_pub": DUE,
        **fields,
    }


async def test_a_reels_options_are_stored_and_answered(client: httpx.AsyncClient) -> None:
    options = {
        "cover_url": COVER,
        "thumb_offset": 2500,
        "share_to_feed": False,
        "audio_name": "Morning theme",
        "trial_params": {"graduation_strategy": "MANUAL"},
        "collaborators": ["ana", "bob"],
        "location_id": "110843418940484",
    }
    response = await client.post(
        "/api/v1/posts/", json=post(content_type="Reel", url=CLIP, **options)
    )
    assert response.status_code == 201, response.text

    answered = (await client.get(f"/api/v1/posts/{response.json()['id']}/")).json()
    assert {name: answered[name] for name in options} == options


async def test_a_carousels_images_carry_their_alt_text(client: httpx.AsyncClient) -> None:
    children = [
        {"url": "https://cdn.example.com/1.jpg", "alt_text": "A cat on a sofa"},
        {"url": CLIP},
    ]
    response = await client.post(
        "/api/v1/posts/",
        json=post(content_type="Carousel", url=None, children=children, collaborators=["ana"]),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["collaborators"] == ["ana"]
    assert body["children"] == [
        {
            "url": "https://cdn.example.com/1.jpg",
            "media_type": "image",
            "alt_text": "A cat on a sofa",
        },
        {"url": CLIP, "media_type": "video"},
    ]


async def test_a_photos_alt_text_is_answered(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/posts/", json=post(alt_text="A cat on a sofa"))
    assert response.status_code == 201, response.text
    assert response.json()["alt_text"] == "A cat on a sofa"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"collaborators": ["a", "b", "c", "d"]}, "collaborators"),
        ({"collaborators": ["@ana"]}, "collaborators"),
        ({"alt_text": "a" * 1001}, "alt_text"),
        ({"cover_url": COVER}, "cover_url"),
        ({"share_to_feed": False}, "share_to_feed"),
        (
            {"content_type": "Reel", "url": CLIP, "trial_params": {"graduation_strategy": "NO"}},
            "trial_params",
        ),
        ({"content_type": "Reel", "url": CLIP, "thumb_offset": 900_001}, "thumb_offset"),
        ({"content_type": "Story", "collaborators": ["ana"]}, "collaborators"),
        ({"content_type": "Story", "location_id": "123"}, "location_id"),
        (
            {
                "content_type": "Carousel",
                "url": None,
                "children": [{"url": CLIP, "alt_text": "x"}, {"url": CLIP}],
            },
            "children",
        ),
    ],
)
async def test_an_option_instagram_would_refuse_is_a_400_naming_it(
    client: httpx.AsyncClient, fields: dict[str, Any], field: str
) -> None:
    response = await client.post("/api/v1/posts/", json=post(**fields))
    assert response.status_code == 400, response.text
    assert field in response.json()
    assert (await client.get("/api/v1/posts/")).json() == [], "nothing was stored"
