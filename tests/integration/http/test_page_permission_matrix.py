"""Every web page, for every role, with each of its forms: refused with the "not allowed" page
(403) exactly when the role may not use it; and a signed-out visitor sent to sign in first.

The table below is the pages' permission matrix written out by hand, one row per page route
and method. The routes are the pages' registry, ``pages.routes``: test_api_schema.py makes
every other route a documented API operation, which test_permission_matrix.py covers. A page
route without a row fails the test, so a new page must say who may see it, and a page that
takes a POST must say which forms are posted to it. Each role signs in through the sign-in
form (a session cookie, and its CSRF token repeated by every form), opens every page and
posts every form filled in as a person would; what an allowed request answers is other
tests' business (test_web_pages.py), here only "refused or not" is. One Autopost serves the
whole module; each cell leaves it as it found it, so the cells can run in any order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from attrs import define, field, frozen
from desk_world import ADMIN as ADMIN_ACTOR
from desk_world import INSTAGRAM, PINTEREST, QUEUED_POST, awaiting_approval
from page_browser import open_browser, sign_in
from sandboxed_world import PASSWORD, add_user, sandboxed_container, seed_world, sqlite_copy
from starlette.applications import Starlette
from starlette.routing import Route

from autopost.adapters.http.app import create_app
from autopost.adapters.http.csrf import FORM_FIELD
from autopost.adapters.http.pages.rendering import LOGIN_PAGE
from autopost.adapters.http.pages.routes import routes as page_routes
from autopost.adapters.http.session_cookies import CSRF_COOKIE
from autopost.application.access import SYSTEM, Actor
from autopost.application.library.upload import Upload
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.series import ScheduleSeries
from autopost.domain.access import ROLE_IDS, Action, Resource, Role
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.publication import PublicationStatus
from autopost.domain.recurrence import recurrence
from autopost.domain.user import User
from autopost.domain.webhooks import DeliveryStatus, WebhookDelivery
from autopost.entrypoints.container import Container, close_resources
from autopost.sandbox.app import create_app as create_sandbox_app

pytestmark = [pytest.mark.integration, pytest.mark.asyncio(loop_scope="module")]

EVERYONE = frozenset(Role)
ADMINS = frozenset({Role.ADMINISTRATORS})
# Full control of posts and accounts.
REVIEWERS = frozenset({Role.ADMINISTRATORS, Role.PUBLISHERS})
# Who writes posts (a Contributor only their own).
WRITERS = REVIEWERS | {Role.CONTRIBUTORS}


# Who may change posts (a Contributor, those they created).
POST_WRITERS = EVERYONE - {Role.OBSERVERS}
# Who may change a post someone else wrote (every post page's post is the administrator's).
EDITORS = frozenset({Role.ADMINISTRATORS, Role.PUBLISHERS})

# (method, path) -> the roles allowed.
MATRIX: Mapping[tuple[str, str], frozenset[Role]] = {
    # Signing in and out
    ("GET", "/accounts/login/"): EVERYONE,
    ("POST", "/accounts/login/"): EVERYONE,
    ("GET", "/accounts/logout/"): EVERYONE,
    ("POST", "/accounts/logout/"): EVERYONE,
    # One's own profile, password, settings and keys
    ("GET", "/accounts/"): EVERYONE,
    ("GET", "/accounts/edit/"): EVERYONE,
    ("POST", "/accounts/edit/"): EVERYONE,
    ("POST", "/accounts/edit/password/"): EVERYONE,
    ("GET", "/accounts/settings/"): EVERYONE,
    ("POST", "/accounts/settings/"): EVERYONE,
    ("POST", "/accounts/settings/notifications/"): EVERYONE,
    ("POST", "/accounts/settings/telegram-code/"): EVERYONE,
    ("POST", "/accounts/settings/telegram/unlink/"): EVERYONE,
    ("GET", "/accounts/integrations/"): EVERYONE,
    ("POST", "/accounts/integrations/"): EVERYONE,
    ("GET", "/accounts/api-keys/"): EVERYONE,
    ("POST", "/accounts/api-keys/"): EVERYONE,
    # Users, their groups and the audit log
    ("GET", "/accounts/users/"): ADMINS,
    ("POST", "/accounts/users/"): ADMINS,
    # Queues and posting slots
    ("GET", "/queues/"): EVERYONE,
    ("POST", "/queues/slots/"): REVIEWERS,
    ("POST", "/queues/reorder/"): WRITERS,
    ("POST", "/queues/shuffle/"): WRITERS,
    # Approvals
    ("GET", "/approvals/"): EVERYONE,
    ("POST", "/approvals/approve/"): REVIEWERS,
    ("POST", "/approvals/return/"): REVIEWERS,
    # Connected accounts and a Pinterest account's boards
    ("GET", "/connected-accounts/"): EVERYONE,
    ("POST", "/connected-accounts/disconnect/"): REVIEWERS,
    ("POST", "/connected-accounts/approval/"): REVIEWERS,
    ("POST", "/connected-accounts/boards/"): REVIEWERS,
    ("POST", "/connected-accounts/default-board/"): REVIEWERS,
    # Reports, and when to post on an account
    ("GET", "/reports/"): EVERYONE,
    ("GET", "/connected-accounts/{credential_id}/best-times/"): EVERYONE,
    # Instagram media and comments
    ("GET", "/media/"): EVERYONE,
    ("POST", "/media/sync/"): REVIEWERS,
    ("GET", "/media/comments/"): EVERYONE,
    ("POST", "/media/comments/reply/"): WRITERS,
    ("POST", "/media/comments/hide/"): REVIEWERS,
    ("POST", "/media/comments/delete/"): REVIEWERS,
    ("POST", "/media/comments/refresh/"): REVIEWERS,
    # The media library: everyone reads it, Publishers and Administrators change it
    ("GET", "/library/"): EVERYONE,
    ("POST", "/library/upload/"): REVIEWERS,
    ("POST", "/library/delete/"): REVIEWERS,
    # The calendar (also at /) and its forms: move a publication, retry a failed one
    ("GET", "/calendar/"): EVERYONE,
    ("POST", "/calendar/move/"): POST_WRITERS,
    ("POST", "/calendar/retry/"): POST_WRITERS,
    # Writing a post, and a post's page with its buttons
    ("GET", "/posts/new/"): WRITERS,
    ("POST", "/posts/new/"): WRITERS,
    ("GET", "/posts/{post_id}/"): EVERYONE,
    ("GET", "/posts/{post_id}/edit/"): EDITORS,
    ("POST", "/posts/{post_id}/edit/"): EDITORS,
    ("POST", "/posts/{post_id}/retry/"): EDITORS,
    ("POST", "/posts/{post_id}/cancel/"): EDITORS,
    ("POST", "/posts/{post_id}/duplicate/"): WRITERS,
    ("POST", "/posts/{post_id}/reschedule/"): EDITORS,
    # A post that is one time of a series: change every time to come, stop the series
    ("POST", "/posts/{post_id}/series/"): EDITORS,
    ("POST", "/posts/{post_id}/series/stop/"): EDITORS,
    # Webhooks: the team's, managed by those who manage its accounts
    ("GET", "/webhooks/"): EDITORS,
    ("POST", "/webhooks/"): EDITORS,
    ("POST", "/webhooks/change/"): EDITORS,
    ("POST", "/webhooks/delete/"): EDITORS,
    ("POST", "/webhooks/resend/"): EDITORS,
}

# What a signed-out visitor gets where they are not sent to sign in first.
SIGNED_OUT: Mapping[tuple[str, str], tuple[int, str | None]] = {
    ("GET", "/accounts/login/"): (200, None),
    ("POST", "/accounts/login/"): (403, None),  # no csrftoken cookie to repeat: "form expired"
    ("GET", "/accounts/logout/"): (303, LOGIN_PAGE),
    ("POST", "/accounts/logout/"): (303, LOGIN_PAGE),
}

NOT_ALLOWED = "Your role does not allow this page"


@define
class Site:
    """The module's Autopost: its app, a user in each role, a user nobody signs in as, and
    each role's session (signed in again once a cell has ended it)."""

    container: Container
    app: Starlette
    users: Mapping[Role, User]
    bystander: User
    sessions: dict[Role, httpx.Cookies] = field(factory=dict)


