"""Every attribute of every entity comes back as it was stored, times as aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from persistence_builders import NOW, Seed, UowFactory
from sqlalchemy import event, select
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.tables import posts
from autopost.domain.board import Board, BoardSource
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.oauth_state import OAuthState
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent, PinContent, Post
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from autopost.domain.user import ApiToken, User

pytestmark = pytest.mark.integration


def is_aware_utc(value: datetime | None) -> bool:
    return value is not None and value.utcoffset() == timedelta(0)


async def stored_and_read_back(uow_factory: UowFactory, post: Post) -> Post:
    async with uow_factory() as uow:
        await uow.posts.add(post)
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.posts.get(post.id or 0)
    assert loaded is not None and loaded is not post
    return loaded


async def test_an_instagram_post_round_trips_every_field_including_json(
    uow_factory: UowFactory,
) -> None:
    post = Post(
        content=InstagramContent(
            content_type=ContentType.CAROUSEL,
            url=None,
            caption="Hello #world",
            location_id="1234567",
            user_tags=[{"username": "ana", "x": 0.5, "y": 0.25}, {"username": "bo"}],
            thumb_offset=1500,
            children=[
                {"url": "https://cdn.example.com/1.jpg", "media_type": "image"},
                {"url": "https://cdn.example.com/2.mp4", "media_type": "video"},
            ],
        ),
        created_at=NOW,
        updated_at=NOW + timedelta(hours=1),
    )
    async with uow_factory() as uow:
        await uow.posts.add(post)
        await uow.commit()
    assert post.id == 1

    async with uow_factory() as uow:
        loaded = await uow.posts.get(1)

    assert loaded is not None and loaded is not post
    assert attrs.asdict(loaded) == attrs.asdict(post)
    assert loaded.platform is Platform.INSTAGRAM
    assert loaded.content == post.content
    assert loaded.content.content_type is ContentType.CAROUSEL
    assert is_aware_utc(loaded.created_at) and is_aware_utc(loaded.updated_at)


@pytest.mark.parametrize(
    "content",
    [
        InstagramContent(
            content_type=ContentType.REEL,
            url="https://cdn.example.com/r.mp4",
            cover_url="https://cdn.example.com/cover.jpg",
            thumb_offset=2000,
            share_to_feed=False,
            audio_name="Morning theme",
            trial_params={"graduation_strategy": "SS_PERFORMANCE"},
            collaborators=["ana", "bob"],
        ),
        InstagramContent(
            url="https://cdn.example.com/a.jpg", alt_text="A cat on a sofa", collaborators=["ana"]
        ),
        InstagramContent(
            content_type=ContentType.CAROUSEL,
            children=[
                {
                    "url": "https://cdn.example.com/1.jpg",
                    "media_type": "image",
                    "alt_text": "A cat",
                },
                {"url": "https://cdn.example.com/2.mp4", "media_type": "video"},
            ],
            collaborators=["ana"],
        ),
    ],
    ids=["reel", "photo", "carousel"],
)
async def test_instagrams_publishing_options_round_trip(
    uow_factory: UowFactory, content: InstagramContent
) -> None:
    loaded = await stored_and_read_back(uow_factory, Post(content=content, created_at=NOW))

    assert loaded.content == content


async def test_a_pin_round_trips_every_field_and_leaves_instagrams_columns_empty(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    pin = PinContent(
        url="https://cdn.example.com/quiz.png",
        title="A title",
        description="Ünïcödé description",
        link="https://example.com/page",
        alt_text="alt",
        topic="Recipes",
        answers=["yes", "no"],
    )
    post = Post(content=pin, created_at=NOW)
    loaded = await stored_and_read_back(uow_factory, post)
    async with engine.connect() as connection:
        row = (await connection.execute(select(posts).where(posts.c.id == post.id))).one()

    assert loaded.platform is Platform.PINTEREST
    assert loaded.content == pin
    assert row.platform == "pinterest" and row.title == "A title" and row.answers == ["yes", "no"]
    assert (row.caption, row.user_tags, row.thumb_offset, row.children) == (None,) * 4
    assert (row.cover_url, row.share_to_feed, row.audio_name) == (None,) * 3
    assert (row.trial_params, row.collaborators, row.images) == (None,) * 3


async def test_multi_image_pin_round_trips_its_images(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    images = [
        {"url": "https://cdn.example.com/1.png", "title": "Ünï", "link": "https://e.example/1"},
        {"url": "https://cdn.example.com/2.png", "description": "Second"},
    ]
    pin = PinContent(content_type=ContentType.CAROUSEL, images=images, alt_text="Two")
    post = Post(content=pin, created_at=NOW)
    loaded = await stored_and_read_back(uow_factory, post)
    async with engine.connect() as connection:
        row = (await connection.execute(select(posts).where(posts.c.id == post.id))).one()

    assert loaded.content == pin
    assert row.images == images and row.url is None


async def test_a_new_content_is_stored_as_a_change_of_the_post(uow_factory: UowFactory) -> None:
    post = Post(content=InstagramContent(url="https://cdn.example.com/a.jpg"), created_at=NOW)
    await stored_and_read_back(uow_factory, post)
    async with uow_factory() as uow:
        loaded = await uow.posts.get(post.id or 0)
        assert loaded is not None
        loaded.content = attrs.evolve(loaded.content, caption="Changed")
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.posts.get(post.id or 0)
    assert again is not None and again.content.caption == "Changed"


async def test_post_with_nothing_optional_keeps_its_nones(uow_factory: UowFactory) -> None:
    post = Post(content=InstagramContent(url="https://cdn.example.com/a.jpg"), created_at=NOW)
    loaded = await stored_and_read_back(uow_factory, post)
    assert attrs.asdict(loaded) == attrs.asdict(post)
    content = loaded.content
    assert isinstance(content, InstagramContent)
    assert content.user_tags is None and content.children is None and content.caption is None


async def test_publication_round_trips_every_field(uow_factory: UowFactory, seed: Seed) -> None:
    post_id, credential_id = await seed.post(), await seed.credential()
    publication = ScheduledPublication(
        post_id=post_id,
        credential_id=credential_id,
        platform="pinterest",
        publish_at=NOW,
        next_run_at=NOW + timedelta(seconds=30),
        created_at=NOW - timedelta(days=1),
        status=PublicationStatus.PROCESSING,
        attempts=2,
        polling=True,
        container_id="17900000000000001",
        publish_requested_at=NOW + timedelta(seconds=1),
        remote_id="18000000000000002",
        permalink="https://www.instagram.com/p/abc/",
        board_id="998877",
        board_section_id="5566",
        error="Instagram is busy",
        published_at=NOW + timedelta(seconds=2),
        retry_from=NOW + timedelta(minutes=20),
        updated_at=NOW + timedelta(seconds=3),
    )
    async with uow_factory() as uow:
        await uow.publications.add(publication)
        await uow.commit()

    async with uow_factory() as uow:
        loaded = await uow.publications.get(publication.id or 0)

    assert loaded is not None
    assert attrs.asdict(loaded) == attrs.asdict(publication)
    assert loaded.status is PublicationStatus.PROCESSING
    assert loaded.version == 1
    assert is_aware_utc(loaded.updated_at) and is_aware_utc(loaded.retry_from)


async def test_credential_round_trips_every_field(uow_factory: UowFactory) -> None:
    owner = User("owner", "owner@example.com", "hash", NOW)
    async with uow_factory() as uow:
        await uow.users.add(owner)
        credential = Credential(
            platform="pinterest",
            account_id="pin-42",
            access_token="sealed-access",
            created_at=NOW,
            owner_id=owner.id,
            username="the_account",
            refresh_token="sealed-refresh",
            expires_at=NOW + timedelta(days=30),
            scopes="boards:read,pins:write",
            environment="sandbox",
            status=CredentialStatus.NEEDS_RECONNECT,
            status_reason="The token was revoked.",
            default_board_id="998877",
        )
        await uow.credentials.add(credential)
        await uow.commit()

    async with uow_factory() as uow:
        loaded = await uow.credentials.get(credential.id or 0)

    assert loaded is not None
    assert attrs.asdict(loaded) == attrs.asdict(credential)
    assert loaded.status is CredentialStatus.NEEDS_RECONNECT


async def test_user_and_api_token_round_trip(uow_factory: UowFactory) -> None:
    user = User(
        username="ana",
        email="ana@example.com",
        password_hash="$argon2id$v=19$m=65536,t=3,p=4$abc$def",
        date_joined=NOW,
        first_name="Ana",
        last_name="Lima",
        is_active=False,
        is_staff=True,
        is_superuser=True,
        last_login=NOW + timedelta(minutes=3),
    )
    async with uow_factory() as uow:
        await uow.users.add(user)
        token = ApiToken(digest="d" * 64, user_id=user.id or 0, created_at=NOW)
        await uow.api_tokens.add(token)
        await uow.commit()

    async with uow_factory() as uow:
        loaded_user = await uow.users.get(user.id or 0)
        loaded_token = await uow.api_tokens.by_digest("d" * 64)
        missing = await uow.api_tokens.by_digest("e" * 64)

    assert loaded_user is not None and attrs.asdict(loaded_user) == attrs.asdict(user)
    assert loaded_token is not None and attrs.asdict(loaded_token) == attrs.asdict(token)
    assert missing is None


@pytest.mark.parametrize("group_ids", [(), (2,), (1, 3)])
async def test_a_token_is_read_with_its_holder_and_their_groups_in_one_statement(
    uow_factory: UowFactory, engine: AsyncEngine, group_ids: tuple[int, ...]
) -> None:
    user = User(username="bo", email="bo@example.com", password_hash="x", date_joined=NOW)
    async with uow_factory() as uow:
        await uow.users.add(user)
        assert user.id is not None
        await uow.groups.set_for_user(user.id, list(group_ids))
        await uow.api_tokens.add(ApiToken(digest="f" * 64, user_id=user.id, created_at=NOW))
        await uow.commit()
        expected = sorted(g.name for g in await uow.groups.list() if g.id in group_ids)

    statements: list[str] = []

    def keep(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", keep)
    try:
        async with uow_factory() as uow:
            holder = await uow.api_tokens.with_holder("f" * 64)
            missing = await uow.api_tokens.with_holder("0" * 64)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", keep)
    assert holder is not None and missing is None
    assert (holder.user.username, list(holder.group_names)) == ("bo", expected)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2, "one statement for each token asked about"


async def test_board_round_trips_every_field(uow_factory: UowFactory, seed: Seed) -> None:
    credential_id = await seed.credential(platform="pinterest")
    board = Board(credential_id, "1055", "Récipes", BoardSource.PINS, NOW - timedelta(hours=2))
    async with uow_factory() as uow:
        await uow.boards.replace(credential_id, [board], keep_manual=False)
        await uow.commit()
    assert board.id is not None

    async with uow_factory() as uow:
        (loaded,) = await uow.boards.for_credential(credential_id)

    assert loaded is not board and attrs.asdict(loaded) == attrs.asdict(board)
    assert loaded.source is BoardSource.PINS and is_aware_utc(loaded.refreshed_at)


async def test_oauth_state_round_trips_every_field(uow_factory: UowFactory) -> None:
    user = User("ana", "ana@example.com", "hash", NOW)
    kolkata = timezone(timedelta(hours=5, minutes=30))
    async with uow_factory() as uow:
        await uow.users.add(user)
        state = OAuthState(
            provider="pinterest",
            digest="a" * 64,
            created_at=NOW.astimezone(kolkata),
            expires_at=NOW + timedelta(minutes=10),
            user_id=user.id,
            code_verifier="verifier-" + "x" * 100,
            used_at=NOW + timedelta(minutes=1),
        )
        bare = OAuthState("instagram", "b" * 64, NOW, NOW + timedelta(minutes=10))
        await uow.oauth_states.add(state)
        await uow.oauth_states.add(bare)
        await uow.commit()

    async with uow_factory() as uow:
        loaded = await uow.oauth_states.by_digest("a" * 64)
        loaded_bare = await uow.oauth_states.by_digest("b" * 64)
        missing = await uow.oauth_states.by_digest("c" * 64)

    assert loaded is not None and attrs.asdict(loaded) == attrs.asdict(state)
    assert loaded_bare is not None and attrs.asdict(loaded_bare) == attrs.asdict(bare)
    assert loaded.created_at.tzinfo is UTC and loaded.created_at == NOW
    assert is_aware_utc(loaded.expires_at) and is_aware_utc(loaded.used_at)
    assert loaded_bare.user_id is None and loaded_bare.used_at is None
    assert missing is None


async def test_a_time_in_another_zone_comes_back_as_the_same_instant_in_utc(
    uow_factory: UowFactory,
) -> None:
    kolkata = timezone(timedelta(hours=5, minutes=30))
    local = datetime(2026, 3, 1, 17, 45, 30, 123456, tzinfo=kolkata)
    post = Post(content=InstagramContent(url="https://x.example/a.jpg"), created_at=local)
    async with uow_factory() as uow:
        await uow.posts.add(post)
        await uow.commit()

    async with uow_factory() as uow:
        loaded = await uow.posts.get(post.id or 0)

    assert loaded is not None
    assert loaded.created_at == local
    assert loaded.created_at.tzinfo is UTC
    assert loaded.created_at == datetime(2026, 3, 1, 12, 15, 30, 123456, tzinfo=UTC)


async def test_a_naive_time_is_refused(uow_factory: UowFactory) -> None:
    naive = datetime(2026, 3, 1, 12, 0)
    post = Post(content=InstagramContent(url="https://x.example/a.jpg"), created_at=naive)
    async with uow_factory() as uow:
        with pytest.raises(StatementError, match="naive datetime") as raised:
            await uow.posts.add(post)
    assert isinstance(raised.value.orig, ValueError)
