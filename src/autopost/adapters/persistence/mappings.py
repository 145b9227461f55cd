"""The domain's attrs classes mapped imperatively onto the tables; the domain never knows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import asdict
from sqlalchemy.orm import registry

from autopost.adapters.persistence.tables import (
    api_tokens,
    audit_log,
    board_sections,
    boards,
    comments,
    credentials,
    groups,
    idempotency_keys,
    instagram_media,
    library_items,
    login_failures,
    login_sessions,
    metadata,
    oauth_states,
    post_series,
    posts,
    publication_attempts,
    publications,
    user_secrets,
    users,
    webhook_deliveries,
    webhook_endpoints,
)
from autopost.domain.attempt import PublicationAttempt
from autopost.domain.audit import AuditEntry
from autopost.domain.board import Board, BoardSection
from autopost.domain.credential import Credential
from autopost.domain.idempotency import IdempotencyKey
from autopost.domain.instagram_media import Comment, InstagramMedia
from autopost.domain.library import LibraryItem
from autopost.domain.login_throttle import LoginFailures
from autopost.domain.media import ContentType
from autopost.domain.oauth_state import OAuthState
from autopost.domain.platform import Platform
from autopost.domain.post import Post, PostContent, content_from
from autopost.domain.post_series import PostSeries
from autopost.domain.publication import ScheduledPublication
from autopost.domain.user import ApiToken, Group, Session, User, UserSecret
from autopost.domain.webhooks import WebhookDelivery, WebhookEndpoint

mapper_registry = registry(metadata=metadata)

_mapped = False


def map_users() -> None:
    mapper_registry.map_imperatively(User, users)


def map_api_tokens() -> None:
    mapper_registry.map_imperatively(ApiToken, api_tokens)


def map_accounts() -> None:
    """Groups, sessions, integration keys, failed sign-ins and the audit log. Who is in which
    group (``user_groups``) is written and read by Core statements only."""
    mapper_registry.map_imperatively(Group, groups)
    mapper_registry.map_imperatively(Session, login_sessions)
    mapper_registry.map_imperatively(UserSecret, user_secrets)
    mapper_registry.map_imperatively(LoginFailures, login_failures)
    mapper_registry.map_imperatively(AuditEntry, audit_log)


def map_credentials() -> None:
    # ``renewing_until`` coordinates workers through Core updates; the domain never sees it.
    mapper_registry.map_imperatively(Credential, credentials, exclude_properties=["renewing_until"])


# The posts table's columns that are the post's own; every other one holds its content.
_POST_OWN = frozenset(
    {"id", "owner_id", "created_at", "updated_at", "series_id", "occurrence_at", "edited_alone"}
)
_CONTENT_COLUMNS = tuple(column.key for column in posts.c if column.key not in _POST_OWN)


def content_of_row(row: Mapping[Any, Any]) -> PostContent:
    """A post's content from a row of the posts table read without the ORM."""
    values = {column: row[column] for column in _CONTENT_COLUMNS}
    return content_from(Platform(values["platform"]), values)


def _kept_as(column: str) -> str:
    """The mapped attribute that holds a content column."""
    return f"_content_{column}"


class _ContentInColumns:
    """``Post.content`` once mapped: read from the content columns (``platform`` says whose
    content it is) and written to them, the other platform's left empty. A new content is
    a change of those columns, so the unit of work stores it like any change of a post."""

    def __get__(self, post: Post | None, owner: type[Post]) -> Any:
        if post is None:
            return self
        values = {column: getattr(post, _kept_as(column)) for column in _CONTENT_COLUMNS}
        return content_from(values["platform"], values)

    def __set__(self, post: Post, content: PostContent) -> None:
        values = asdict(content, recurse=False) | {"platform": content.platform}
        for column in _CONTENT_COLUMNS:
            setattr(post, _kept_as(column), values.get(column))


