"""The publishing desk in headless Chromium against the real ``autopost serve`` on
``autopost sandbox``, with posts already published: axe-core, run in each desk page, finds no
serious or critical accessibility violation; and the README's screenshots of the calendar, the
compose page and a post's page are taken from this world on every run, so they stay true.

axe-core is a test dependency from the npm registry (tests/contract/package.json, installed by
``npm ci --prefix tests/contract``). The pages' policy allows only their own scripts, so only
the accessibility check's own browser context bypasses it, to inject axe."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import headless_chromium
from tests.e2e.conftest import ADMIN, Api, Sandbox, autopost_env, create_admin, soon
from tests.e2e.processes import Process, free_port
from tests.e2e.test_desk_accounts_browser import CONTRIBUTOR, _person
from tests.e2e.test_many_accounts import connect_instagram

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "contract" / "node_modules" / "axe-core" / "axe.min.js"
INSTALL = "npm ci --prefix tests/contract"
SCREENSHOTS = ROOT / "docs" / "screenshots"
SHOP, BRAND = "17841400000000041", "17841400000000042"
# The impacts the check refuses; "moderate" and "minor" findings are not failures.
REFUSED = ("serious", "critical")


@dataclass
class Site:
    url: str
    api: Api
    published: int
    account: int  # an Instagram account's id

    def at(self, path: str) -> str:
        return f"{self.url}{path}"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with headless_chromium() as browser:
        yield browser


def create(
    api: Api,
    credentials: list[int],
    caption: str,
    picture: str,
    due: datetime | None = None,
    **fields: Any,
) -> int:
    """A photo post on the accounts, due at ``due`` (by default in a second, to be published
    at once), or a draft or a queued post as ``fields`` say."""
    body: dict[str, Any] = {
        "credentials": credentials,
        "url": f"https://cdn.example.com/{picture}.jpg",
        "content_type": "Photo",
        "caption": caption,
        **fields,
    }
    if not fields:
        body["date_pub"] = (due or soon(1)).isoformat()
    created = api.http.post("/api/v1/posts/", json=body)
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def later_this_month(days: int, hour: int) -> datetime:
    """A time ``days`` ahead, kept inside the current month so that the calendar shows it."""
    now = datetime.now(UTC)
    due = (now + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    if due.month != now.month or due <= now:
        due = (now + timedelta(hours=1)).replace(minute=30, second=0, microsecond=0)
    return due


# A PNG of one pixel, and the first bytes of an MP4: what the library keeps.
ONE_PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
MOVIE = ("shoot.mp4", b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00" + b"\x00" * 64, "video/mp4")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One server for the module, on the sandbox, with two Instagram accounts connected: posts
    published through the sandbox (and their media synced back), one refused by Instagram,
    two scheduled, two in a queue of posting slots, a draft and a Contributor's post awaiting
    approval."""
    tmp_path = tmp_path_factory.mktemp("desk-accessibility")
    sandbox_port, port = free_port(), free_port()
    sandbox_process = Process("sandbox", ["sandbox", "--port", str(sandbox_port)], {}, tmp_path)
    server: Process | None = None
    try:
        sandbox_process.wait_http(f"http://127.0.0.1:{sandbox_port}/_sandbox/instagram/settings")
        sandbox = Sandbox(f"http://127.0.0.1:{sandbox_port}")
        env = autopost_env(tmp_path, sandbox)
        create_admin(env, tmp_path)
        server = Process("serve", ["serve", "--port", str(port)], env, tmp_path)
        server.wait_http(f"http://127.0.0.1:{port}/health/")
        api = Api(f"http://127.0.0.1:{port}")
        api.login()
        shop = connect_instagram(api, SHOP, "sandbox-token-shop")
        brand = connect_instagram(api, BRAND, "sandbox-token-brand")
        published = [
            create(api, [shop, brand], "Spring collection is here #spring #newin", "spring"),
            create(api, [shop], "Behind the scenes of the shoot", "backstage"),
        ]
        for post_id in published:
            api.wait_for_status(post_id, "published")
        # Instagram refuses the next media of the second account, for good.
        sandbox.fault(
            action="error",
            method="POST",
            path_suffix=f"{BRAND}/media",
            status=400,
            code=100,
            message="The media could not be fetched",
        )
        refused = create(api, [brand], "Last chance: the winter sale", "winter")
        api.wait_for_status(refused, "failed")
        create(api, [shop, brand], "Weekend sale starts Friday", "sale", later_this_month(2, 9))
        create(api, [brand], "Customer stories: Anna's garden", "garden", later_this_month(4, 17))
        create(api, [shop], "Ideas for the autumn lookbook", "autumn", draft=True)
        slots = {
            "time_zone": "Europe/Berlin",
            "slots": [{"weekday": day, "time": "09:00"} for day in ("mon", "wed", "fri")],
        }
        answer = api.http.put(f"/api/v1/credentials/{shop}/slots/", json=slots)
        assert answer.status_code == 200, answer.text
        create(api, [shop], "Tip of the week: caring for linen", "linen", queue=True)
        create(api, [shop], "Meet the team: Paul, our tailor", "team", queue=True)
        # A Contributor's post on an account that needs approval waits for a reviewer.
        _person(api, CONTRIBUTOR, "Contributors")
        answer = api.http.patch(f"/api/v1/credentials/{brand}/", json={"requires_approval": True})
        assert answer.status_code == 200, answer.text
        contributor = Api(f"http://127.0.0.1:{port}")
        token = contributor.http.post("/api/v1/api-token-auth/", json=CONTRIBUTOR)
        token.raise_for_status()
        contributor.http.headers["Authorization"] = f"Token {token.json()['token']}"
        due = later_this_month(3, 12)
        create(contributor, [brand], "New in: the linen shirt, in three colours", "shirt", due)
        for credential in (shop, brand):
            answer = api.http.post("/api/sync/", json={"credential": credential})
            assert answer.status_code in (200, 202), answer.text
        # The media library: an image and a video.
        for name, body, kind in (("linen.png", ONE_PIXEL_PNG, "image/png"), MOVIE):
            answer = api.http.post("/api/v1/library/", files={"file": (name, body, kind)})
            assert answer.status_code == 201, answer.text
        yield Site(f"http://127.0.0.1:{port}", api, published[0], shop)
    finally:
        if server is not None:
            server.stop()
        sandbox_process.stop()


