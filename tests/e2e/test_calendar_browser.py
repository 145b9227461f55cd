"""The calendar in headless Chromium against the real ``autopost serve``: sign in, see a
scheduled post on the calendar, drag it to another day (its time of day stays; the API reads
the new time); and, with JavaScript off, move it through the entry's own form."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import headless_chromium
from tests.e2e.conftest import ADMIN, Api, StartServer

pytestmark = pytest.mark.e2e

DUE = datetime(2030, 6, 12, 10, 0, tzinfo=UTC)  # a Wednesday
JUNE = "/?view=month&date=2030-06-01"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with headless_chromium() as browser:
        yield browser


def sign_in_to_the_calendar(page: Page, url: str) -> None:
    page.goto(f"{url}/")
    expect(page).to_have_url(f"{url}/accounts/login/?next=/")
    page.get_by_label("Username or e-mail").fill(ADMIN["username"])
    page.get_by_label("Password", exact=True).fill(ADMIN["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{url}/")
    expect(page.get_by_role("heading", name="Calendar", level=1)).to_be_visible()
    page.goto(f"{url}{JUNE}")
    expect(page.get_by_role("heading", name="June 2030", level=2)).to_be_visible()


def due_of(api: Api, post_id: int) -> datetime:
    return datetime.fromisoformat(api.post(post_id)["date_pub"].replace("Z", "+00:00"))


def test_a_scheduled_post_is_dragged_to_another_day_and_keeps_its_time(
    chromium: Browser, start_server: StartServer
) -> None:
    api, _server = start_server()
    url = str(api.http.base_url).rstrip("/")
    post = api.schedule(DUE, caption="Summer lookbook, part one")
    context = chromium.new_context(locale="en-US")
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in_to_the_calendar(page, url)
        entry = page.locator(".cal-grid .cal-entry", has_text="Summer lookbook")
        expect(entry).to_have_count(1)
        expect(entry).to_contain_text("10:00")
        expect(entry).to_contain_text("Instagram · Scheduled")
        expect(page.locator('td[data-date="2030-06-12"] .cal-entry')).to_have_count(1)

        entry.drag_to(page.locator('td[data-date="2030-06-14"]'))
        moved = page.locator('td[data-date="2030-06-14"] .cal-entry', has_text="Summer lookbook")
        expect(moved).to_have_count(1)
        expect(moved).to_contain_text("10:00")
        expect(page.locator('td[data-date="2030-06-12"] .cal-entry')).to_have_count(0)
        assert due_of(api, post["id"]) == datetime(2030, 6, 14, 10, 0, tzinfo=UTC)
    finally:
        context.close()


def test_without_javascript_the_entrys_form_moves_it(
    chromium: Browser, start_server: StartServer
) -> None:
    api, _server = start_server()
    url = str(api.http.base_url).rstrip("/")
    post = api.schedule(DUE, caption="Summer lookbook, part two")
    context = chromium.new_context(locale="en-US", java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in_to_the_calendar(page, url)
        entry = page.locator(".cal-grid .cal-entry", has_text="Summer lookbook")
        entry.locator("summary").click()
        entry.get_by_label("New date").fill("2030-06-20")
        entry.get_by_label("New time").fill("16:30")
        entry.get_by_role("button", name="Move", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="moved")).to_have_text(
            "The post was moved."
        )
        moved = page.locator('td[data-date="2030-06-20"] .cal-entry', has_text="Summer lookbook")
        expect(moved).to_contain_text("16:30")
        assert due_of(api, post["id"]) == datetime(2030, 6, 20, 16, 30, tzinfo=UTC)
    finally:
        context.close()
