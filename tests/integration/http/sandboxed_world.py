"""An Autopost whose platforms are `autopost sandbox`, in process: the container's one HTTP
client is replaced by one whose transport is the sandbox app, so whatever address a gateway
builds, no request leaves the process. The world is seeded with an administrator, an
Instagram account with synced media and comments and posting slots, a Pinterest account and a
scheduled post, in the Instagram account's queue."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import httpx
from starlette.applications import Starlette
from tests.http_client_override import answer_with

from autopost.adapters.scheduling.broker import create_broker
from autopost.application.access import Actor
from autopost.application.integrations.credentials import ConnectAccount
from autopost.application.people.accounts import put_in_role
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.queue import SetSlots
from autopost.application.posting.series import ScheduleSeries
from autopost.domain.access import Role
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.recurrence import recurrence
from autopost.domain.user import User
from autopost.entrypoints.container import Container, build_container, open_resources
from autopost.entrypoints.settings import Settings
from autopost.sandbox.google_sign_in_state import GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET
from autopost.sandbox.meta_login_settings import (
    FACEBOOK_APP_ID,
    FACEBOOK_APP_SECRET,
    INSTAGRAM_APP_ID,
)
from autopost.sandbox.pinterest_settings import (
    PINTEREST_CLIENT_ID,
    PINTEREST_CLIENT_SECRET,
    PINTEREST_DEMO_ACCESS_TOKEN,
    PINTEREST_DEMO_REFRESH_TOKEN,
    PINTEREST_DEMO_USERNAME,
)
from autopost.sandbox.settings import (
    DEMO_ACCESS_TOKEN,
    DEMO_IG_USER_ID,
    DEMO_USERNAME,
    INSTAGRAM_APP_SECRET,
)

SANDBOX = "http://sandbox.test"
PASSWORD = "a long enough passphrase"


def sandboxed_settings(var_dir: Path, database_url: str) -> Settings:
    """Every platform address on the sandbox (the transport would catch any other anyway)."""
    return Settings(
        var_dir=var_dir,
        database_url=database_url,
        broker_url="",
        secret_key="test-secret-key",
        instagram_graph_url=f"{SANDBOX}/v24.0",
        instagram_login_graph_url=SANDBOX,
        facebook_dialog_url=f"{SANDBOX}/facebook/dialog/oauth",
        facebook_app_id=FACEBOOK_APP_ID,
        facebook_app_secret=FACEBOOK_APP_SECRET,
        instagram_app_id=INSTAGRAM_APP_ID,
        instagram_app_secret=INSTAGRAM_APP_SECRET,
        instagram_authorize_url=f"{SANDBOX}/instagram/oauth/authorize",
        instagram_token_url=f"{SANDBOX}/instagram/oauth/access_token",
        pinterest_api_url=f"{SANDBOX}/pinterest/v5",
        pinterest_oauth_url=f"{SANDBOX}/pinterest/oauth/",
        pinterest_use_sandbox=True,
        pinterest_client_id=PINTEREST_CLIENT_ID,
        pinterest_client_secret=PINTEREST_CLIENT_SECRET,
        gemini_api_url=f"{SANDBOX}/gemini/v1beta",
        clickup_api_url=f"{SANDBOX}/clickup/api/v2",
        notion_api_url=f"{SANDBOX}/notion/v1",
        huntflow_prod_url=f"{SANDBOX}/huntflow/prod",
        huntflow_sandbox_url=f"{SANDBOX}/huntflow/sandbox",
        google_client_id=GOOGLE_CLIENT_ID,
        google_client_secret=GOOGLE_CLIENT_SECRET,
        google_authorize_url=f"{SANDBOX}/google/o/oauth2/v2/auth",
        google_token_url=f"{SANDBOX}/google/token",
        google_userinfo_url=f"{SANDBOX}/google/userinfo",
    )


def unopened_sandboxed_container(var_dir: Path, database_url: str, sandbox: Starlette) -> Container:
    """The container on a migrated database, its platforms answered by ``sandbox``; for an app
    that opens it when it starts."""
    container = build_container(sandboxed_settings(var_dir, database_url), create_broker(None))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox), base_url=SANDBOX)
    answer_with(container, client)
    return container


async def sandboxed_container(var_dir: Path, database_url: str, sandbox: Starlette) -> Container:
    """The same, open."""
    container = unopened_sandboxed_container(var_dir, database_url, sandbox)
    await open_resources(container)
    return container


def sqlite_copy(template: Path, var_dir: Path) -> str:
    """The URL of a copy of a migrated SQLite file."""
    path = var_dir / "autopost.db"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


async def add_user(container: Container, username: str, role: Role, password_hash: str) -> User:
    """A user in ``role`` only, at ``username``@example.com."""
    async with container.infrastructure.uow() as uow:
        user = User(
            username,
            f"{username}@example.com",
            password_hash,
            container.infrastructure.clock().now(),
        )
        await uow.users.add(user)
        await put_in_role(uow, user, role)
        await uow.commit()
    return user


async def seed_world(container: Container, sandbox: Starlette) -> str:
    """Fill a migrated database, and return the administrator's API token."""
    admin = await container.people.create_superuser().execute(
        "admin", "admin@example.com", PASSWORD
    )
    token = await container.people.issue_api_token().execute("admin", PASSWORD, "127.0.0.1")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox), base_url=SANDBOX
    ) as control:
        seeded = await control.post(
            f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/media/seed",
            json={"count": 3, "comments_per_media": 2},
        )
        assert seeded.status_code == 201, seeded.text
    actor = Actor.of(admin.id, [Role.ADMINISTRATORS], True, admin.username)
    instagram = await container.integrations.save_credential().execute(
        actor,
        ConnectAccount(
            Platform.INSTAGRAM, DEMO_IG_USER_ID, DEMO_ACCESS_TOKEN, admin.id, DEMO_USERNAME
        ),
    )
    await container.instagram.sync_instagram().execute(actor, instagram.id)
    await container.instagram.list_comments().execute(actor, 1, refresh=True)
    await container.integrations.save_credential().execute(
        actor,
        ConnectAccount(
            Platform.PINTEREST,
            PINTEREST_DEMO_USERNAME,
            PINTEREST_DEMO_ACCESS_TOKEN,
            admin.id,
            PINTEREST_DEMO_USERNAME,
            refresh_token=PINTEREST_DEMO_REFRESH_TOKEN,
            environment="sandbox",
        ),
    )
    # The scheduled post below, on a Tuesday at 09:00 UTC, sits in the account's queue.
    await container.posting.set_posting_slots().execute(
        actor, SetSlots(instagram.id, "UTC", (("tue", "09:00"), ("fri", "18:00")))
    )
    await container.posting.schedule_post().execute(
        actor,
        SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg"
            ),
            date_pub=datetime(2030, 1, 1, 9, tzinfo=UTC),
            credential_id=instagram.id,
        ),
    )
    # A recurring post: series 1, for the operations on /api/v1/series/{id}/.
    await container.posting.schedule_series().execute(
        actor,
        ScheduleSeries(
            SchedulePost(
                content=InstagramContent(
                    content_type=ContentType.PHOTO, url="https://cdn.example.com/b.jpg"
                ),
                date_pub=datetime(2030, 1, 6, 9, tzinfo=UTC),
                credential_id=instagram.id,
            ),
            recurrence(datetime(2030, 1, 6, 9, tzinfo=UTC), "Europe/Berlin", "weekly", count=8),
        ),
    )
    return token
