"""How entities look in responses. Tokens are write-only: never in any response."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import asdict

from autopost.application.posting.views import PostView
from autopost.domain.board import Board
from autopost.domain.credential import Credential
from autopost.domain.instagram_media import Comment, InstagramMedia
from autopost.domain.post import CONTENT_FIELDS


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def post_json(view: PostView) -> dict[str, Any]:
    """Every content field of every platform is answered: ``null`` where the post's platform
    has no such field."""
    post, publication = view.post, view.publication
    content = asdict(post.content, recurse=False)
    content["content_type"] = post.content.content_type.value
    return {
        "id": post.id,
        "platform": post.platform.value,
        "credential": publication.credential_id,
        "user_id": view.account_id,
        **{attribute.name: content.get(attribute.name) for attribute in CONTENT_FIELDS},
        "date_pub": _time(publication.publish_at),
        "board_id": publication.board_id,
        "status": publication.status.value,
        "remote_id": publication.remote_id,
        "permalink": publication.permalink,
        "error": view.problem,
        "attempts": publication.attempts,
        "next_attempt_at": _time(view.next_attempt_at),
        "published_at": _time(publication.published_at),
        "created_at": _time(post.created_at),
        "updated_at": _time(view.updated_at),
    }


def media_json(media: InstagramMedia) -> dict[str, Any]:
    return {
        "id": media.id,
        "media_id": media.media_id,
        "credential": media.credential_id,
        "post": media.post_id,
        "origin": media.origin.value,
        "caption": media.caption,
        "media_type": media.media_type,
        "media_product_type": media.media_product_type,
        "media_url": media.media_url,
        "thumbnail_url": media.thumbnail_url,
        "permalink": media.permalink,
        "timestamp": _time(media.timestamp),
        "like_count": media.like_count,
        "comments_count": media.comments_count,
        "children": media.children,
        "deleted": media.deleted_at is not None,
        "synced_at": _time(media.synced_at),
    }


def comment_json(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "comment_id": comment.comment_id,
        "post": comment.media_id,
        "text": comment.text,
        "username": comment.username,
        "timestamp": _time(comment.timestamp),
        "parent_id": comment.parent_id,
        "like_count": comment.like_count,
        "hidden": comment.hidden,
    }


def board_json(board: Board) -> dict[str, Any]:
    return {
        "board_id": board.board_id,
        "name": board.name,
        "source": board.source.value,
        "refreshed_at": _time(board.refreshed_at),
    }


def credential_json(credential: Credential) -> dict[str, Any]:
    return {
        "id": credential.id,
        "platform": credential.platform,
        "account_id": credential.account_id,
        "username": credential.username,
        "status": credential.status.value,
        "status_reason": credential.status_reason,
        "expires_at": _time(credential.expires_at),
        "scopes": credential.scopes,
        "environment": credential.environment,
        "default_board_id": credential.default_board_id,
        "created_at": _time(credential.created_at),
    }
