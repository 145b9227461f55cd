"""What ``?fields=`` answers for media and comments, expanded edges included.

An expanded edge (``children{…}``, ``comments{…}``, ``replies{…}``) answers the first page the
edge itself would, with ``paging`` and a ``next`` link to the edge when there is more; an edge
with nothing on it is left out, as Graph leaves it out. Comments are listed newest first,
replies oldest first, as a thread reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.datastructures import URL

from autopost.sandbox.graph_paging import (
    DEFAULT_LIMIT,
    Window,
    decode_cursor,
    encode_cursor,
    newest_first,
    oldest_first,
    paging_block,
)
from autopost.sandbox.graph_values import FieldSelection, fields_text, graph_time
from autopost.sandbox.instagram_comments import Comment
from autopost.sandbox.instagram_contract import (
    IG_COMMENT_EDGES,
    IG_COMMENT_FIELDS,
    IG_MEDIA_EDGES,
    IG_MEDIA_FIELDS,
)
from autopost.sandbox.instagram_fields import render_node
from autopost.sandbox.instagram_media_objects import permalink, shortcode
from autopost.sandbox.instagram_state import InstagramState, Media

Selections = tuple[FieldSelection, ...]

ID_ONLY: Selections = (FieldSelection("id"),)
# What Graph answers for a comment when no fields are asked for.
COMMENT_DEFAULT: Selections = (
    FieldSelection("timestamp"),
    FieldSelection("text"),
    FieldSelection("id"),
)
_MEDIA_OF_COMMENT: Selections = (FieldSelection("id"), FieldSelection("media_product_type"))


def comment_cursor(comment_id: int) -> str:
    return encode_cursor("comment", comment_id)


def comment_key(cursor: str | None) -> int | None:
    return None if cursor is None else decode_cursor("comment", cursor, 1)[0]


class NodeRenderer:
    def __init__(self, state: InstagramState, root: URL) -> None:
        """``root``: the host and version prefix the ``next`` links of expanded edges use."""
        self.state = state
        self.root = root

    def media(self, media: Media, selections: Selections) -> dict[str, Any]:
        values: dict[str, Callable[[], Any]] = {
            "id": lambda: media.id,
            "caption": lambda: media.caption,
            "comments_count": lambda: media.comments_count,
            "like_count": lambda: media.like_count,
            "is_comment_enabled": lambda: True,
            "is_shared_to_feed": lambda: media.is_shared_to_feed,
            "media_product_type": lambda: media.product.value,
            "media_type": lambda: media.media_type,
            "media_url": lambda: media.media_url,
            "permalink": lambda: permalink(media),
            "shortcode": lambda: shortcode(media.id),
            "thumbnail_url": lambda: media.thumbnail_url,
            "timestamp": lambda: graph_time(media.timestamp),
            "username": lambda: media.username,
            "alt_text": lambda: media.alt_text,
            "owner": lambda: {"id": media.owner},
            "children": lambda: self._children(media, _asked(selections, "children", ID_ONLY)),
            "comments": lambda: self._expanded_comments(media, selections),
        }
        known = IG_MEDIA_FIELDS | IG_MEDIA_EDGES
        return render_node(values, selections, known, "IGMedia", media.id)

    def comment(self, comment: Comment, selections: Selections) -> dict[str, Any]:
        media = self.state.media[comment.media_id]
        by_app_user = comment.author_id == media.owner
        values: dict[str, Callable[[], Any]] = {
            "id": lambda: comment.id,
            "text": lambda: comment.text,
            "username": lambda: comment.username,
            "timestamp": lambda: graph_time(comment.timestamp),
            "like_count": lambda: comment.like_count,
            "hidden": lambda: comment.hidden,
            "parent_id": lambda: comment.parent_id,
            "from": lambda: {"id": comment.commenter_id, "username": comment.username},
            # Graph names the user only when the app user wrote the comment.
            "user": lambda: {"id": media.owner} if by_app_user else None,
            "media": lambda: self.media(media, _asked(selections, "media", _MEDIA_OF_COMMENT)),
            "replies": lambda: self._expanded_replies(comment, selections),
        }
        known = IG_COMMENT_FIELDS | IG_COMMENT_EDGES
        return render_node(values, selections, known, "IGComment", comment.id)

    def comments_of(
        self,
        media: Media,
        selections: Selections,
        limit: int,
        after: int | None,
        before: int | None,
        base: URL,
    ) -> dict[str, Any]:
        """A page of ``GET /{media-id}/comments`` read at ``base``."""
        ids = self.state.comments.top_level_ids(media.id)
        return self._comment_page(newest_first(ids, limit, after, before), selections, limit, base)

    def replies_to(
        self,
        comment: Comment,
        selections: Selections,
        limit: int,
        after: int | None,
        before: int | None,
        base: URL,
    ) -> dict[str, Any]:
        """A page of ``GET /{comment-id}/replies`` read at ``base``."""
        ids = self.state.comments.reply_ids(comment.id)
        return self._comment_page(oldest_first(ids, limit, after, before), selections, limit, base)

    def _comment_page(
        self, window: Window[int], selections: Selections, limit: int, base: URL
    ) -> dict[str, Any]:
        by_id = self.state.comments.by_id
        answer: dict[str, Any] = {
            "data": [self.comment(by_id[str(key)], selections) for key in window.items]
        }
        paging = paging_block(window, base, limit, comment_cursor)
        if paging is not None:
            answer["paging"] = paging
        return answer

    def _children(self, media: Media, asked: Selections) -> dict[str, Any] | None:
        if not media.children:
            return None
        return {"data": [self.media(self.state.media[c], asked) for c in media.children]}

    def _expanded_comments(self, media: Media, selections: Selections) -> dict[str, Any] | None:
        if not self.state.comments.top_level_ids(media.id):
            return None
        asked = _asked(selections, "comments", COMMENT_DEFAULT)
        base = self._edge(media.id, "comments", asked)
        return self.comments_of(media, asked, DEFAULT_LIMIT, None, None, base)

    def _expanded_replies(self, comment: Comment, selections: Selections) -> dict[str, Any] | None:
        if not self.state.comments.reply_ids(comment.id):
            return None
        asked = _asked(selections, "replies", COMMENT_DEFAULT)
        base = self._edge(comment.id, "replies", asked)
        return self.replies_to(comment, asked, DEFAULT_LIMIT, None, None, base)

    def _edge(self, node_id: str, edge: str, asked: Selections) -> URL:
        path = f"{self.root.path.rstrip('/')}/{node_id}/{edge}"
        return self.root.replace(path=path, query="").include_query_params(
            fields=fields_text(asked)
        )


def _asked(selections: Selections, name: str, default: Selections) -> Selections:
    return next(s for s in selections if s.name == name).subfields or default
