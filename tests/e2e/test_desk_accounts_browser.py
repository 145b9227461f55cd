"""The approvals and accounts pages in headless Chromium, against the real ``autopost serve``
over ``autopost sandbox``: a Publisher approves a Contributor's post from the approvals page,
an administrator edits a Pinterest account's board mapping by hand and sees which board a
topic goes to, with scripts disabled a post is sent back with a comment through the plain
form, and an account whose token Instagram revoked is reconnected from its button. Role and
label locators find the controls, so an unlabelled control fails."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.browser import headless_chromium
from tests.e2e.conftest import ADMIN, IG_TOKEN, IG_USER, Api, Sandbox, autopost_env, create_admin
from tests.e2e.processes import Process, free_port
from tests.e2e.test_instagram_connect import meta_settings

pytestmark = pytest.mark.e2e

PUBLISHER = {"username": "paula", "password": "publisher horse battery"}
CONTRIBUTOR = {"username": "carl", "password": "contributor horse battery"}
GROUPS = {"Publishers": 2, "Contributors": 3}
# Far ahead, and in no queue: the post waits for its reviewer, nothing publishes it.
LATER = datetime(2031, 3, 3, 10, 17, tzinfo=UTC)


class Site:
    def __init__(
        self, url: str, api: Api, instagram: int, pinterest: int, sandbox: Sandbox
    ) -> None:
        self.url = url
        self.api = api
        self.sandbox = sandbox
        self.instagram = instagram
        self.pinterest = pinterest

    def at(self, path: str) -> str:
        return f"{self.url}{path}"

    def contributors_post(self, caption: str) -> int:
        """A post of the Contributor's, through the API with their own token."""
        contributor = Api(self.url)
        token = contributor.http.post("/api/v1/api-token-auth/", json=CONTRIBUTOR)
        token.raise_for_status()
        contributor.http.headers["Authorization"] = f"Token {token.json()['token']}"
        body = {
            "credential": self.instagram,
            "url": "https://cdn.example.com/photo.jpg",
            "content_type": "Photo",
            "caption": caption,
            "date_pub": LATER.isoformat(),
        }
        created = contributor.http.post("/api/v1/posts/", json=body)
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "awaiting_approval"
        return int(created.json()["id"])