@frozen
class Visitor:
    site: Site
    role: Role

    @property
    def user(self) -> User:
        return self.site.users[self.role]


Fields = dict[str, str | list[str]]
Form = Callable[[Visitor], Awaitable[Fields]]


async def sign_in_again(visitor: Visitor) -> Fields:
    return {"username": visitor.user.username, "password": PASSWORD, "next": "/accounts/"}


async def sign_out(visitor: Visitor) -> Fields:
    return {}


async def own_profile(visitor: Visitor) -> Fields:
    user = visitor.user
    return {"first_name": "Role", "last_name": user.username, "email": user.email}


async def same_password_again(visitor: Visitor) -> Fields:
    # A real change, so the form gets past every check; the same password, so the role can
    # still sign in.
    return {"old_password": PASSWORD, "new_password": PASSWORD, "new_password_confirm": PASSWORD}


async def own_settings(visitor: Visitor) -> Fields:
    return {"active_system": "sandbox", "interviewer_calendar_url": "https://cal.example.com/"}


async def own_notifications(visitor: Visitor) -> Fields:
    return {"telegram": "publication.failed", "notification_language": "en"}


async def nothing_more(visitor: Visitor) -> Fields:
    return {}


async def check_saved_key(visitor: Visitor) -> Fields:
    return {"integration": "gemini"}


