"""The queue, approval and accounts pages, driven as a browser would (forms, cookies,
redirects) on the real container over the sandboxed platforms: what each shows, each form,
the refusals in words, and what each role is shown."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
import pytest
from desk_world import (
    ADMIN,
    INSTAGRAM,
    PINTEREST,
    QUEUED_POST,
    actor_of,
    add_people,
    awaiting_approval,
    queued,
)
from page_browser import open_browser, sign_in

from autopost.adapters.http.app import create_app
from autopost.domain.access import Role
from autopost.domain.publication import PublicationStatus
from autopost.domain.user import User
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

FORM = "csrfmiddlewaretoken"


@pytest.fixture
async def people(world: Container) -> dict[Role, User]:
    return await add_people(world)


@asynccontextmanager
async def browser_as(world: Container, username: str) -> AsyncIterator[httpx.AsyncClient]:
    async with open_browser(create_app(world)) as browser:
        await sign_in(browser, username)
        yield browser


@pytest.fixture
async def admin(world: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with browser_as(world, "admin") as browser:
        yield browser


async def post_form(browser: httpx.AsyncClient, path: str, **fields: str) -> httpx.Response:
    return await browser.post(path, data={FORM: browser.cookies["csrftoken"], **fields})


async def followed(browser: httpx.AsyncClient, response: httpx.Response) -> str:
    assert response.status_code == 303, response.text[-600:]
    return (await browser.get(response.headers["location"])).text


def queue_order(page: str, account: int = INSTAGRAM) -> list[int]:
    section = page.split(f'id="queue-{account}"')[1].split("</section>")[0]
    return [int(n) for n in re.findall(r'href="/posts/(\d+)/"', section)]


# Queues


async def test_the_queue_page_shows_each_accounts_slots_and_queue_in_its_zone(
    admin: httpx.AsyncClient,
) -> None:
    page = (await admin.get("/queues/")).text
    assert "Slots every week, in <strong>UTC</strong>" in page
    assert "tue 09:00" in page and "fri 18:00" in page
    assert queue_order(page) == [QUEUED_POST]
    assert "Tue 01 Jan 2030, 09:00 (UTC)" in page
    assert "This account has no posting slots" in page  # the Pinterest account


async def test_setting_slots_in_another_zone_shows_the_queue_in_it(
    admin: httpx.AsyncClient,
) -> None:
    response = await post_form(
        admin,
        "/queues/slots/",
        credential_id=str(INSTAGRAM),
        time_zone="Europe/Berlin",
        slots="Tue 10:00\nfri 18:00\n\n",
    )
    page = await followed(admin, response)
    assert "The posting slots are saved" in page
    assert "Slots every week, in <strong>Europe/Berlin</strong>" in page
    # The seeded post at 09:00 UTC is Berlin's 10:00: still in a slot, shown on Berlin's clock.
    assert "Tue 01 Jan 2030, 10:00 (Europe/Berlin)" in page


async def test_slots_written_wrong_are_refused_in_words_and_kept_in_the_form(
    admin: httpx.AsyncClient,
) -> None:
    response = await post_form(
        admin,
        "/queues/slots/",
        credential_id=str(INSTAGRAM),
        time_zone="Mars/Olympus",
        slots="mon 9am\nsomeday",
    )
    assert response.status_code == 400
    assert "&#39;Mars/Olympus&#39; is not a time zone" in response.text
    assert "give the time as HH:MM" in response.text
    assert "the weekday is one of mon" in response.text
    assert "mon 9am\nsomeday</textarea>" in response.text
    page = (await admin.get("/queues/")).text
    assert "Slots every week, in <strong>UTC</strong>" in page, "nothing was saved"


async def test_moving_a_post_up_gives_it_the_earlier_slot(
    world: Container, admin: httpx.AsyncClient
) -> None:
    sooner = await queued(world, "Second")  # the next free slot: before the seeded post's
    page = (await admin.get("/queues/")).text
    assert queue_order(page) == [sooner, QUEUED_POST]
    assert f'aria-label="Move up post {QUEUED_POST}"' in page
    response = await post_form(
        admin, "/queues/reorder/", credential_id=str(INSTAGRAM), order=f"{QUEUED_POST},{sooner}"
    )
    page = await followed(admin, response)
    assert "The queue is reordered" in page
    assert queue_order(page) == [QUEUED_POST, sooner]


async def test_a_reorder_that_is_not_the_queue_is_refused_in_words(
    admin: httpx.AsyncClient,
) -> None:
    response = await post_form(
        admin, "/queues/reorder/", credential_id=str(INSTAGRAM), order=f"{QUEUED_POST},999"
    )
    assert response.status_code == 400
    assert "List every post of the queue once" in response.text
    assert "Not in this account&#39;s queue: 999" in response.text


async def test_shuffling_a_queue_moves_its_posts(
    world: Container, admin: httpx.AsyncClient
) -> None:
    second = await queued(world, "Second")
    response = await post_form(admin, "/queues/shuffle/", credential_id=str(INSTAGRAM))
    page = await followed(admin, response)
    assert "The queue is shuffled" in page
    assert queue_order(page) == [QUEUED_POST, second]  # two posts: never the same order


async def test_a_contributor_moves_only_between_their_own_posts(
    world: Container, people: dict[Role, User]
) -> None:
    contributor = actor_of(people[Role.CONTRIBUTORS], Role.CONTRIBUTORS)
    first = await queued(world, "Mine", contributor)
    second = await queued(world, "Mine too", contributor)
    async with browser_as(world, "contributors") as browser:
        page = (await browser.get("/queues/")).text
        assert queue_order(page) == [first, second, QUEUED_POST]
        assert f'aria-label="Move down post {first}"' in page, "both posts are theirs"
        assert f'aria-label="Move down post {second}"' not in page, "the next is the admin's"
        assert f'aria-label="Move up post {QUEUED_POST}"' not in page
        assert "Shuffle" not in page, "a shuffle would move the admin's post"
        moved = await post_form(
            browser,
            "/queues/reorder/",
            credential_id=str(INSTAGRAM),
            order=f"{second},{first},{QUEUED_POST}",
        )
        assert queue_order(await followed(browser, moved)) == [second, first, QUEUED_POST]
        forged = await post_form(
            browser,
            "/queues/reorder/",
            credential_id=str(INSTAGRAM),
            order=f"{second},{QUEUED_POST},{first}",
        )
        assert forged.status_code == 403


async def test_an_observer_sees_the_queues_without_their_forms(
    world: Container, people: dict[Role, User]
) -> None:
    await queued(world, "Second")
    async with browser_as(world, "observers") as observer:
        page = (await observer.get("/queues/")).text
        assert queue_order(page) and "Move up" not in page and "Shuffle" not in page
        assert "Edit the slots" not in page
        response = await post_form(
            observer, "/queues/slots/", credential_id=str(INSTAGRAM), time_zone="UTC", slots=""
        )
        assert response.status_code == 403
        assert "Your role does not allow this page" in response.text


# Approvals


async def test_a_publisher_approves_a_contributors_post_from_the_page(
    world: Container, people: dict[Role, User]
) -> None:
    post_id = await awaiting_approval(world, people[Role.CONTRIBUTORS], "Autumn sale")
    async with browser_as(world, "publishers") as publisher:
        page = (await publisher.get("/approvals/")).text
        assert f'href="/posts/{post_id}/"' in page
        assert "Instagram: " in page and "Autumn sale" in page
        assert "Mon 03 Mar 2031, 10:17 UTC" in page
        assert f'aria-label="Approve post {post_id}"' in page
        response = await post_form(publisher, "/approvals/approve/", post_id=str(post_id))
        page = await followed(publisher, response)
    assert "The post is approved" in page
    assert "No post is awaiting approval" in page
    view = await world.posting.get_post().execute(ADMIN, post_id)
    assert view.publication.status is PublicationStatus.SCHEDULED


async def test_a_post_sent_back_shows_its_author_the_comment_read_only(
    world: Container, people: dict[Role, User]
) -> None:
    post_id = await awaiting_approval(world, people[Role.CONTRIBUTORS])
    async with browser_as(world, "admin") as admin:
        refused = await post_form(admin, "/approvals/return/", post_id=str(post_id), comment=" ")
        assert refused.status_code == 400
        assert "Say what to change" in refused.text
        response = await post_form(
            admin, "/approvals/return/", post_id=str(post_id), comment="Use the square photo"
        )
        assert "The post is sent back" in await followed(admin, response)
        again = await post_form(admin, "/approvals/approve/", post_id=str(post_id))
        assert again.status_code == 409
        assert "This post is returned, not awaiting approval" in again.text
    async with browser_as(world, "contributors") as contributor:
        page = (await contributor.get("/approvals/")).text
        assert f'href="/posts/{post_id}/"' in page
        assert "Use the square photo" in page and "returned" in page
        assert "Approve" not in page and "Send back" not in page


async def test_a_forged_approval_by_a_contributor_is_refused_with_the_forbidden_page(
    world: Container, people: dict[Role, User]
) -> None:
    post_id = await awaiting_approval(world, people[Role.CONTRIBUTORS])
    async with browser_as(world, "contributors") as contributor:
        page = (await contributor.get("/approvals/")).text
        assert "awaiting approval" in page and "Approve" not in page
        response = await post_form(contributor, "/approvals/approve/", post_id=str(post_id))
    assert response.status_code == 403
    assert "Your role does not allow this page" in response.text
    assert "Only a Publisher or an Administrator may approve or return a post." in response.text
    view = await world.posting.get_post().execute(ADMIN, post_id)
    assert view.publication.status is PublicationStatus.AWAITING_APPROVAL


# Connected accounts


async def test_the_accounts_page_says_each_accounts_state_in_words(
    world: Container, admin: httpx.AsyncClient
) -> None:
    now = world.infrastructure.clock().now()
    async with world.infrastructure.uow() as uow:
        instagram = await uow.credentials.get(INSTAGRAM)
        assert instagram is not None
        instagram.expires_at = now + timedelta(days=3)
        await uow.commit()
    page = (await admin.get("/connected-accounts/")).text
    soon = (now + timedelta(days=3)).strftime("%Y-%m-%d")
    assert f"the token expires on {soon}</span>: reconnect the account before then" in page
    assert 'href="/auth/instagram/authorize/?login=facebook">Reconnect' in page
    assert 'href="/auth/instagram/authorize/?login=instagram"' in page
    assert 'href="/auth/pinterest/authorize/">Connect Pinterest' in page
    async with world.infrastructure.uow() as uow:
        instagram = await uow.credentials.get(INSTAGRAM)
        assert instagram is not None
        instagram.needs_reconnect("Instagram refused the token: it was revoked")
        await uow.commit()
    page = (await admin.get("/connected-accounts/")).text
    assert "needs reconnecting</span>: Instagram refused the token: it was revoked" in page
    pinterest = page.split(f'id="account-{PINTEREST}"')[1]
    assert '<span class="state-healthy">healthy</span>' in pinterest


async def test_disconnecting_an_account_whose_posts_wait_is_refused_in_words(
    world: Container, admin: httpx.AsyncClient
) -> None:
    response = await post_form(admin, "/connected-accounts/disconnect/", credential_id="1")
    assert response.status_code == 409
    assert "scheduled post(s): cancel them before removing it" in response.text
    response = await post_form(
        admin, "/connected-accounts/disconnect/", credential_id=str(PINTEREST)
    )
    page = await followed(admin, response)
    assert "The account is disconnected" in page
    assert f'id="account-{PINTEREST}"' not in page


async def test_requiring_approval_for_an_account(admin: httpx.AsyncClient) -> None:
    response = await post_form(
        admin,
        "/connected-accounts/approval/",
        credential_id=str(INSTAGRAM),
        requires_approval="true",
    )
    page = await followed(admin, response)
    assert "The approval setting is saved" in page
    assert "Stop requiring approval for" in page and "wait for approval" in page


async def test_a_pinterest_board_mapping_edited_by_hand_picks_the_board_of_a_topic(
    admin: httpx.AsyncClient,
) -> None:
    response = await post_form(
        admin,
        "/connected-accounts/boards/",
        credential_id=str(PINTEREST),
        action="manual",
        boards="Recipes = 1234\nTravel tips = 5678",
    )
    page = await followed(admin, response)
    assert "The boards are saved" in page
    assert "<td>Recipes</td><td>1234</td>" in page and "given by hand" in page
    assert "Recipes = 1234\nTravel tips = 5678</textarea>" in page
    page = (await admin.get("/connected-accounts/?topic=recipes")).text
    assert "goes to: <strong>Recipes (1234)</strong>" in page
    response = await post_form(
        admin,
        "/connected-accounts/default-board/",
        credential_id=str(PINTEREST),
        default_board_id="5678",
    )
    assert "The default board is saved" in await followed(admin, response)
    page = (await admin.get("/connected-accounts/?topic=Gardening")).text
    assert "goes to: <strong>Travel tips (5678)</strong>" in page
    assert "the default board (5678)" in page


async def test_boards_written_wrong_and_an_unknown_default_are_refused_in_words(
    admin: httpx.AsyncClient,
) -> None:
    response = await post_form(
        admin,
        "/connected-accounts/boards/",
        credential_id=str(PINTEREST),
        action="manual",
        boards="Recipes 1234\nTravel = abc",
    )
    assert response.status_code == 400
    assert "Not like that: Recipes 1234, Travel." in response.text
    assert "Recipes 1234\nTravel = abc</textarea>" in response.text
    response = await post_form(
        admin,
        "/connected-accounts/default-board/",
        credential_id=str(PINTEREST),
        default_board_id="42",
    )
    assert response.status_code == 400
    assert "Board 42 is not one of this account&#39;s boards" in response.text


async def test_refreshing_the_boards_from_pinterest(admin: httpx.AsyncClient) -> None:
    response = await post_form(
        admin, "/connected-accounts/boards/", credential_id=str(PINTEREST), action="refresh"
    )
    page = await followed(admin, response)
    assert "The boards are refreshed from Pinterest" in page


async def test_the_boards_sections_are_shown_and_a_topic_naming_one_goes_into_it(
    admin: httpx.AsyncClient,
) -> None:
    await post_form(
        admin, "/connected-accounts/boards/", credential_id=str(PINTEREST), action="refresh"
    )
    page = (await admin.get("/connected-accounts/")).text
    found = re.search(r"<td>Basics \(\d+\), Quizzes \(\d+\)</td>", page)
    assert found, page[-3000:]
    assert "names a section goes into that section" in page

    answer = (await admin.get("/connected-accounts/", params={"topic": "quizzes"})).text
    assert re.search(r"goes to: <strong>code \(\d+\), section Quizzes \(\d+\)</strong>", answer)


async def test_an_observer_sees_the_accounts_without_a_control(
    world: Container, people: dict[Role, User]
) -> None:
    async with browser_as(world, "observers") as observer:
        page = (await observer.get("/connected-accounts/")).text
        assert "Connect Pinterest" not in page and "Disconnect" not in page
        assert "Require approval" not in page and "Save the boards" not in page
        assert "How a pin finds its board" in page
        response = await post_form(
            observer, "/connected-accounts/disconnect/", credential_id=str(PINTEREST)
        )
        assert response.status_code == 403
