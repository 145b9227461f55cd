"""The calendar (``/``) through the app, as a browser drives it: every publication of the
month in the HTML the server sends, in the person's time zone, filtered; moving one through
its form (the same change as the API's), a refusal shown in words; the strip's failed post
retried; and who sees which controls."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from attrs import define
from page_browser import open_browser, sign_in
from sandboxed_world import PASSWORD, add_user, sandboxed_container, seed_world, sqlite_copy
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.application.access import SYSTEM
from autopost.application.posting.posts import SchedulePost
from autopost.domain.access import Role
from autopost.domain.credential import CredentialStatus
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.publication import PublicationStatus
from autopost.entrypoints.container import Container, close_resources

pytestmark = pytest.mark.integration

JANUARY = "/?view=month&date=2030-01-01"
PAGE = "text/html,application/xhtml+xml"
# The seeded post: Tuesday 1 January 2030, 09:00 UTC, to the Instagram account.
SEEDED_DUE = datetime(2030, 1, 1, 9, tzinfo=UTC)


@define
class Desk:
    container: Container
    app: Starlette


@pytest.fixture
async def desk(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette
) -> AsyncIterator[Desk]:
    container = await sandboxed_container(
        tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app
    )
    await seed_world(container, sandbox_app)
    yield Desk(container, create_app(container))
    await close_resources(container)


@pytest.fixture
async def browser(desk: Desk) -> AsyncIterator[httpx.AsyncClient]:
    async with open_browser(desk.app) as client:
        client.headers["Accept"] = PAGE
        await sign_in(client)
        yield client


async def accounts(desk: Desk) -> dict[str, int]:
    async with desk.container.infrastructure.uow() as uow:
        return {c.platform.value: c.id for c in await uow.credentials.list() if c.id}


async def publications(desk: Desk) -> list[tuple[int, int, datetime | None, str]]:
    """(post, publication, due, status) of every publication, by id."""
    async with desk.container.infrastructure.uow() as uow:
        found = await uow.publications.rows_between(
            datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
        )
    rows = [
        (
            r.post_id,
            r.publication_id,
            r.publish_at,
            r.status.value,
        )
        for r in found
    ]
    return sorted(rows, key=lambda row: row[1])


async def set_status(
    desk: Desk, publication_id: int, status: PublicationStatus, **fields: object
) -> None:
    async with desk.container.infrastructure.uow() as uow:
        publication = await uow.publications.get(publication_id)
        assert publication is not None
        publication.status = status
        for name, value in fields.items():
            setattr(publication, name, value)
        await uow.commit()


async def schedule_to_both(desk: Desk, caption: str, due: datetime) -> int:
    ids = await accounts(desk)
    view = await desk.container.posting.schedule_post().execute(
        SYSTEM,
        SchedulePost(
            content=InstagramContent(content_type=ContentType.PHOTO),
            date_pub=due,
            credential_ids=(ids["instagram"], ids["pinterest"]),
            shared={"url": "https://cdn.example.com/b.jpg", "caption": caption, "title": caption},
            board_id="sandbox-board-1",
        ),
    )
    assert view.post.id is not None
    return view.post.id


def entries(page: str) -> list[str]:
    """The calendar's entries (not the strip's)."""
    grid = page.split('<table class="cal-grid', 1)[1]
    return re.findall(r'<li class="cal-entry [^"]*"[^>]*>.*?</li>', grid, flags=re.S)


async def test_a_signed_in_person_lands_on_the_calendar_with_every_publication(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    both = await schedule_to_both(
        desk,
        "Winter sale starts today with twenty percent off",
        datetime(2030, 1, 15, 18, 30, tzinfo=UTC),
    )
    page = await browser.get(JANUARY)
    assert page.status_code == 200, page.text
    assert '<h2 id="calendar-title">January 2030</h2>' in page.text
    listed = entries(page.text)
    assert len(listed) == 3, "the seeded post, and one entry per account of the other"
    seeded = listed[0]
    assert '<time datetime="2030-01-01T09:00:00+00:00">09:00</time>' in seeded
    assert "Instagram · Scheduled" in seeded and "status-scheduled platform-instagram" in seeded
    to_both = [entry for entry in listed if f'href="/posts/{both}/"' in entry]
    assert len(to_both) == 2
    assert any("Pinterest · Scheduled" in entry for entry in to_both)
    assert all("Winter sale starts today with twenty percent off" in e for e in to_both)
    # The home page without a date is this month; the week view of the 15th holds the post.
    assert (await browser.get("/", headers={"Accept": "text/html"})).status_code == 200
    week = await browser.get("/?view=week&date=2030-01-16")
    assert len(entries(week.text)) == 2 and "Week of 14 January 2030" in week.text
    assert 'href="/?view=week&amp;date=2030-01-07"' in week.text, "the previous week"


async def test_times_are_shown_in_the_persons_time_zone_set_in_settings(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    settings = await browser.get("/accounts/settings/")
    assert 'name="time_zone" value="UTC"' in settings.text
    assert '<script src="/static/time_zone.js" defer></script>' in settings.text
    refused = await browser.post(
        "/accounts/settings/",
        data={"time_zone": "Mars/Olympus", "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
    )
    assert refused.status_code == 400 and "is not a time zone" in refused.text
    saved = await browser.post(
        "/accounts/settings/",
        data={
            "time_zone": "America/New_York",
            "active_system": "sandbox",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )
    assert saved.status_code == 200 and 'value="America/New_York"' in saved.text
    page = await browser.get(JANUARY)
    (seeded,) = entries(page.text)
    assert ">04:00</time>" in seeded, "09:00 UTC is 04:00 in New York in January"
    assert "Times are in America/New_York" in page.text


async def test_the_filters_keep_the_accounts_and_platforms_asked_for(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    await schedule_to_both(desk, "Both", datetime(2030, 1, 15, 18, 30, tzinfo=UTC))
    ids = await accounts(desk)
    pins = await browser.get(JANUARY + "&platform=pinterest")
    assert [("Pinterest" in e) for e in entries(pins.text)] == [True]
    assert 'value="pinterest" checked' in pins.text
    instagram = await browser.get(JANUARY + f"&account={ids['instagram']}")
    assert len(entries(instagram.text)) == 2
    assert all("Instagram" in e for e in entries(instagram.text))
    # Moving from a filtered view comes back to it.
    assert f"account={ids['instagram']}" in re.search(
        r'name="back" value="([^"]*)"', instagram.text
    ).group(1)


async def test_moving_by_the_form_reschedules_that_publication_only(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    both = await schedule_to_both(desk, "Both", datetime(2030, 1, 15, 18, 30, tzinfo=UTC))
    rows = [row for row in await publications(desk) if row[0] == both]
    moved, kept = rows[0][1], rows[1][1]
    answer = await browser.post(
        "/calendar/move/",
        data={
            "post_id": str(both),
            "publication_id": str(moved),
            "date": "2030-01-17",
            "time": "07:45",
            "back": JANUARY,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/?view=month&date=2030-01-01&done=moved"
    after = {row[1]: row[2] for row in await publications(desk)}
    assert after[moved] == datetime(2030, 1, 17, 7, 45, tzinfo=UTC)
    assert after[kept] == datetime(2030, 1, 15, 18, 30, tzinfo=UTC)
    again = await browser.get(answer.headers["location"])
    assert "The post was moved." in again.text
    # The API reads the same time.
    api = await browser.get(f"/api/v1/posts/{both}/", headers={"Accept": "application/json"})
    times = {p["id"]: p["date_pub"] for p in api.json()["publications"]}
    assert times[moved].startswith("2030-01-17T07:45")


async def test_a_move_is_read_in_the_persons_zone_across_a_daylight_saving_change(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    async with desk.container.infrastructure.uow() as uow:
        admin = await uow.users.by_login("admin")
        assert admin is not None
        admin.time_zone = "Europe/Berlin"
        await uow.commit()
    (post_id, publication_id, _, _) = (await publications(desk))[0]
    # Berlin springs forward on Sunday 31 March 2030: 09:00 is 07:00 UTC from then on.
    for day, utc_hour in (("2030-03-30", 8), ("2030-03-31", 7)):
        await browser.post(
            "/calendar/move/",
            data={
                "post_id": str(post_id),
                "publication_id": str(publication_id),
                "date": day,
                "time": "09:00",
                "back": "/?view=week&date=2030-03-27",
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            },
        )
        due = {row[1]: row[2] for row in await publications(desk)}[publication_id]
        assert due == datetime.fromisoformat(f"{day}T{utc_hour:02d}:00:00+00:00")
    week = await browser.get("/?view=week&date=2030-03-27")
    (entry,) = entries(week.text)
    assert ">09:00</time>" in entry


async def test_a_published_post_is_refused_in_words_and_stays(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    (post_id, publication_id, due, _) = (await publications(desk))[0]
    await set_status(desk, publication_id, PublicationStatus.PUBLISHED, published_at=due)
    page = await browser.get(JANUARY)
    (entry,) = entries(page.text)
    assert "Published" in entry and "draggable" not in entry and "/calendar/move/" not in entry
    answer = await browser.post(
        "/calendar/move/",
        data={
            "post_id": str(post_id),
            "publication_id": str(publication_id),
            "date": "2030-01-02",
            "time": "09:00",
            "back": JANUARY,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )
    assert answer.status_code == 409
    assert 'role="alert"' in answer.text
    assert "A publication that is published cannot be" in answer.text
    assert "January 2030" in answer.text, "the calendar the form came from"
    assert (await publications(desk))[0][2] == due


async def test_a_move_without_a_date_says_what_to_give(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    (post_id, publication_id, due, _) = (await publications(desk))[0]
    answer = await browser.post(
        "/calendar/move/",
        data={
            "post_id": str(post_id),
            "publication_id": str(publication_id),
            "date": "",
            "time": "25:00",
            "back": "//evil.example/",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )
    assert answer.status_code == 400
    assert "Give the new date (YYYY-MM-DD) and time (HH:MM)." in answer.text
    assert (await publications(desk))[0][2] == due


async def test_the_strip_shows_a_failed_post_with_its_reason_and_retries_it(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    (post_id, publication_id, _, _) = (await publications(desk))[0]
    await set_status(
        desk, publication_id, PublicationStatus.FAILED, error="The media URL answered 404."
    )
    page = await browser.get(JANUARY)
    assert "Failed: 1" in page.text and "The media URL answered 404." in page.text
    assert 'action="/calendar/retry/"' in page.text
    answer = await browser.post(
        "/calendar/retry/",
        data={
            "post_id": str(post_id),
            "publication_id": str(publication_id),
            "back": JANUARY,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )
    assert answer.status_code == 303 and answer.headers["location"].endswith("done=retried")
    assert (await publications(desk))[0][3] == "scheduled"
    again = await browser.get(answer.headers["location"])
    assert "Failed: 0" in again.text and "will be tried again now" in again.text


async def test_the_strip_offers_to_reconnect_an_account_and_counts_the_quota(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    ids = await accounts(desk)
    async with desk.container.infrastructure.uow() as uow:
        for credential_id in ids.values():
            credential = await uow.credentials.get(credential_id)
            assert credential is not None
            credential.status = CredentialStatus.NEEDS_RECONNECT
        await uow.commit()
    page = await browser.get("/")
    assert "Accounts to reconnect: 2" in page.text
    assert 'href="/auth/instagram/authorize/?login=facebook"' in page.text
    assert 'href="/auth/pinterest/authorize/"' in page.text
    assert "0 of 100 in the last 24 hours" in page.text


async def test_an_observer_sees_the_calendar_without_controls_and_a_forged_move_is_refused(
    desk: Desk,
) -> None:
    password_hash = desk.container.infrastructure.password_hasher().hash(PASSWORD)
    await add_user(desk.container, "olga", Role.OBSERVERS, password_hash)
    (post_id, publication_id, due, _) = (await publications(desk))[0]
    await set_status(desk, publication_id, PublicationStatus.FAILED, error="Refused")
    async with open_browser(desk.app) as observer:
        observer.headers["Accept"] = PAGE
        await sign_in(observer, "olga")
        page = await observer.get(JANUARY)
        assert page.status_code == 200
        (entry,) = entries(page.text)
        assert "/calendar/move/" not in page.text and "draggable" not in entry
        assert "/calendar/retry/" not in page.text
        for path, extra in (
            ("/calendar/move/", {"date": "2030-01-02", "time": "09:00"}),
            ("/calendar/retry/", {}),
        ):
            forged = await observer.post(
                path,
                data={
                    "post_id": str(post_id),
                    "publication_id": str(publication_id),
                    "back": JANUARY,
                    "csrfmiddlewaretoken": observer.cookies["csrftoken"],
                    **extra,
                },
            )
            assert forged.status_code == 403 and "Your role does not allow this page" in forged.text
    assert (await publications(desk))[0][2:] == (due, "failed")


async def test_the_calendar_needs_its_token_to_move_a_post(
    desk: Desk, browser: httpx.AsyncClient
) -> None:
    (post_id, publication_id, due, _) = (await publications(desk))[0]
    forged = await browser.post(
        "/calendar/move/",
        data={
            "post_id": str(post_id),
            "publication_id": str(publication_id),
            "date": "2030-01-02",
            "time": "09:00",
        },
    )
    assert forged.status_code == 403
    assert (await publications(desk))[0][2] == due