async def new_api_key(visitor: Visitor) -> Fields:
    return {"action": "create", "name": "from the matrix"}


async def revoke_own_api_key(visitor: Visitor) -> Fields:
    # A key of one's own: any other is "not found" before anyone asks whether the role may.
    user = visitor.user
    actor = Actor.of(user.id, [visitor.role], False, user.username)
    token, _ = await visitor.site.container.people.issue_named_api_token().execute(
        actor, "to revoke"
    )
    return {"action": "revoke", "token_id": str(token.id)}


async def bystander_stays_observer(visitor: Visitor) -> Fields:
    # The groups the bystander already has: allowed or not, no role changes under the cells.
    observers = str(ROLE_IDS[Role.OBSERVERS])
    return {"user_id": str(visitor.site.bystander.id), "group_ids": [observers]}


async def same_slots(visitor: Visitor) -> Fields:
    # The seeded account's slots again.
    return {"credential_id": str(INSTAGRAM), "time_zone": "UTC", "slots": "tue 09:00\nfri 18:00"}


async def queue_in_its_order(visitor: Visitor) -> Fields:
    # The queue as it is (its one post): nothing moves, allowed or not.
    return {"credential_id": str(INSTAGRAM), "order": str(QUEUED_POST)}


async def shuffle_empty_queue(visitor: Visitor) -> Fields:
    # The Pinterest account has no slots: its queue is empty, nobody else's post to move.
    return {"credential_id": str(PINTEREST)}


async def approve_a_contributors_post(visitor: Visitor) -> Fields:
    # A post of its own for each cell, at a time no queue holds.
    post_id = await awaiting_approval(visitor.site.container, visitor.site.users[Role.CONTRIBUTORS])
    return {"post_id": str(post_id)}


async def send_back_a_contributors_post(visitor: Visitor) -> Fields:
    fields = await approve_a_contributors_post(visitor)
    return {**fields, "comment": "Use the square photo"}


async def disconnect_an_account_in_use(visitor: Visitor) -> Fields:
    # Its posts wait: refused in words where the role may disconnect, nothing removed.
    return {"credential_id": str(INSTAGRAM)}


