"""Writing a post in headless Chromium, against the real ``autopost serve``: sign in, choose
two accounts, watch the caption's counters follow the typing, schedule, and find the post's
page with a publication on each account. Then the same with JavaScript disabled: the form
works as plain form posts; a post that repeats every Monday and Thursday, with the script
showing only the fields of a weekly repetition; and a post for now that fails once, watched
on its page, retried there and published through ``autopost sandbox``. Role and label
locators find the controls, so an unlabelled control fails these tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import headless_chromium
from tests.e2e.conftest import ADMIN, Api, Sandbox, autopost_env, create_admin
from tests.e2e.processes import Process, free_port
from tests.e2e.test_many_accounts import connect_instagram

pytestmark = pytest.mark.e2e

SHOP, BRAND = "17841400000000031", "17841400000000032"


class Site:
    def __init__(self, url: str, api: Api, sandbox: Sandbox) -> None:
        self.url = url
        self.api = api
        self.sandbox = sandbox

    def at(self, path: str) -> str:
        return f"{self.url}{path}"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with headless_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One server for the module, on the sandbox, with two Instagram accounts connected."""
    tmp_path = tmp_path_factory.mktemp("compose-pages")
    sandbox_port, port = free_port(), free_port()
    sandbox = Process("sandbox", ["sandbox", "--port", str(sandbox_port)], {}, tmp_path)
    server: Process | None = None
    try:
        sandbox.wait_http(f"http://127.0.0.1:{sandbox_port}/_sandbox/instagram/settings")
        platforms = Sandbox(f"http://127.0.0.1:{sandbox_port}")
        env = autopost_env(tmp_path, platforms)
        create_admin(env, tmp_path)
        server = Process("serve", ["serve", "--port", str(port)], env, tmp_path)
        server.wait_http(f"http://127.0.0.1:{port}/health/")
        api = Api(f"http://127.0.0.1:{port}")
        api.login()
        for account in (SHOP, BRAND):
            connect_instagram(api, account, f"sandbox-token-{account[-2:]}")
        yield Site(f"http://127.0.0.1:{port}", api, platforms)
    finally:
        if server is not None:
            server.stop()
        sandbox.stop()


def sign_in(page: Page, site: Site) -> None:
    page.goto(site.at("/accounts/login/"))
    page.get_by_label("Username or e-mail").fill(ADMIN["username"])
    page.get_by_label("Password", exact=True).fill(ADMIN["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Profile", level=1)).to_be_visible()


def write_for_two_accounts(page: Page, site: Site, caption: str) -> None:
    page.get_by_role("navigation", name="Publishing").get_by_role("link", name="New post").click()
    expect(page.get_by_role("heading", name="New post", level=1)).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(SHOP)).check()
    page.get_by_role("checkbox", name=re.compile(BRAND)).check()
    page.get_by_label("Content type").select_option("Photo")
    page.get_by_label("Media addresses").fill("https://cdn.example.com/spring.jpg")
    page.get_by_label("Caption", exact=True).fill(caption)
    page.get_by_label("Date", exact=True).fill("2030-03-02")
    page.get_by_label(re.compile(r"^Time \(")).fill("10:30")


def two_publications(page: Page) -> None:
    expect(page.get_by_role("heading", name=re.compile(r"^Post \d+$"), level=1)).to_be_visible()
    expect(page.locator("article.publication")).to_have_count(2)
    for account in (SHOP, BRAND):
        expect(page.get_by_role("heading", name=re.compile(account), level=3)).to_be_visible()
    expect(page.locator("dd.status")).to_have_text(["Scheduled", "Scheduled"])


def test_a_post_for_two_accounts_with_the_counters_following_the_typing(
    chromium: Browser, site: Site
) -> None:
    context = chromium.new_context(locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, site)
        write_for_two_accounts(page, site, "")
        counter = page.locator('[data-count="caption"]')
        tags = page.locator('[data-count="hashtags"]')
        expect(counter).to_have_text("0 / 2200 characters")
        page.get_by_label("Caption", exact=True).press_sequentially("Spring #one #two")
        expect(counter).to_have_text("16 / 2200 characters")
        expect(tags).to_have_text("2 / 30 hashtags")
        preview = page.get_by_role("img", name="Preview of https://cdn.example.com/spring.jpg")
        expect(preview).to_have_count(1)
        page.get_by_role("button", name="Schedule").click()
        two_publications(page)
    finally:
        context.close()


