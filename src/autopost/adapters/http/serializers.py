"""The answers about posts, accounts, boards and media, made from what the use cases hand back:
the keys of each, in order, checked and typed by its model (``answers/``). Tokens are
write-only: never in any answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import asdict

from autopost.adapters.http.answers import accounts, instagram, posts
from autopost.application.instagram.sync import SyncReport
from autopost.application.posting.views import PostView
from autopost.domain.board import Board, BoardSection
from autopost.domain.credential import Credential
from autopost.domain.instagram_media import Comment, InstagramMedia
from autopost.domain.post import CONTENT_FIELDS
from autopost.domain.publication import ScheduledPublication


def post_json(view: PostView) -> posts.Post:
    """Every content field of every platform is answered: ``null`` where the post's platform
    has no such field."""
    post, publication = view.post, view.publication
    content = asdict(publication.what_is_published(post).content, recurse=False)
    answer = {
        "id": post.id,
        "platform": post.platform.value,
        "credential": publication.credential_id,
        "user_id": view.account_id,
        **{attribute.name: content.get(attribute.name) for attribute in CONTENT_FIELDS},
        "date_pub": publication.publish_at,
        **_place_json(view, publication),
        "status": publication.status.value,
        "remote_id": publication.remote_id,
        "permalink": publication.permalink,
        "error": view.problem,
        "attempts": publication.attempts,
        "next_attempt_at": view.next_attempt_at,
        "published_at": publication.published_at,
        "first_comment_id": publication.first_comment_id,
        "first_comment_error": publication.first_comment_error,
        "review_comment": publication.review_comment,
        "created_at": post.created_at,
        "updated_at": view.updated_at,
        "publications": [_publication_json(view, p) for p in view.publications],
        "warnings": [
            {"code": warning.code, "message": warning.message, "post": warning.post_id}
            for warning in view.warnings
        ],
    }
    return posts.Post.model_validate(answer)


def _publication_json(view: PostView, publication: ScheduledPublication) -> dict[str, Any]:
    published = publication.what_is_published(view.post)
    own = None if published is view.post else asdict(published.content, recurse=False)
    return {
        "id": publication.id,
        "credential": publication.credential_id,
        "user_id": view.account_of(publication).account_id,
        "platform": publication.platform.value,
        "status": publication.status.value,
        "date_pub": publication.publish_at,
        **_place_json(view, publication),
        "remote_id": publication.remote_id,
        "permalink": publication.permalink,
        "error": view.problem_of(publication),
        "attempts": publication.attempts,
        "next_attempt_at": view.next_attempt_of(publication),
        "published_at": publication.published_at,
        "first_comment_id": publication.first_comment_id,
        "first_comment_error": publication.first_comment_error,
        "review_comment": publication.review_comment,
        "content": own,
    }


def _place_json(view: PostView, publication: ScheduledPublication) -> dict[str, Any]:
    return {
        "board_id": publication.board_id,
        "board_name": view.board_name_of(publication),
        "board_section_id": publication.board_section_id,
        "board_section_name": view.section_name_of(publication),
    }


def media_json(media: InstagramMedia) -> instagram.Media:
    answer = {
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
        "timestamp": media.timestamp,
        "like_count": media.like_count,
        "comments_count": media.comments_count,
        "children": media.children,
        "deleted": media.deleted_at is not None,
        "synced_at": media.synced_at,
    }
    return instagram.Media.model_validate(answer)


def comment_json(comment: Comment) -> instagram.Comment:
    answer = {
        "id": comment.id,
        "comment_id": comment.comment_id,
        "post": comment.media_id,
        "text": comment.text,
        "username": comment.username,
        "timestamp": comment.timestamp,
        "parent_id": comment.parent_id,
        "like_count": comment.like_count,
        "hidden": comment.hidden,
    }
    return instagram.Comment.model_validate(answer)


def new_comment_json(comment: Comment, note: str | None) -> instagram.NewComment:
    """The comment, and ``note`` when there is something to tell about it."""
    answer = {**dict(comment_json(comment)), "note": note}
    return instagram.NewComment.model_validate(answer)


def sync_report_json(report: SyncReport) -> instagram.SyncReport:
    answer = {
        "credential": report.credential_id,
        "full": report.full,
        "pages": report.pages,
        "seen": report.seen,
        "new_or_changed": report.new_or_changed,
        "deleted": report.deleted,
        "linked": report.linked,
        "finished": report.finished,
        "resumed": report.resumed,
        "retries": report.retries,
        "stopped": report.stopped,
    }
    return instagram.SyncReport.model_validate(answer)


def board_json(board: Board, sections: Sequence[BoardSection] = ()) -> accounts.Board:
    """``sections``: the account's; those of this board are answered with it."""
    answer = {
        "board_id": board.board_id,
        "name": board.name,
        "source": board.source.value,
        "refreshed_at": board.refreshed_at,
        "sections": [
            {"section_id": s.section_id, "name": s.name}
            for s in sections
            if s.board_id == board.board_id
        ],
    }
    return accounts.Board.model_validate(answer)


def credential_json(credential: Credential) -> accounts.Credential:
    answer = {
        "id": credential.id,
        "platform": credential.platform,
        "account_id": credential.account_id,
        "username": credential.username,
        "status": credential.status.value,
        "status_reason": credential.status_reason,
        "expires_at": credential.expires_at,
        "scopes": credential.scopes,
        "environment": credential.environment,
        "default_board_id": credential.default_board_id,
        "requires_approval": credential.requires_approval,
        "created_at": credential.created_at,
    }
    return accounts.Credential.model_validate(answer)