async def approval_as_it_is(visitor: Visitor) -> Fields:
    return {"credential_id": str(INSTAGRAM), "requires_approval": "false"}


async def refresh_boards(visitor: Visitor) -> Fields:
    return {"credential_id": str(PINTEREST), "action": "refresh"}


async def board_by_hand(visitor: Visitor) -> Fields:
    return {"credential_id": str(PINTEREST), "action": "manual", "boards": "Matrix = 4242"}


async def no_default_board(visitor: Visitor) -> Fields:
    return {"credential_id": str(PINTEREST), "default_board_id": ""}


SYNCED_MEDIA = 1  # the first media the seeded sync stored


async def a_synced_comment(visitor: Visitor) -> int:
    """A comment found on Instagram (nobody's here), as it is now: refreshing the comments
    may have stored them anew."""
    comments = await visitor.site.container.instagram.list_comments().execute(
        ADMIN_ACTOR, SYNCED_MEDIA
    )
    found = [c.id for c in comments if c.author_id is None and c.deleted_at is None]
    assert found and found[0] is not None
    return found[0]


async def sync_now(visitor: Visitor) -> Fields:
    return {"credential_id": str(INSTAGRAM)}


async def reply_to_a_comment(visitor: Visitor) -> Fields:
    comment = await a_synced_comment(visitor)
    return {"media_id": str(SYNCED_MEDIA), "comment_id": str(comment), "text": "Thank you!"}


async def show_a_comment(visitor: Visitor) -> Fields:
    # Shown already: nothing changes, allowed or not.
    comment = await a_synced_comment(visitor)
    return {"media_id": str(SYNCED_MEDIA), "comment_id": str(comment), "hide": "false"}


async def delete_an_administrators_reply(visitor: Visitor) -> Fields:
    # A reply of its own for each cell, the administrator's: a Contributor's is not.
    comment = await a_synced_comment(visitor)
    reply = await visitor.site.container.instagram.reply_to_comment().execute(
        ADMIN_ACTOR, comment, "To delete"
    )
    return {"media_id": str(SYNCED_MEDIA), "comment_id": str(reply.id)}


async def refresh_comments(visitor: Visitor) -> Fields:
    return {"media_id": str(SYNCED_MEDIA)}


# A JPEG's first bytes: what the library takes as an image.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 100
# The upload form's file part, posted with the form's fields as a multipart body.
UPLOADS: Mapping[str, tuple[str, bytes, str]] = {"/library/upload/": ("m.jpg", JPEG, "image/jpeg")}


async def upload_a_file(visitor: Visitor) -> Fields:
    return {}


async def delete_an_unused_file(visitor: Visitor) -> Fields:
    # A file of its own for each cell, the administrator's, which no post uses.
    async def one_jpeg() -> AsyncIterator[bytes]:
        yield JPEG

    item = await visitor.site.container.library.upload_media().execute(
        ADMIN_ACTOR, Upload("matrix.jpg", "image/jpeg", one_jpeg())
    )
    return {"item_id": str(item.id)}


async def post_of_ones_own(visitor: Visitor) -> tuple[int, int]:
    """A post (and its publication) the visitor created, if their role may create one; else
    one Autopost created."""
    container = visitor.site.container
    user = visitor.user
    actor = Actor.of(user.id, [visitor.role], False, user.username)
    if not actor.may(Action.ADD, Resource.POST):
        actor = SYSTEM
    async with container.infrastructure.uow() as uow:
        account = next(c for c in await uow.credentials.list() if c.platform is Platform.INSTAGRAM)
    view = await container.posting.schedule_post().execute(
        actor,
        SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO, url="https://cdn.example.com/m.jpg"
            ),
            date_pub=datetime(2031, 3, 4, 9, tzinfo=UTC),
            credential_id=account.id,
        ),
    )
    assert view.post.id is not None and view.publication.id is not None
    return view.post.id, view.publication.id


