"""The compose page's "Repeat": a recurring post made from the form through the use case of
``POST /api/v1/posts/`` with ``repeat`` (its occurrences exist, in the person's time zone),
its refusals in words next to the fields, and the post page saying it belongs to a series."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import httpx
import pytest

from autopost.application.access import SYSTEM
from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.example.com/weekly.jpg"
# Occurrences are made up to four weeks ahead: the series start within them.
TODAY = datetime.now(UTC).date()
MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def at_nine(day: date, zone: tzinfo = UTC) -> datetime:
    return datetime.combine(day, time(9), tzinfo=zone)


async def account_ids(world: Container) -> tuple[int, int]:
    accounts = await world.integrations.list_credentials().execute(SYSTEM)
    by_platform = {a.platform: a.id for a in accounts}
    instagram, pinterest = by_platform[Platform.INSTAGRAM], by_platform[Platform.PINTEREST]
    assert instagram is not None and pinterest is not None
    return instagram, pinterest


async def compose(
    browser: httpx.AsyncClient, accounts: list[int], **fields: str | list[str]
) -> httpx.Response:
    values: dict[str, str | list[str]] = {
        "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        "accounts": [str(a) for a in accounts],
        "content_type": "Photo",
        "media": IMAGE,
        "caption": "Every Monday and Thursday #weekly",
        "date": MONDAY.isoformat(),
        "time": "09:00",
        "action": "submit",
        "repeat": "weekly",
        "interval": "1",
        "weekdays": ["mon", "thu"],
        "ends": "count",
        "count": "4",
        **fields,
    }
    return await browser.post("/posts/new/", data=values)


async def post_count(world: Container) -> int:
    return len(await world.posting.list_posts().execute(SYSTEM, 1000, 0))


def problems_of(page: str, field: str) -> str:
    found = re.search(rf'<ul class="field-problem" id="{field}-problems">(.*?)</ul>', page, re.S)
    assert found, f"no message next to {field}: {page[-3000:]}"
    return found.group(1)


async def test_the_repeat_fieldset_is_plain_form_fields(browser: httpx.AsyncClient) -> None:
    page = await browser.get("/posts/new/")
    assert "<legend>Repeat</legend>" in page.text
    for control in (
        'name="repeat" value="none" checked',
        'name="repeat" value="weekly"',
        'name="weekdays" value="mon"',
        'name="weekdays" value="sun"',
        'id="interval" name="interval"',
        'id="count" name="count"',
        'id="until" name="until"',
        'id="rrule" name="rrule"',
    ):
        assert control in page.text, control


async def test_a_weekly_series_on_monday_and_thursday_is_made_from_the_form(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, _ = await account_ids(world)
    answer = await compose(browser, [instagram])
    assert answer.status_code == 303, answer.text[-3000:]
    found = re.fullmatch(r"/posts/(\d+)/", answer.headers["location"])
    assert found
    first = await world.posting.get_post().execute(SYSTEM, int(found.group(1)))
    series_id = first.post.series_id
    assert series_id is not None, "the first occurrence is part of a series"
    series = await world.posting.get_series().execute(SYSTEM, series_id)
    times = [o.publication.publish_at for o in series.occurrences]
    assert times == [at_nine(MONDAY + timedelta(days=d)) for d in (0, 3, 7, 10)]
    assert {o.publication.status for o in series.occurrences} == {PublicationStatus.SCHEDULED}
    assert {o.publication.credential_id for o in series.occurrences} == {instagram}
    assert series.series.recurrence.weekdays == ("mon", "thu")
    detail = await browser.get(answer.headers["location"])
    assert "Part of a series" in detail.text
    assert f'href="/api/v1/series/{series_id}/"' in detail.text
    last = MONDAY + timedelta(days=10)
    assert f"{last.isoformat()} 09:00 UTC" in detail.text, "the times ahead are listed"


async def test_every_time_to_come_is_changed_then_the_series_stopped_from_the_post_page(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, _ = await account_ids(world)
    first_page = (await compose(browser, [instagram])).headers["location"]
    page = (await browser.get(first_page)).text
    assert "Change every time to come" in page and "Stop the series" in page
    token = browser.cookies["csrftoken"]
    changed = await browser.post(
        f"{first_page}series/",
        data={"csrfmiddlewaretoken": token, "platform": "instagram", "caption": "Now weekly #new"},
    )
    assert changed.status_code == 303, changed.text[-2000:]
    first = await world.posting.get_post().execute(SYSTEM, int(first_page.split("/")[2]))
    assert first.post.series_id is not None
    series = await world.posting.get_series().execute(SYSTEM, first.post.series_id)
    assert {getattr(o.post.content, "caption", None) for o in series.occurrences} == {
        "Now weekly #new"
    }
    stopped = await browser.post(f"{first_page}series/stop/", data={"csrfmiddlewaretoken": token})
    assert stopped.status_code == 303
    series = await world.posting.get_series().execute(SYSTEM, first.post.series_id)
    assert not series.series.is_active
    assert {o.publication.status for o in series.occurrences} <= {PublicationStatus.CANCELLED}
    page = (await browser.get(first_page)).text
    assert "Stop the series" not in page, "a stopped series has nothing to stop"


async def test_the_series_repeats_in_the_users_time_zone(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, _ = await account_ids(world)
    settings = await browser.get("/accounts/settings/")
    assert settings.status_code == 200
    saved = await browser.post(
        "/accounts/settings/",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"], "time_zone": "Europe/Berlin"},
    )
    assert saved.status_code in (200, 303), saved.text[-2000:]
    last = MONDAY + timedelta(days=4)
    answer = await compose(
        browser,
        [instagram],
        repeat="daily",
        weekdays=[],
        count="",
        ends="until",
        until=last.isoformat(),
    )
    assert answer.status_code == 303, answer.text[-3000:]
    first = await world.posting.get_post().execute(
        SYSTEM, int(answer.headers["location"].split("/")[2])
    )
    assert first.post.series_id is not None
    series = await world.posting.get_series().execute(SYSTEM, first.post.series_id)
    berlin = ZoneInfo("Europe/Berlin")
    times = [o.publication.publish_at for o in series.occurrences]
    # 09:00 in Berlin each day, the last day included.
    assert times == [at_nine(MONDAY + timedelta(days=d), berlin) for d in range(5)]
    assert series.series.recurrence.time_zone == "Europe/Berlin"


async def test_a_bad_rrule_is_refused_in_words_next_to_the_field(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, _ = await account_ids(world)
    before = await post_count(world)
    answer = await compose(
        browser, [instagram], repeat="rrule", rrule="FREQ=HOURLY;COUNT=3", count=""
    )
    assert answer.status_code == 400
    assert "FREQ is DAILY or rarer" in problems_of(answer.text, "rrule")
    assert 'value="FREQ=HOURLY;COUNT=3"' in answer.text, "what was written is there to fix"
    assert 'name="repeat" value="rrule" checked' in answer.text
    answer = await compose(browser, [instagram], repeat="rrule", rrule="FREQ=SOMETIMES", count="")
    assert answer.status_code == 400
    assert problems_of(answer.text, "rrule")
    assert await post_count(world) == before, "nothing stored"


async def test_several_accounts_a_draft_or_a_queue_with_a_repeat_are_refused_in_words(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    before = await post_count(world)
    answer = await compose(browser, [instagram, pinterest], topic="Python")
    assert answer.status_code == 400
    assert "goes to one account: choose only one" in problems_of(answer.text, "repeat")
    answer = await compose(browser, [instagram], action="draft")
    assert answer.status_code == 400
    assert "neither a draft nor put in the next free slot" in problems_of(answer.text, "repeat")
    answer = await compose(browser, [instagram], when="queue", date="", time="")
    assert answer.status_code == 400
    assert "neither a draft nor put in the next free slot" in problems_of(answer.text, "repeat")
    answer = await compose(browser, [instagram], date="", time="")
    assert answer.status_code == 400
    assert "Give the date and time of the first time" in problems_of(answer.text, "when")
    answer = await compose(browser, [instagram], count="")
    assert answer.status_code == 400
    assert "Say when it ends" in problems_of(answer.text, "ends")
    assert await post_count(world) == before, "nothing stored"


async def test_none_schedules_a_single_post_as_before(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    answer = await compose(browser, [instagram, pinterest], topic="Python", repeat="none")
    assert answer.status_code == 303
    view = await world.posting.get_post().execute(
        SYSTEM, int(answer.headers["location"].split("/")[2])
    )
    assert view.post.series_id is None and len(view.publications) == 2
    detail = await browser.get(answer.headers["location"])
    assert "Part of a series" not in detail.text