def map_posts() -> None:
    mapper_registry.map_imperatively(
        Post,
        posts,
        properties={_kept_as(column): posts.c[column] for column in _CONTENT_COLUMNS},
    )
    # The class's own attribute gives way to the columns: a post's content is kept nowhere else.
    setattr(Post, "content", _ContentInColumns())  # noqa: B010


def content_as_json(content: PostContent | None) -> dict[str, Any] | None:
    """A content as the ``publications.content`` column keeps it: its fields by name, and
    ``platform`` saying whose content it is."""
    if content is None:
        return None
    return asdict(content) | {"platform": content.platform.value}


def content_from_json(values: dict[str, Any] | None) -> PostContent | None:
    if values is None:
        return None
    kind = {"content_type": ContentType(values["content_type"])}
    return content_from(Platform(values["platform"]), values | kind)


class _OwnContentAsJson:
    """``ScheduledPublication.own_content`` once mapped: kept as JSON in ``content``."""

    def __get__(self, publication: ScheduledPublication | None, owner: type) -> Any:
        if publication is None:
            return self
        return content_from_json(publication._own_content_values)  # type: ignore[attr-defined]

    def __set__(self, publication: ScheduledPublication, content: PostContent | None) -> None:
        publication._own_content_values = content_as_json(content)  # type: ignore[attr-defined]


def map_publications() -> None:
    # Optimistic locking: an UPDATE matches only the version that was read, and sets the next
    # one. SQLAlchemy writes ``version`` itself (1 on INSERT); the domain only reads it.
    # ``dispatched_version`` and ``resend_after`` are the broker's bookkeeping, written by Core
    # statements only (``mark_dispatched``) and read by the sweep's query; the domain never
    # sees them.
    mapper_registry.map_imperatively(
        ScheduledPublication,
        publications,
        version_id_col=publications.c.version,
        exclude_properties=["dispatched_version", "resend_after"],
        properties={"_own_content_values": publications.c.content},
    )
    setattr(ScheduledPublication, "own_content", _OwnContentAsJson())  # noqa: B010
    mapper_registry.map_imperatively(PublicationAttempt, publication_attempts)


def map_series() -> None:
    mapper_registry.map_imperatively(PostSeries, post_series, version_id_col=post_series.c.version)


def map_boards() -> None:
    mapper_registry.map_imperatively(Board, boards)
    mapper_registry.map_imperatively(BoardSection, board_sections)


def map_oauth_states() -> None:
    mapper_registry.map_imperatively(OAuthState, oauth_states)


def map_idempotency_keys() -> None:
    mapper_registry.map_imperatively(IdempotencyKey, idempotency_keys)


def map_instagram_media() -> None:
    # The sync's bookkeeping, written by Core statements only; the domain never sees it.
    mapper_registry.map_imperatively(
        InstagramMedia, instagram_media, exclude_properties=["fingerprint", "last_seen_at"]
    )


def map_comments() -> None:
    # The domain's ``media_id`` is the stored media's primary key, not Instagram's media id.
    mapper_registry.map_imperatively(
        Comment, comments, properties={"media_id": comments.c.media_pk}
    )


def map_webhooks() -> None:
    mapper_registry.map_imperatively(WebhookEndpoint, webhook_endpoints)
    # Optimistic locking: a delivery is claimed by one worker at a time.
    mapper_registry.map_imperatively(
        WebhookDelivery, webhook_deliveries, version_id_col=webhook_deliveries.c.version
    )


def map_library() -> None:
    mapper_registry.map_imperatively(LibraryItem, library_items)


def map_tables() -> None:
    """Map every domain class once; later calls do nothing.

    Call before the first domain object is created: instances made before mapping are unknown
    to the ORM.
    """
    global _mapped
    if _mapped:
        return
    map_users()
    map_api_tokens()
    map_accounts()
    map_credentials()
    map_posts()
    map_publications()
    map_series()
    map_boards()
    map_oauth_states()
    map_idempotency_keys()
    map_instagram_media()
    map_comments()
    map_webhooks()
    map_library()
    _mapped = True