async def move_own_post(visitor: Visitor) -> Fields:
    post_id, publication_id = await post_of_ones_own(visitor)
    return {
        "post_id": str(post_id),
        "publication_id": str(publication_id),
        "date": "2031-03-05",
        "time": "10:15",
        "back": "/?view=week&date=2031-03-04",
    }


async def retry_own_failed_post(visitor: Visitor) -> Fields:
    post_id, publication_id = await post_of_ones_own(visitor)
    async with visitor.site.container.infrastructure.uow() as uow:
        publication = await uow.publications.get(publication_id)
        assert publication is not None
        publication.status, publication.error = PublicationStatus.FAILED, "Refused"
        await uow.commit()
    return {"post_id": str(post_id), "publication_id": str(publication_id), "back": "/"}


async def instagram_account(site: Site) -> int:
    accounts = await site.container.integrations.list_credentials().execute(SYSTEM)
    return next(a.id for a in accounts if a.platform is Platform.INSTAGRAM and a.id)


async def new_post(visitor: Visitor) -> Fields:
    account = await instagram_account(visitor.site)
    return {
        "accounts": [str(account)],
        "content_type": "Photo",
        "media": "https://cdn.example.com/matrix.jpg",
        "caption": "From the matrix",
        "action": "draft",
    }


async def new_recurring_post(visitor: Visitor) -> Fields:
    return await new_post(visitor) | {
        "action": "submit",
        "date": "2032-02-02",
        "time": "09:00",
        "repeat": "weekly",
        "weekdays": ["mon"],
        "ends": "count",
        "count": "1",
    }


async def edited_post(visitor: Visitor) -> Fields:
    return {
        "content_type": "Photo",
        "media": "https://cdn.example.com/matrix.jpg",
        "caption": "Edited by the matrix",
        "date": "2030-06-01",
        "time": "09:00",
        "action": "submit",
    }


async def whole_post(visitor: Visitor) -> Fields:
    return {}


async def moved_post(visitor: Visitor) -> Fields:
    return {"date": "2030-07-01", "time": "10:00"}


async def series_caption(visitor: Visitor) -> Fields:
    return {"platform": "instagram", "caption": "Every week, from the matrix"}


async def a_webhook(visitor: Visitor) -> int:
    """A webhook of its own for each cell, the administrator's (a cell may remove it)."""
    created = await visitor.site.container.webhooks.create_webhook().execute(
        ADMIN_ACTOR, "https://93.184.216.34/matrix", []
    )
    assert created.endpoint.id is not None
    return created.endpoint.id


async def new_webhook(visitor: Visitor) -> Fields:
    # A public address written as one: nothing to resolve.
    return {"url": "https://93.184.216.34/hook", "events": ["publication.failed"]}


async def disable_a_webhook(visitor: Visitor) -> Fields:
    return {"webhook_id": str(await a_webhook(visitor)), "enabled": "false"}


async def remove_a_webhook(visitor: Visitor) -> Fields:
    return {"webhook_id": str(await a_webhook(visitor))}


async def resend_a_delivery(visitor: Visitor) -> Fields:
    endpoint_id = await a_webhook(visitor)
    async with visitor.site.container.infrastructure.uow() as uow:
        delivery = WebhookDelivery(
            endpoint_id=endpoint_id,
            event_id="evt_matrix",
            event_type="publication.failed",
            sequence=1,
            created_at=datetime(2030, 1, 1, tzinfo=UTC),
            status=DeliveryStatus.FAILED,
        )
        await uow.deliveries.add(delivery)
        await uow.commit()
    return {"webhook_id": str(endpoint_id), "delivery_id": str(delivery.id)}