def sign_in(page: Page, site: Site) -> None:
    page.goto(site.at("/accounts/login/"))
    page.get_by_label("Username or e-mail").fill(ADMIN["username"])
    page.get_by_label("Password", exact=True).fill(ADMIN["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Profile", level=1)).to_be_visible()


def refused_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it stands."""
    page.add_script_tag(path=AXE)
    found: list[dict[str, Any]] = page.evaluate(
        """async (refused) => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter((v) => refused.includes(v.impact))
                .map((v) => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary),
                }));
        }""",
        list(REFUSED),
    )
    return found


def desk_pages(site: Site) -> list[str]:
    return [
        "/?view=month",
        "/?view=week",
        "/posts/new/",
        f"/posts/{site.published}/",
        "/queues/",
        "/approvals/",
        "/connected-accounts/",
        "/media/",
        "/library/",
        "/reports/",
        f"/connected-accounts/{site.account}/best-times/",
        "/accounts/settings/",
    ]


def test_the_desk_pages_have_no_serious_or_critical_accessibility_violation(
    chromium: Browser, site: Site
) -> None:
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed ({AXE} is missing): run `{INSTALL}`.")
    # Only this context bypasses the pages' policy, to inject axe-core.
    context = chromium.new_context(locale="en-US", bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, site)
        report: dict[str, list[dict[str, Any]]] = {}
        for path in desk_pages(site):
            answer = page.goto(site.at(path))
            assert answer is not None and answer.status == 200, path
            if violations := refused_violations(page):
                report[path] = violations
        assert not report, "\n".join(
            f"{path}: [{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
            for path, violations in report.items()
            for v in violations
        )
    finally:
        context.close()


def a_picture(page: Page) -> bytes:
    """A square picture (a gradient), drawn by the browser itself."""
    page.set_content(
        '<div style="width:320px;height:320px;'
        'background:linear-gradient(135deg,#f6d365,#fda085 50%,#8fd3f4)"></div>'
    )
    picture = page.locator("div").screenshot()
    page.close()
    return picture


def test_the_readmes_screenshots_are_taken_from_a_world_with_published_posts(
    chromium: Browser, site: Site
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        # The media addresses are made up: the browser is given a picture for each instead.
        picture = a_picture(context.new_page())
        context.route(
            "https://cdn.example.com/**",
            lambda route: route.fulfill(status=200, content_type="image/png", body=picture),
        )
        sign_in(page, site)
        page.goto(site.at("/?view=month"))
        expect(page.locator(".cal-grid .cal-entry", has_text="Spring collection")).to_have_count(2)
        page.screenshot(path=SCREENSHOTS / "calendar.png", full_page=True)

        page.goto(site.at("/posts/new/"))
        expect(page.get_by_role("heading", name="New post", level=1)).to_be_visible()
        page.get_by_role("checkbox", name=re.compile(SHOP)).check()
        page.get_by_label("Content type").select_option("Photo")
        page.get_by_label("Media addresses").fill("https://cdn.example.com/summer.jpg")
        page.get_by_label("Caption", exact=True).fill("Summer is coming #summer #newin")
        expect(page.locator('[data-count="hashtags"]')).to_have_text("2 / 30 hashtags")
        due = later_this_month(5, 10)
        page.get_by_label("Date", exact=True).fill(due.date().isoformat())
        page.get_by_label(re.compile(r"^Time \(")).fill(due.strftime("%H:%M"))
        preview = page.get_by_role("img", name=re.compile("summer.jpg"))
        expect(preview).to_have_js_property("naturalWidth", 320)  # loaded, not broken
        page.screenshot(path=SCREENSHOTS / "compose.png", full_page=True)

        page.goto(site.at(f"/posts/{site.published}/"))
        expect(page.locator("dd.status")).to_have_text(["Published", "Published"])
        page.locator("article.publication summary").first.click()  # what it published
        expect(page.locator("article.publication").first).to_contain_text("Spring collection")
        page.screenshot(path=SCREENSHOTS / "post-detail.png", full_page=True)
    finally:
        context.close()
    for name in ("calendar.png", "compose.png", "post-detail.png"):
        assert (SCREENSHOTS / name).read_bytes().startswith(b"\x89PNG"), name
