"""A post's first comment over the API: sent with the post, checked with Instagram's rules
for comments, answered with where its writing is."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

IG_TOKEN = "EAAG-first-comment-token"


def reel(**fields: Any) -> dict[str, Any]:
    return {
        "user_id": "17841400000000001",
        "token": IG_TOKEN,
        "url": "https://cdn.example.com/clip.mp4",
        "caption": "Hello",
        "content_type": "Reel",
        "date_pub": "2030-01-01T12:00:00+03:00",
        **fields,
    }


async def test_a_post_with_a_first_comment_answers_it_and_where_its_writing_is(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/api/v1/posts/", json=reel(first_comment="Link in bio"))
    assert response.status_code == 201, response.text
    post = response.json()
    assert post["first_comment"] == "Link in bio"
    assert (post["first_comment_id"], post["first_comment_error"]) == (None, None)
    read = (await client.get(f"/api/v1/posts/{post['id']}/")).json()
    assert read["first_comment"] == "Link in bio"


async def test_a_first_comment_can_be_changed_while_the_post_is_scheduled(
    client: httpx.AsyncClient,
) -> None:
    post = (await client.post("/api/v1/posts/", json=reel(first_comment="Link in bio"))).json()
    edited = await client.patch(
        f"/api/v1/posts/{post['id']}/", json={"first_comment": "Tell us the song"}
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["first_comment"] == "Tell us the song"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"first_comment": "#a #b #c #d #e"}, "at most 4 hashtags in a comment"),
        ({"first_comment": "x" * 301}, "at most 300 characters in a comment"),
        ({"first_comment": "Hi", "content_type": "Story"}, "A Story takes no comments"),
    ],
)
async def test_a_first_comment_breaking_instagrams_rules_is_a_400_naming_it(
    client: httpx.AsyncClient, fields: dict[str, Any], words: str
) -> None:
    response = await client.post("/api/v1/posts/", json=reel(**fields))
    assert response.status_code == 400, response.text
    (message,) = response.json()["first_comment"]
    assert words in message


async def test_a_post_without_a_first_comment_answers_null_for_it(
    client: httpx.AsyncClient,
) -> None:
    post = (await client.post("/api/v1/posts/", json=reel())).json()
    assert (post["first_comment"], post["first_comment_id"], post["first_comment_error"]) == (
        None,
        None,
        None,
    )
