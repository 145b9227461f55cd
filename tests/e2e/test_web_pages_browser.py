"""The web pages under /accounts/ in headless Chromium, against the real ``autopost serve``:
signing in through the form, the settings' keys shown only masked, an API key shown once,
signing out (the session ends on the server), and an observer kept out of the administrators'
page. Role and label locators find the controls, so an unlabelled form fails these tests."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.browser import headless_chromium
from tests.e2e.conftest import ADMIN, Api, Sandbox, autopost_env, create_admin
from tests.e2e.processes import Process, free_port

pytestmark = pytest.mark.e2e

GEMINI_KEY = "AIza-browser-secret-0123456789"
NOTION_TOKEN = "ntn_browser_secret_9876543210"
OBSERVER = {"username": "olga", "password": "observer horse battery"}


class Site:
    def __init__(self, url: str, api: Api) -> None:
        self.url = url
        self.api = api

    def at(self, path: str) -> str:
        return f"{self.url}{path}"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with headless_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One server for the module; the sandbox only so that nothing could reach a real
    platform."""
    tmp_path = tmp_path_factory.mktemp("web-pages")
    sandbox_port, port = free_port(), free_port()
    sandbox = Process("sandbox", ["sandbox", "--port", str(sandbox_port)], {}, tmp_path)
    server: Process | None = None
    try:
        sandbox.wait_http(f"http://127.0.0.1:{sandbox_port}/_sandbox/instagram/settings")
        env = autopost_env(tmp_path, Sandbox(f"http://127.0.0.1:{sandbox_port}"))
        create_admin(env, tmp_path)
        server = Process("serve", ["serve", "--port", str(port)], env, tmp_path)
        server.wait_http(f"http://127.0.0.1:{port}/health/")
        api = Api(f"http://127.0.0.1:{port}")
        api.login()
        yield Site(f"http://127.0.0.1:{port}", api)
    finally:
        if server is not None:
            server.stop()
            log = server.log()
            leaked = [s for s in (GEMINI_KEY, NOTION_TOKEN, ADMIN["password"]) if s in log]
            assert not leaked, f"{len(leaked)} secret(s) reached the server's log"
        sandbox.stop()


@pytest.fixture
def context(chromium: Browser, site: Site) -> Iterator[BrowserContext]:
    context = chromium.new_context(locale="en-US")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def sign_in(page: Page, site: Site, username: str, password: str) -> None:
    page.goto(site.at("/accounts/login/"))
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Profile", level=1)).to_be_visible()


def nav_link(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Account").get_by_role("link", name=name).click()


def test_a_visitor_is_sent_to_sign_in_and_then_sees_the_profile(page: Page, site: Site) -> None:
    page.goto(site.at("/accounts/"))
    expect(page).to_have_url(site.at("/accounts/login/?next=/accounts/"))
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    page.get_by_label("Username or e-mail").fill(ADMIN["username"])
    page.get_by_label("Password", exact=True).fill(ADMIN["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(site.at("/accounts/"))
    expect(page.get_by_role("heading", name="Profile", level=1)).to_be_visible()
    username_row = page.get_by_role("row", name="Username")
    expect(username_row.get_by_role("cell")).to_have_text(ADMIN["username"])
    expect(page.get_by_role("link", name="Users and groups")).to_be_visible()


def test_saved_keys_are_shown_masked_and_never_sent_back(page: Page, site: Site) -> None:
    sign_in(page, site, ADMIN["username"], ADMIN["password"])
    nav_link(page, "Settings")
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    page.get_by_label("Gemini API key", exact=True).fill(GEMINI_KEY)
    page.get_by_label("Notion integration token", exact=True).fill(NOTION_TOKEN)
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_have_text("Saved")

    for shown in (page, _fresh(page, site.at("/accounts/settings/"))):
        for name, label in (
            ("gemini_api_key", "Gemini API key"),
            ("notion_integration_token", "Notion integration token"),
        ):
            expect(shown.locator(f'[data-secret="{name}"]')).to_have_text("***")
            expect(shown.get_by_label(label, exact=True)).to_have_value("")
        html = shown.content()
        leaked = GEMINI_KEY in html or NOTION_TOKEN in html
        assert not leaked, "a saved key is in the settings page's HTML"


def _fresh(page: Page, url: str) -> Page:
    """The page again by GET (reloading the answer to a POST would post again)."""
    page.goto(url)
    return page


def test_a_new_api_key_is_shown_once(page: Page, site: Site) -> None:
    sign_in(page, site, ADMIN["username"], ADMIN["password"])
    nav_link(page, "API keys")
    page.get_by_label("Name of a new key").fill("browser key")
    page.get_by_role("button", name="Create key").click()
    expect(page.get_by_role("status")).to_contain_text("it is not shown again")
    raw = page.locator("#new-key").inner_text().strip()
    assert raw, "the new key is shown"
    works = httpx.get(
        site.at("/api/users/profile/"), headers={"Authorization": f"Token {raw}"}, timeout=10
    )
    assert works.status_code == 200, "the key shown is a working API key"

    page.goto(site.at("/accounts/api-keys/"))
    expect(page.get_by_role("cell", name="browser key", exact=True)).to_be_visible()
    expect(page.locator("#new-key")).to_have_count(0)
    shown_again = raw in page.content()
    assert not shown_again, "the key is shown again"


def test_signing_out_ends_the_session_on_the_server(
    page: Page, context: BrowserContext, site: Site
) -> None:
    sign_in(page, site, ADMIN["username"], ADMIN["password"])
    session = [c for c in context.cookies() if c.get("name") == "autopost_session"]
    assert session, "signing in set the session cookie"

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(site.at("/accounts/login/"))
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()

    # The old cookie, put back, opens nothing: the server has ended that session.
    context.add_cookies(session)  # type: ignore[arg-type]
    page.goto(site.at("/accounts/settings/"))
    expect(page).to_have_url(site.at("/accounts/login/?next=/accounts/settings/"))


def test_an_observer_gets_no_administrators_page(page: Page, site: Site) -> None:
    created = site.api.http.post(
        "/api/users/",
        json={
            "username": OBSERVER["username"],
            "email": "olga@example.com",
            "password": OBSERVER["password"],
            "password_confirm": OBSERVER["password"],
        },
    )
    assert created.status_code == 201, created.status_code
    assert [g["name"] for g in created.json()["groups"]] == ["Observers"]

    sign_in(page, site, OBSERVER["username"], OBSERVER["password"])
    expect(page.get_by_role("navigation", name="Account")).to_be_visible()
    expect(page.get_by_role("link", name="Users and groups")).to_have_count(0)
    refused = page.goto(site.at("/accounts/users/"))
    assert refused is not None and refused.status == 403