async def opened(site: Site, path: str) -> str:
    """``path`` with its ids: an account's pages, the Instagram account's; a post's pages
    open a new post of the administrator's, one
    for each cell (a cell may cancel or move it); a series' forms, the first time of a new
    weekly series of the administrator's."""
    if "{credential_id}" in path:
        return path.replace("{credential_id}", str(INSTAGRAM))
    if "{post_id}" not in path:
        return path
    admin = site.users[Role.ADMINISTRATORS]
    actor = Actor.of(admin.id, [Role.ADMINISTRATORS], False, admin.username)
    first = datetime(2030, 5, 1, 9, tzinfo=UTC)
    command = SchedulePost(
        content=InstagramContent(url="https://cdn.example.com/matrix.jpg"),
        date_pub=first,
        credential_id=await instagram_account(site),
    )
    if "/series/" in path:
        weekly = ScheduleSeries(command, recurrence(first, "UTC", "weekly", count=3))
        made = await site.container.posting.schedule_series().execute(actor, weekly)
        return path.replace("{post_id}", str(made.first.post.id))
    view = await site.container.posting.schedule_post().execute(actor, command)
    return path.replace("{post_id}", str(view.post.id))


# path -> the forms its page (or another page) posts to it, by what they do.
FORMS: Mapping[str, Mapping[str, Form]] = {
    "/accounts/login/": {"sign in again": sign_in_again},
    "/accounts/logout/": {"sign out": sign_out},
    "/accounts/edit/": {"profile": own_profile},
    "/accounts/edit/password/": {"password": same_password_again},
    "/accounts/settings/": {"settings": own_settings},
    "/accounts/settings/notifications/": {"notifications": own_notifications},
    "/accounts/settings/telegram-code/": {"telegram code": nothing_more},
    "/accounts/settings/telegram/unlink/": {"unlink telegram": nothing_more},
    "/accounts/integrations/": {"check a saved key": check_saved_key},
    "/accounts/api-keys/": {"create a key": new_api_key, "revoke a key": revoke_own_api_key},
    "/accounts/users/": {"assign groups": bystander_stays_observer},
    "/queues/slots/": {"set the slots": same_slots},
    "/queues/reorder/": {"reorder": queue_in_its_order},
    "/queues/shuffle/": {"shuffle": shuffle_empty_queue},
    "/approvals/approve/": {"approve": approve_a_contributors_post},
    "/approvals/return/": {"send back": send_back_a_contributors_post},
    "/connected-accounts/disconnect/": {"disconnect": disconnect_an_account_in_use},
    "/connected-accounts/approval/": {"requires approval": approval_as_it_is},
    "/connected-accounts/boards/": {"refresh": refresh_boards, "by hand": board_by_hand},
    "/connected-accounts/default-board/": {"default board": no_default_board},
    "/media/sync/": {"sync now": sync_now},
    "/media/comments/reply/": {"reply": reply_to_a_comment},
    "/media/comments/hide/": {"show": show_a_comment},
    "/media/comments/delete/": {"delete": delete_an_administrators_reply},
    "/media/comments/refresh/": {"refresh": refresh_comments},
    "/library/upload/": {"upload a file": upload_a_file},
    "/library/delete/": {"delete a file": delete_an_unused_file},
    "/calendar/move/": {"move a post": move_own_post},
    "/calendar/retry/": {"retry a failed post": retry_own_failed_post},
    "/posts/new/": {"write a post": new_post, "write a recurring post": new_recurring_post},
    "/posts/{post_id}/edit/": {"edit the post": edited_post},
    "/posts/{post_id}/retry/": {"retry": whole_post},
    "/posts/{post_id}/cancel/": {"cancel": whole_post},
    "/posts/{post_id}/duplicate/": {"duplicate as a draft": whole_post},
    "/posts/{post_id}/reschedule/": {"reschedule": moved_post},
    "/posts/{post_id}/series/": {"change every time": series_caption},
    "/posts/{post_id}/series/stop/": {"stop the series": whole_post},
    "/webhooks/": {"add a webhook": new_webhook},
    "/webhooks/change/": {"disable": disable_a_webhook},
    "/webhooks/delete/": {"remove": remove_a_webhook},
    "/webhooks/resend/": {"send again": resend_a_delivery},
}