def _created(api: Api, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = api.http.post(path, json=body)
    assert response.status_code in (200, 201), response.text
    return dict(response.json())


def _person(api: Api, person: dict[str, str], group: str) -> None:
    user = _created(
        api,
        "/api/users/",
        {
            "username": person["username"],
            "email": f"{person['username']}@example.com",
            "password": person["password"],
            "password_confirm": person["password"],
        },
    )
    _created(api, f"/api/users/{user['id']}/assign-groups/", {"group_ids": [GROUPS[group]]})


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with headless_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp_path = tmp_path_factory.mktemp("desk-accounts")
    sandbox_port, port = free_port(), free_port()
    sandbox = Process("sandbox", ["sandbox", "--port", str(sandbox_port)], {}, tmp_path)
    server: Process | None = None
    try:
        sandbox.wait_http(f"http://127.0.0.1:{sandbox_port}/_sandbox/instagram/settings")
        platforms = Sandbox(f"http://127.0.0.1:{sandbox_port}")
        # Facebook Login through the sandbox's consent page: how an account is reconnected.
        env = autopost_env(tmp_path, platforms) | meta_settings(platforms, port)
        create_admin(env, tmp_path)
        server = Process("serve", ["serve", "--port", str(port)], env, tmp_path)
        server.wait_http(f"http://127.0.0.1:{port}/health/")
        api = Api(f"http://127.0.0.1:{port}")
        api.login()
        instagram = _created(
            api,
            "/api/v1/credentials/",
            {"platform": "instagram", "account_id": IG_USER, "access_token": IG_TOKEN},
        )
        patched = api.http.patch(
            f"/api/v1/credentials/{instagram['id']}/", json={"requires_approval": True}
        )
        assert patched.status_code == 200, patched.text
        # A Pinterest account whose boards are given by hand: Pinterest is not asked.
        pinterest = _created(
            api,
            "/api/v1/credentials/",
            {"platform": "pinterest", "account_id": "shop", "access_token": "pin-token"},
        )
        _person(api, PUBLISHER, "Publishers")
        _person(api, CONTRIBUTOR, "Contributors")
        yield Site(f"http://127.0.0.1:{port}", api, instagram["id"], pinterest["id"], platforms)
    finally:
        if server is not None:
            server.stop()
            assert IG_TOKEN not in server.log(), "an access token reached the server's log"
        sandbox.stop()


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    context = chromium.new_context(locale="en-US")
    context.set_default_timeout(10_000)
    yield context
    context.close()


def sign_in(page: Page, site: Site, person: dict[str, str]) -> None:
    page.goto(site.at("/accounts/login/"))
    page.get_by_label("Username or e-mail").fill(person["username"])
    page.get_by_label("Password", exact=True).fill(person["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Profile", level=1)).to_be_visible()


def desk_link(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Publishing").get_by_role("link", name=name).click()


def test_a_publisher_approves_a_contributors_post(context: BrowserContext, site: Site) -> None:
    post_id = site.contributors_post("Autumn sale, from the browser")
    page = context.new_page()
    sign_in(page, site, PUBLISHER)
    desk_link(page, "Approvals")
    expect(page.get_by_role("heading", name="Approvals", level=1)).to_be_visible()
    review = page.get_by_role("article", name=f"Post {post_id}")
    expect(review).to_contain_text("Autumn sale, from the browser")
    expect(review).to_contain_text("Mon 03 Mar 2031, 10:17 UTC")
    review.get_by_role("button", name=f"Approve post {post_id}").click()
    expect(page.get_by_role("status")).to_have_text("The post is approved")
    expect(page.get_by_role("article", name=f"Post {post_id}")).to_have_count(0)
    assert site.api.post(post_id)["status"] == "scheduled"


def test_an_administrator_edits_a_pinterest_board_mapping(
    context: BrowserContext, site: Site
) -> None:
    page = context.new_page()
    sign_in(page, site, ADMIN)
    desk_link(page, "Connected accounts")
    account = page.get_by_role("region", name="Pinterest: shop")
    account.get_by_label("Boards given by hand, one a line").fill("Recipes = 1234\nTravel = 5678")
    account.get_by_role("button", name="Save the boards").click()
    expect(page.get_by_role("status")).to_have_text("The boards are saved")
    account = page.get_by_role("region", name="Pinterest: shop")
    expect(account.get_by_role("row", name="Recipes 1234")).to_be_visible()
    account.get_by_label("Default board").select_option(label="Travel (5678)")
    account.get_by_role("button", name="Save the default board").click()
    expect(page.get_by_role("status")).to_have_text("The default board is saved")
    account = page.get_by_role("region", name="Pinterest: shop")
    account.get_by_label("Which board does a topic go to?").fill("recipes")
    account.get_by_role("button", name="Show the board").click()
    expect(page.get_by_text("goes to: Recipes (1234)")).to_be_visible()
    account = page.get_by_role("region", name="Pinterest: shop")
    account.get_by_label("Which board does a topic go to?").fill("gardening")
    account.get_by_role("button", name="Show the board").click()
    expect(page.get_by_text("goes to: Travel (5678)")).to_be_visible()


def test_without_scripts_a_post_is_sent_back_with_a_comment(chromium: Browser, site: Site) -> None:
    post_id = site.contributors_post("Winter sale")
    context = chromium.new_context(locale="en-US", java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in(page, site, PUBLISHER)
        desk_link(page, "Approvals")
        review = page.get_by_role("article", name=f"Post {post_id}")
        review.get_by_label("What to change").fill("Use the square photo")
        review.get_by_role("button", name=f"Send back post {post_id}").click()
        expect(page.get_by_role("status")).to_have_text(
            "The post is sent back to its author with your comment"
        )
        page.get_by_role("button", name="Sign out").click()
        sign_in(page, site, CONTRIBUTOR)
        desk_link(page, "Approvals")
        mine = page.get_by_role("article", name=f"Post {post_id}")
        expect(mine).to_contain_text("Use the square photo")
        expect(mine.get_by_role("button")).to_have_count(0)
    finally:
        context.close()


def test_an_account_whose_token_was_revoked_is_reconnected_from_its_page(
    context: BrowserContext, site: Site
) -> None:
    """Instagram stops taking the account's token; the next post fails and says so; the
    accounts page says the account needs reconnecting, its button goes through Facebook
    Login (the sandbox's consent page) and back, and the account is healthy again."""
    site.sandbox.http.post(f"/_sandbox/instagram/accounts/{IG_USER}/revoke").raise_for_status()
    body = {
        "credential": site.instagram,
        "url": "https://cdn.example.com/photo.jpg",
        "content_type": "Photo",
        "caption": "Posted with a revoked token",
        "date_pub": "now",
    }
    created = site.api.http.post("/api/v1/posts/", json=body)
    assert created.status_code == 201, created.text
    site.api.wait_for_status(created.json()["id"], "failed")
    page = context.new_page()
    sign_in(page, site, ADMIN)
    desk_link(page, "Connected accounts")
    account = page.get_by_role("region", name=re.compile(r"^Instagram: .*"))
    expect(account).to_contain_text("needs reconnecting")
    account.get_by_role("link", name=re.compile(r"^Reconnect ")).click()
    # The page the callback answers, back from the consent page.
    expect(page.get_by_role("status")).to_contain_text("The Instagram account is connected")
    desk_link(page, "Connected accounts")
    account = page.get_by_role("region", name=re.compile(r"^Instagram: .*"))
    expect(account).not_to_contain_text("needs reconnecting")
