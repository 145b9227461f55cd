"""Instagram's publishing options on the compose page, driven as a browser without scripts
would: collaborators, alt text, a reel's cover and audio name written in the form are stored,
shown again to edit, and refused next to their field when Instagram would refuse them."""

from __future__ import annotations

import re

import httpx
import pytest

from autopost.application.access import SYSTEM
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.platform import Platform
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.example.com/spring.jpg"
CLIP = "https://cdn.example.com/clip.mp4"
COVER = "https://cdn.example.com/cover.jpg"


async def instagram_account(world: Container) -> int:
    accounts = await world.integrations.list_credentials().execute(SYSTEM)
    (found,) = [a.id for a in accounts if a.platform is Platform.INSTAGRAM]
    assert found is not None
    return found


def form(browser: httpx.AsyncClient, **fields: str | list[str]) -> dict[str, str | list[str]]:
    values: dict[str, str | list[str]] = {
        "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        "content_type": "Photo",
        "media": IMAGE,
        "caption": "Spring is here",
        "date": "2030-03-02",
        "time": "10:30",
        "action": "submit",
    }
    return values | fields


def created_id(response: httpx.Response) -> int:
    assert response.status_code == 303, response.text[-2000:]
    found = re.fullmatch(r"/posts/(\d+)/(\?.*)?", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


async def content_of(world: Container, post_id: int) -> InstagramContent:
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    assert isinstance(view.post.content, InstagramContent)
    return view.post.content


async def test_a_reel_is_composed_with_collaborators_its_cover_and_audio_name(
    browser: httpx.AsyncClient, world: Container
) -> None:
    account = await instagram_account(world)
    page = await browser.get("/posts/new/")
    for field in ("collaborators", "alt_text", "cover_url", "audio_name"):
        assert f'<label for="{field}">' in page.text and f'id="{field}"' in page.text

    answer = await browser.post(
        "/posts/new/",
        data=form(
            browser,
            accounts=[str(account)],
            content_type="Reel",
            media=CLIP,
            collaborators="ana.sings\nbob_draws",
            cover_url=COVER,
            audio_name="Morning theme",
        ),
    )

    content = await content_of(world, created_id(answer))
    assert content.collaborators == ["ana.sings", "bob_draws"]
    assert (content.cover_url, content.audio_name) == (COVER, "Morning theme")


async def test_an_edit_shows_the_options_and_keeps_them_when_untouched(
    browser: httpx.AsyncClient, world: Container
) -> None:
    account = await instagram_account(world)
    written = {"collaborators": "ana.sings", "alt_text": "Ana at the piano"}
    post_id = created_id(
        await browser.post("/posts/new/", data=form(browser, accounts=[str(account)], **written))
    )
    page = await browser.get(f"/posts/{post_id}/edit/")
    assert ">ana.sings</textarea>" in page.text and 'value="Ana at the piano"' in page.text

    answer = await browser.post(
        f"/posts/{post_id}/edit/", data=form(browser, caption="Summer now", **written)
    )

    assert created_id(answer) == post_id
    content = await content_of(world, post_id)
    assert (content.caption, content.alt_text) == ("Summer now", "Ana at the piano")
    assert content.collaborators == ["ana.sings"]


async def test_a_collaborator_instagram_would_refuse_is_shown_by_its_field(
    browser: httpx.AsyncClient, world: Container
) -> None:
    account = await instagram_account(world)
    answer = await browser.post(
        "/posts/new/",
        data=form(browser, accounts=[str(account)], collaborators="@ana\nb\nc\nd"),
    )
    assert answer.status_code == 400
    problems = re.search(
        r'<ul class="field-problem" id="collaborators-problems">(.*?)</ul>', answer.text, re.S
    )
    assert problems, "the message is next to the collaborators"
    assert "at most 3 collaborators" in problems.group(1)
    assert "without the @" in problems.group(1)
    assert 'aria-describedby="collaborators-hint collaborators-problems"' in answer.text