CELLS = [
    (method, path, form)
    for method, path in MATRIX
    for form in (FORMS.get(path, {}) if method == "POST" else [""])
]


def registered_pages() -> set[tuple[str, str]]:
    return {
        (method, route.path_format)
        for route in page_routes
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"  # Starlette adds it to every GET
    }


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def site(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> AsyncIterator[Site]:
    var_dir = tmp_path_factory.mktemp("page-matrix")
    sandbox = create_sandbox_app()
    container = await sandboxed_container(var_dir, sqlite_copy(sqlite_template, var_dir), sandbox)
    await seed_world(container, sandbox)
    password_hash = container.infrastructure.password_hasher().hash(PASSWORD)
    users = {role: await add_user(container, role.lower(), role, password_hash) for role in Role}
    bystander = await add_user(container, "bystander", Role.OBSERVERS, "never signs in")
    yield Site(container, create_app(container), users, bystander)
    await close_resources(container)


@asynccontextmanager
async def signed_in(site: Site, role: Role) -> AsyncIterator[httpx.AsyncClient]:
    """A browser in ``role``'s session: the one kept from before while it lasts, else a new
    one, signed in through the form (argon2 makes that the slow part)."""
    async with open_browser(site.app, site.sessions.get(role)) as browser:
        if role not in site.sessions or (await browser.get("/accounts/")).status_code != 200:
            browser.cookies.clear()
            await sign_in(browser, site.users[role].username)
            site.sessions[role] = httpx.Cookies(browser.cookies)
        yield browser


def sent_to_sign_in(response: httpx.Response) -> bool:
    return response.is_redirect and response.headers["location"].startswith(LOGIN_PAGE + "?")


async def test_every_page_route_has_a_row() -> None:
    pages = registered_pages()
    assert pages - set(MATRIX) == set(), "pages nobody said who may see"
    assert set(MATRIX) - pages == set(), "rows for pages that do not exist"
    posted = {path for method, path in MATRIX if method == "POST"}
    assert posted - set(FORMS) == set(), "pages taking a POST whose forms are not listed"
    assert set(FORMS) - posted == set(), "forms for pages that take no POST"
    assert all(FORMS.values()), "a page taking a POST has at least one form"
    assert set(SIGNED_OUT) - pages == set()


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize(
    ("method", "path", "form"), CELLS, ids=[" ".join(filter(None, c)) for c in CELLS]
)
async def test_a_role_is_refused_exactly_the_pages_it_may_not_use(
    site: Site, role: Role, method: str, path: str, form: str
) -> None:
    async with signed_in(site, role) as browser:
        if method == "GET":
            response = await browser.get(await opened(site, path))
        else:
            fields = await FORMS[path][form](Visitor(site, role))
            fields[FORM_FIELD] = browser.cookies[CSRF_COOKIE]
            upload = UPLOADS.get(path)
            files = {"file": upload} if upload else None
            response = await browser.post(await opened(site, path), data=fields, files=files)
    if role in MATRIX[(method, path)]:
        assert response.status_code != 403, f"refused: {response.text[-300:]}"
        assert not sent_to_sign_in(response), "the session was not live"
    else:
        assert response.status_code == 403, f"let through ({response.status_code})"
        assert NOT_ALLOWED in response.text, "refused with the page that says so"


@pytest.mark.parametrize(("method", "path"), list(MATRIX), ids=" ".join)
async def test_a_signed_out_visitor_is_sent_to_sign_in_first(
    site: Site, method: str, path: str
) -> None:
    path = await opened(site, path)
    expected = SIGNED_OUT.get((method, path), (303, f"{LOGIN_PAGE}?next={path}"))
    async with open_browser(site.app) as browser:
        response = await browser.request(method, path)
    assert (response.status_code, response.headers.get("location")) == expected