def test_the_same_post_without_javascript(chromium: Browser, site: Site) -> None:
    context = chromium.new_context(locale="en-US", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, site)
        tags = " ".join(f"#t{n}" for n in range(31))
        write_for_two_accounts(page, site, tags)
        page.get_by_role("button", name="Schedule").click()
        # Refused by the domain's rule, next to the caption, for each account.
        problems = page.locator("#caption-problems li")
        expect(problems).to_have_count(2)
        expect(problems.first).to_contain_text("Instagram allows at most 30 hashtags; found 31.")
        expect(page.get_by_label("Caption", exact=True)).to_have_value(tags)
        page.get_by_label("Caption", exact=True).fill("Spring without scripts")
        page.get_by_role("button", name="Schedule").click()
        two_publications(page)
    finally:
        context.close()


def test_a_post_that_repeats_every_monday_and_thursday(chromium: Browser, site: Site) -> None:
    context = chromium.new_context(locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, site)
        page.goto(site.at("/posts/new/"))
        page.get_by_role("checkbox", name=re.compile(SHOP)).check()
        page.get_by_label("Media addresses").fill("https://cdn.example.com/weekly.jpg")
        page.get_by_label("Caption", exact=True).fill("Weekly tip")
        today = datetime.now(UTC).date()
        monday = today + timedelta(days=7 - today.weekday())
        page.get_by_label("Date", exact=True).fill(monday.isoformat())
        page.get_by_label(re.compile(r"^Time \(")).fill("09:00")
        rule = page.get_by_label("Rule (RRULE)")
        expect(rule).to_be_hidden()  # "None": the script shows no repeat fields
        page.get_by_role("radio", name="Weekly on given days").check()
        expect(rule).to_be_hidden()
        for day in ("Mon", "Thu"):
            page.get_by_role("checkbox", name=day, exact=True).check()
        page.get_by_label("Number of times").fill("4")
        page.get_by_role("button", name="Schedule").click()
        expect(page.get_by_role("heading", name="Part of a series", level=2)).to_be_visible()
        expect(page.locator("ul.occurrences li")).to_have_count(4)
    finally:
        context.close()


def test_a_post_for_now_is_watched_failing_then_retried_until_published(
    chromium: Browser, site: Site
) -> None:
    """The post's page follows a post being published as it happens (no reload by hand): it
    fails once, says what was asked and what to do, and is retried from its page."""
    context = chromium.new_context(locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, site)
        # Instagram refuses the account's next media once.
        site.sandbox.fault(
            action="error",
            method="POST",
            path_suffix=f"{SHOP}/media",
            status=400,
            code=100,
            message="The media could not be fetched",
        )
        page.goto(site.at("/posts/new/"))
        page.get_by_role("checkbox", name=re.compile(SHOP)).check()
        page.get_by_label("Media addresses").fill("https://cdn.example.com/now.jpg")
        page.get_by_label("Caption", exact=True).fill("Out now")
        page.get_by_role("button", name="Schedule").click()  # no date: as soon as possible
        status = page.locator("dd.status")
        expect(status).to_have_text("Failed", timeout=30_000)
        timeline = page.locator("ol.timeline")
        expect(timeline).to_contain_text("Asked the platform to prepare the media: refused")
        expect(timeline).to_contain_text("The media could not be fetched")
        expect(timeline).to_contain_text("What to do:")
        page.get_by_role("button", name=re.compile(r"^Retry on ")).click()
        expect(status).to_have_text("Published", timeout=30_000)
        expect(page.locator('article.publication a[rel="noopener"]')).to_be_visible()
        expect(timeline).to_contain_text("Asked the platform to publish: published")
    finally:
        context.close()
