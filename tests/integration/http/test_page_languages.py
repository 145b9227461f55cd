"""The pages speak the language the browser asks for, Russian or English (the API's rule:
``Accept-Language`` when Autopost has it, else ``AUTOPOST_LANGUAGE``): the calendar with its
month and weekday names, the compose page, the post page, and a form's problems; the
``datetime`` attributes stay machine-readable in both."""

from __future__ import annotations

import httpx
import pytest

from autopost.application.access import SYSTEM
from autopost.domain.platform import Platform
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

PAGE = "text/html,application/xhtml+xml,*/*;q=0.8"
RUSSIAN = {"Accept": PAGE, "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}
ENGLISH = {"Accept": PAGE, "Accept-Language": "en-US,en;q=0.9"}


async def scheduled_post(browser: httpx.AsyncClient, world: Container) -> int:
    """A photo for the Instagram account, on Monday 2 March 2030 at 10:30 (UTC)."""
    accounts = await world.integrations.list_credentials().execute(SYSTEM)
    instagram = next(a.id for a in accounts if a.platform is Platform.INSTAGRAM)
    written = await browser.post(
        "/posts/new/",
        data={
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "accounts": str(instagram),
            "content_type": "Photo",
            "media": "https://cdn.example.com/spring.jpg",
            "caption": "Spring is here",
            "date": "2030-03-04",
            "time": "10:30",
            "action": "submit",
        },
    )
    assert written.status_code == 303, written.text[-2000:]
    return int(written.headers["location"].split("/")[2])


async def pages(browser: httpx.AsyncClient, post_id: int, language: dict[str, str]) -> list[str]:
    """The calendar (March 2030), the compose page, the post page and the compose page's
    refusal of a post for no account, in ``language``."""
    refused = await browser.post(
        "/posts/new/",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"], "action": "submit"},
        headers=language,
    )
    assert refused.status_code == 400
    shown = [
        await browser.get("/?view=month&date=2030-03-01", headers=language),
        await browser.get("/posts/new/", headers=language),
        await browser.get(f"/posts/{post_id}/", headers=language),
    ]
    assert [page.status_code for page in shown] == [200, 200, 200]
    return [page.text for page in shown] + [refused.text]


async def test_a_russian_browser_gets_the_pages_in_russian(
    browser: httpx.AsyncClient, world: Container
) -> None:
    post_id = await scheduled_post(browser, world)

    calendar, compose, post, refused = await pages(browser, post_id, RUSSIAN)

    for page in (calendar, compose, post, refused):
        assert '<html lang="ru">' in page
        assert ">Календарь</a>" in page and ">Новая публикация</a>" in page, "the menu"
    assert "Март 2030" in calendar and '<th scope="col">Понедельник</th>' in calendar
    assert "Запланирована" in calendar and "Предыдущий месяц" in calendar
    assert 'datetime="2030-03-04T10:30:00+00:00"' in calendar, "machine time stays"
    assert "Подпись" in compose and "Запланировать" in compose
    assert "0 / 2200 символов" in compose
    assert f"Публикация {post_id}" in post and "В каждом аккаунте" in post
    assert "Отменить публикацию" in post
    timeline = post[post.index('id="timeline-heading"') :]
    assert "Что происходило" in timeline and "Запланирована в этом аккаунте" in timeline
    assert "What happened" not in timeline and "Planned" not in timeline
    assert "Выберите хотя бы один аккаунт." in refused
    for page in (calendar, compose, post):
        assert "Calendar" not in page and "Caption" not in page and "Status" not in page


async def test_an_english_browser_gets_the_pages_in_english(
    browser: httpx.AsyncClient, world: Container
) -> None:
    post_id = await scheduled_post(browser, world)

    calendar, compose, post, refused = await pages(browser, post_id, ENGLISH)

    for page in (calendar, compose, post, refused):
        assert '<html lang="en">' in page
        assert ">Calendar</a>" in page and ">New post</a>" in page
    assert "March 2030" in calendar and '<th scope="col">Monday</th>' in calendar
    assert "Scheduled" in calendar and "Previous month" in calendar
    assert 'datetime="2030-03-04T10:30:00+00:00"' in calendar
    assert "Caption" in compose and "Schedule" in compose
    assert f"Post {post_id}" in post and "Cancel the post" in post
    assert "Choose at least one account." in refused
    for page in (calendar, compose, post):
        assert "Календарь" not in page and "Подпись" not in page
