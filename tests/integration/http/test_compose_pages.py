"""The compose and post pages, driven as a browser without scripts would (plain form posts,
cookies, redirects), on the real container with `autopost sandbox` as the platforms: a post
written for two accounts, a caption the domain refuses shown next to the field, drafts, edits,
and the post page with its buttons (retry, cancel, duplicate, reschedule)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest
from page_browser import open_browser, sign_in
from sandboxed_world import PASSWORD, add_user

from autopost.adapters.http.app import create_app
from autopost.application.access import SYSTEM
from autopost.domain.access import Role
from autopost.domain.attempt import Answer, Asked, PublicationAttempt
from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.example.com/spring.jpg"


async def account_ids(world: Container) -> tuple[int, int]:
    accounts = await world.integrations.list_credentials().execute(SYSTEM)
    by_platform = {a.platform: a.id for a in accounts}
    instagram, pinterest = by_platform[Platform.INSTAGRAM], by_platform[Platform.PINTEREST]
    assert instagram is not None and pinterest is not None
    return instagram, pinterest


def form(browser: httpx.AsyncClient, **fields: str | list[str]) -> dict[str, str | list[str]]:
    return {"csrfmiddlewaretoken": browser.cookies["csrftoken"], **fields}


async def post_count(world: Container) -> int:
    return len(await world.posting.list_posts().execute(SYSTEM, 100, 0))


def created_id(response: httpx.Response) -> int:
    assert response.status_code == 303, response.text[-2000:]
    found = re.fullmatch(r"/posts/(\d+)/(\?.*)?", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


async def compose(browser: httpx.AsyncClient, accounts: list[int], **fields: str) -> httpx.Response:
    values = {
        "accounts": [str(a) for a in accounts],
        "content_type": "Photo",
        "media": IMAGE,
        "caption": "Spring is here #spring",
        "topic": "Python",
        "date": "2030-03-02",
        "time": "10:30",
        "action": "submit",
        **fields,
    }
    return await browser.post("/posts/new/", data=form(browser, **values))


async def test_the_compose_page_offers_every_account_and_the_limits(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    page = await browser.get("/posts/new/")
    assert page.status_code == 200
    assert f'name="accounts" value="{instagram}"' in page.text
    assert f'name="accounts" value="{pinterest}"' in page.text
    assert "0 / 2200 characters" in page.text and "0 / 30 hashtags" in page.text
    assert "0 / 20 people" in page.text and "0 / 100 characters" in page.text
    assert '<script src="/static/compose.js" defer></script>' in page.text
    assert (await browser.get("/static/compose.js")).status_code == 200
    policy = page.headers["content-security-policy"]
    assert "img-src 'self' https:" in policy and "media-src https:" in policy, "previews load"


async def test_a_post_for_two_accounts_is_one_post_with_two_publications(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    before = await post_count(world)
    post_id = created_id(await compose(browser, [instagram, pinterest]))
    assert await post_count(world) == before + 1
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    assert [p.credential_id for p in view.publications] == [instagram, pinterest]
    # 10:30 in the user's zone, UTC while their settings have none.
    assert {p.publish_at for p in view.publications} == {datetime(2030, 3, 2, 10, 30, tzinfo=UTC)}
    assert {p.status for p in view.publications} == {PublicationStatus.SCHEDULED}
    detail = await browser.get(f"/posts/{post_id}/")
    assert detail.text.count('class="publication status-scheduled"') == 2
    assert "(Instagram)" in detail.text and "(Pinterest)" in detail.text
    assert "2030-03-02 10:30 UTC" in detail.text
    for button in ("Cancel the post", "Duplicate as a new draft", "Reschedule"):
        assert button in detail.text
    assert "Retry on" not in detail.text, "nothing failed"
    assert "Created" in detail.text and "Planned on this account" in detail.text


async def test_a_refused_caption_shows_the_domains_message_by_the_caption(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    before = await post_count(world)
    tags = " ".join(f"#t{n}" for n in range(31))
    answer = await compose(browser, [instagram, pinterest], caption=tags)
    assert answer.status_code == 400
    assert await post_count(world) == before, "nothing stored"
    problems = re.search(r'<ul class="field-problem" id="caption-problems">(.*?)</ul>', answer.text)
    assert problems, "the message is next to the caption"
    assert "Instagram allows at most 30 hashtags; found 31." in problems.group(1)
    assert "demo" in problems.group(1).lower() or ":" in problems.group(1), "named by account"
    # What was written is there to fix.
    assert tags in answer.text and "31 / 30 hashtags" in answer.text
    assert 'aria-invalid="true"' in answer.text


async def test_the_media_are_previewed_in_the_html_the_server_sends(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, _ = await account_ids(world)
    video = "https://cdn.example.com/clip.mp4"
    answer = await compose(
        browser, [instagram], content_type="Carousel", media=f"{IMAGE}\n{video}", caption="#" * 3000
    )
    assert answer.status_code == 400, "the caption is too long"
    assert f'<img src="{IMAGE}" alt="Preview of {IMAGE}">' in answer.text
    assert f'<video src="{video}"' in answer.text


async def test_a_draft_waits_without_a_time(browser: httpx.AsyncClient, world: Container) -> None:
    instagram, _ = await account_ids(world)
    post_id = created_id(await compose(browser, [instagram], date="", time="", action="draft"))
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    assert view.publication.status is PublicationStatus.DRAFT
    assert view.publication.publish_at is None
    detail = await browser.get(f"/posts/{post_id}/")
    assert "Draft" in detail.text and "No time yet" in detail.text


async def test_an_edit_changes_the_caption_and_keeps_what_was_not_touched(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    post_id = created_id(await compose(browser, [instagram, pinterest]))
    page = await browser.get(f"/posts/{post_id}/edit/")
    assert page.status_code == 200
    assert "Spring is here #spring" in page.text and 'value="2030-03-02"' in page.text
    answer = await browser.post(
        f"/posts/{post_id}/edit/",
        data=form(
            browser,
            content_type="Photo",
            media=IMAGE,
            caption="Summer now",
            topic="Python",
            date="2030-03-02",
            time="10:30",
            action="submit",
        ),
    )
    assert created_id(answer) == post_id
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    assert getattr(view.post.content, "caption", None) == "Summer now"
    assert {p.publish_at for p in view.publications} == {datetime(2030, 3, 2, 10, 30, tzinfo=UTC)}
    refused = await browser.post(
        f"/posts/{post_id}/edit/",
        data=form(browser, content_type="Carousel", media=IMAGE, caption="x", action="submit"),
    )
    assert refused.status_code == 400
    assert "(Instagram): A carousel has 2 to 10 items; got 1." in refused.text


async def test_retry_cancel_duplicate_and_reschedule_by_form(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    post_id = created_id(await compose(browser, [instagram, pinterest]))
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    first, second = view.publications

    moved = await browser.post(
        f"/posts/{post_id}/reschedule/",
        data=form(browser, date="2030-04-01", time="08:15", publication_id=str(second.id)),
    )
    assert moved.status_code == 303
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    assert [p.publish_at for p in view.publications] == [
        datetime(2030, 3, 2, 10, 30, tzinfo=UTC),
        datetime(2030, 4, 1, 8, 15, tzinfo=UTC),
    ]

    cancelled = await browser.post(
        f"/posts/{post_id}/cancel/", data=form(browser, publication_id=str(second.id))
    )
    assert cancelled.status_code == 303
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    assert [p.status for p in view.publications] == [
        PublicationStatus.SCHEDULED,
        PublicationStatus.CANCELLED,
    ]

    await fail(world, first.id)
    detail = await browser.get(f"/posts/{post_id}/")
    assert "Failed" in detail.text and "What to do:" in detail.text
    assert "Retry on" in detail.text
    assert "Failed on autopost_demo: " in detail.text, "the timeline has the last error"
    retried = await browser.post(
        f"/posts/{post_id}/retry/", data=form(browser, publication_id=str(first.id))
    )
    assert retried.status_code == 303
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    assert view.publication.status is not PublicationStatus.FAILED

    copy_id = created_id(await browser.post(f"/posts/{post_id}/duplicate/", data=form(browser)))
    assert copy_id != post_id
    copy = await world.posting.get_post().execute(SYSTEM, copy_id)
    assert [p.credential_id for p in copy.publications] == [instagram, pinterest]
    assert {p.status for p in copy.publications} == {PublicationStatus.DRAFT}
    assert copy.post.content == view.post.content

    timeline = (await browser.get(f"/posts/{post_id}/")).text
    for what in ("Changed", "Cancelled", "Retried"):
        assert what in timeline, what


async def fail(world: Container, publication_id: int | None) -> None:
    """The publication failed at the platform (what a worker records)."""
    assert publication_id is not None
    async with world.infrastructure.uow() as uow:
        publication = await uow.publications.get(publication_id)
        assert publication is not None
        now = world.infrastructure.clock().now()
        publication.status = PublicationStatus.PROCESSING
        publication.fail("The media URL could not be fetched.", now=now)
        await uow.commit()


async def test_an_edit_changes_one_accounts_own_caption_alone(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    fields = {f"caption_for_{pinterest}": "A pin of its own"}
    post_id = created_id(await compose(browser, [instagram, pinterest], **fields))
    page = (await browser.get(f"/posts/{post_id}/edit/")).text
    assert f'name="caption_for_{pinterest}"' in page and "A pin of its own</textarea>" in page
    assert f'name="caption_for_{instagram}"' not in page, "the first account's is the caption"
    edited = {
        "content_type": "Photo",
        "media": IMAGE,
        "caption": "Spring is here #spring",
        "topic": "Python",
        "date": "2030-03-02",
        "time": "10:30",
        "action": "submit",
    }
    answer = await browser.post(
        f"/posts/{post_id}/edit/",
        data=form(browser, **edited, **{f"caption_for_{pinterest}": "The pin, rewritten"}),
    )
    assert created_id(answer) == post_id
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    first, pin = (p.what_is_published(view.post).content for p in view.publications)
    assert getattr(first, "caption", None) == "Spring is here #spring"
    assert getattr(pin, "description", None) == "The pin, rewritten"
    # Emptied: the pin takes the post's caption again.
    await browser.post(f"/posts/{post_id}/edit/", data=form(browser, **edited))
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    pin = view.publications[1].what_is_published(view.post).content
    assert getattr(pin, "description", None) == "Spring is here #spring"


async def test_the_timeline_tells_each_step_with_what_to_do_in_the_persons_zone(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, _ = await account_ids(world)
    post_id = created_id(await compose(browser, [instagram]))
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    publication_id = view.publication.id
    assert publication_id is not None
    async with world.infrastructure.uow() as uow:
        admin = await uow.users.by_login("admin")
        assert admin is not None
        admin.time_zone = "Europe/Berlin"
        # Two steps, as a worker keeps them: a passing problem, then a refusal.
        at = datetime(2030, 3, 2, 10, 25, tzinfo=UTC)
        retry = PublicationAttempt(publication_id, at, Asked.PREPARE, Answer.RETRY, "HTTP 503")
        retry.next_at = datetime(2030, 3, 2, 10, 26, tzinfo=UTC)
        await uow.attempts.add(retry)
        refused = "The media URL could not be fetched."
        await uow.attempts.add(
            PublicationAttempt(publication_id, at, Asked.PREPARE, Answer.FAILED, refused)
        )
        await uow.commit()
    page = (await browser.get(f"/posts/{post_id}/")).text
    assert "data-watch" not in page and "post_status.js" not in page, "not due soon: not watched"
    timeline = page[page.index('id="timeline-heading"') :]
    assert "Asked the platform to prepare the media: a problem that may pass on" in timeline
    assert "Autopost tries again at 2030-03-02 11:26 CET." in timeline
    assert f'refused on autopost_demo: <span class="detail">{refused}</span>' in timeline
    assert "What to do:</strong> Check that the media is at a public https address" in timeline
    # The audit log's entry names the post's time: in the person's zone, as every time here.
    assert "for 2030-03-02 11:30 CET" in timeline and "10:30:00+00:00" not in timeline


async def test_refusals_of_the_buttons_are_shown_in_words(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, _ = await account_ids(world)
    post_id = created_id(await compose(browser, [instagram]))
    await browser.post(f"/posts/{post_id}/cancel/", data=form(browser))
    again = await browser.post(
        f"/posts/{post_id}/reschedule/", data=form(browser, date="2030-05-01", time="09:00")
    )
    assert again.status_code in (400, 409)
    assert 'role="alert"' in again.text


async def test_an_observer_sees_the_post_without_its_buttons(
    world: Container, browser: httpx.AsyncClient
) -> None:
    instagram, _ = await account_ids(world)
    post_id = created_id(await compose(browser, [instagram]))
    hashed = world.infrastructure.password_hasher().hash(PASSWORD)
    await add_user(world, "watcher", Role.OBSERVERS, hashed)
    async with open_browser(create_app(world)) as observer:
        await sign_in(observer, "watcher")
        detail = await observer.get(f"/posts/{post_id}/")
        assert detail.status_code == 200
        for button in ("Cancel the post", "Duplicate", "Reschedule", "Edit the post"):
            assert button not in detail.text
        assert (await observer.get("/posts/new/")).status_code == 403
        forged = await observer.post(f"/posts/{post_id}/cancel/", data=form(observer))
        assert forged.status_code == 403


async def test_a_contributor_changes_only_their_own_posts(
    world: Container, browser: httpx.AsyncClient
) -> None:
    instagram, _ = await account_ids(world)
    admins = created_id(await compose(browser, [instagram]))
    hashed = world.infrastructure.password_hasher().hash(PASSWORD)
    await add_user(world, "writer", Role.CONTRIBUTORS, hashed)
    async with open_browser(create_app(world)) as writer:
        await sign_in(writer, "writer")
        theirs = await writer.get(f"/posts/{admins}/")
        assert "Cancel the post" not in theirs.text and "Reschedule" not in theirs.text
        assert "Duplicate as a new draft" in theirs.text
        assert (await writer.get(f"/posts/{admins}/edit/")).status_code == 403
        own = created_id(await compose(writer, [instagram]))
        detail = await writer.get(f"/posts/{own}/")
        assert "Edit the post" in detail.text and "Cancel the post" in detail.text


async def test_where_approval_applies_scheduling_submits_for_approval(
    world: Container, browser: httpx.AsyncClient
) -> None:
    instagram, _ = await account_ids(world)
    await world.posting.set_account_approval().execute(SYSTEM, instagram, True)
    hashed = world.infrastructure.password_hasher().hash(PASSWORD)
    await add_user(world, "junior", Role.CONTRIBUTORS, hashed)
    async with open_browser(create_app(world)) as junior:
        await sign_in(junior, "junior")
        post_id = created_id(await compose(junior, [instagram]))
        view = await world.posting.get_post().execute(SYSTEM, post_id)
        assert view.publication.status is PublicationStatus.AWAITING_APPROVAL
        assert "Waiting for approval" in (await junior.get(f"/posts/{post_id}/")).text


async def test_a_cancelled_post_is_not_edited_and_the_page_says_why(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, _ = await account_ids(world)
    post_id = created_id(await compose(browser, [instagram]))
    await browser.post(f"/posts/{post_id}/cancel/", data=form(browser))
    detail = await browser.get(f"/posts/{post_id}/")
    assert "Edit the post" not in detail.text and "Cancel the post" not in detail.text
    edited = await browser.post(
        f"/posts/{post_id}/edit/",
        data=form(browser, content_type="Photo", media=IMAGE, caption="Too late", action="submit"),
    )
    assert edited.status_code == 409
    assert 'role="alert"' in edited.text and "cancelled" in edited.text


async def test_a_post_that_does_not_exist_is_said_so(browser: httpx.AsyncClient) -> None:
    for path in ("/posts/999/", "/posts/999/edit/"):
        page = await browser.get(path)
        assert page.status_code == 404 and "No such post" in page.text
    refused = await browser.post("/posts/999/cancel/", data=form(browser))
    assert refused.status_code == 404 and "No such post" in refused.text


async def test_a_pin_is_put_into_a_section_picked_on_the_page_and_shown_by_name(
    browser: httpx.AsyncClient, world: Container
) -> None:
    instagram, pinterest = await account_ids(world)
    boards = await world.pinterest.refresh_boards().execute(SYSTEM, pinterest)
    code = next(b.board_id for b in boards if b.name == "code")
    sections = await world.pinterest.list_stored_sections().execute(SYSTEM, pinterest)
    quizzes = next(s.section_id for s in sections if s.name == "Quizzes")
    choice = f"{code}:{quizzes}"

    page = await browser.get("/posts/new/")
    assert f'<option value="{choice}" >code \u203a section Quizzes</option>' in page.text

    post_id = created_id(
        await compose(browser, [instagram, pinterest], **{f"board_for_{pinterest}": choice})
    )
    view = await world.posting.get_post().execute(SYSTEM, post_id)
    pin = view.publications[1]
    assert (pin.board_id, pin.board_section_id) == (code, quizzes)
    detail = (await browser.get(f"/posts/{post_id}/")).text
    assert f"<dt>Board</dt><dd>code ({code})</dd>" in detail
    assert f"<dt>Board section</dt><dd>Quizzes ({quizzes})</dd>" in detail
