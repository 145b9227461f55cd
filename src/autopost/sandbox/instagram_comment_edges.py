"""Graph's comment endpoints: ``/{media-id}/comments``, ``/{comment-id}`` and its ``replies``.

The caller has already checked that the token's account owns the media the comment is on, so
every comment here may be read, answered, hidden and deleted. Replies are one level deep: a reply
to a reply joins the top-level comment's thread, and a hidden comment cannot be replied to
(Instagram's IG Comment Replies reference).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from starlette.datastructures import URL

from autopost.sandbox.graph_errors import invalid_param
from autopost.sandbox.graph_paging import PAGING_PARAMS, parse_limit
from autopost.sandbox.graph_values import fields_text, parse_bool, parse_fields
from autopost.sandbox.instagram_comments import Comment, text_problem
from autopost.sandbox.instagram_contract import (
    COMMENT_DELETE_PARAMS,
    COMMENT_HIDE_PARAMS,
    COMMENT_REPLY_PARAMS,
    MEDIA_COMMENT_PARAMS,
)
from autopost.sandbox.instagram_media_fields import COMMENT_DEFAULT, NodeRenderer, comment_key
from autopost.sandbox.instagram_media_rules import check_param_names
from autopost.sandbox.instagram_state import Account, Media

Payload = dict[str, Any]
Routes = dict[tuple[str, str | None], Callable[[], Payload]]

_NODE_PARAMS = frozenset({"fields"})
_DEFAULT_FIELDS = fields_text(COMMENT_DEFAULT)


class CommentEdges:
    def __init__(
        self,
        renderer: NodeRenderer,
        account: Account,
        params: dict[str, str],
        url: URL,
        now: datetime,
    ) -> None:
        self.renderer = renderer
        self.state = renderer.state
        self.account = account
        self.params = params
        self.url = url
        self.now = now

    def on_media(self, media: Media) -> Routes:
        def listing() -> Payload:
            check_param_names(self.params, PAGING_PARAMS)
            limit, after, before = self._paging()
            selections = parse_fields(self.params.get("fields"), _DEFAULT_FIELDS)
            return self.renderer.comments_of(media, selections, limit, after, before, self.url)

        def create() -> Payload:
            check_param_names(self.params, MEDIA_COMMENT_PARAMS)
            return {"id": self._add(media, self._message(), None).id}

        return {("GET", "comments"): listing, ("POST", "comments"): create}

    def on_comment(self, comment: Comment) -> Routes:
        def read() -> Payload:
            check_param_names(self.params, _NODE_PARAMS)
            selections = parse_fields(self.params.get("fields"), _DEFAULT_FIELDS)
            return self.renderer.comment(comment, selections)

        def replies() -> Payload:
            check_param_names(self.params, PAGING_PARAMS)
            limit, after, before = self._paging()
            selections = parse_fields(self.params.get("fields"), _DEFAULT_FIELDS)
            return self.renderer.replies_to(comment, selections, limit, after, before, self.url)

        def reply() -> Payload:
            check_param_names(self.params, COMMENT_REPLY_PARAMS)
            message = self._message()
            thread = self.state.comments.by_id[comment.parent_id or comment.id]
            if thread.hidden:
                raise invalid_param("Cannot reply to a hidden comment")
            return {"id": self._add(self.state.media[comment.media_id], message, thread.id).id}

        def hide() -> Payload:
            check_param_names(self.params, COMMENT_HIDE_PARAMS)
            if "hide" not in self.params:
                raise invalid_param("The parameter hide is required")
            comment.hidden = parse_bool("hide", self.params["hide"])
            return {"success": True}

        def delete() -> Payload:
            check_param_names(self.params, COMMENT_DELETE_PARAMS)
            self.state.delete_comment(comment.id)
            return {"success": True}

        return {
            ("GET", None): read,
            ("POST", None): hide,
            ("DELETE", None): delete,
            ("GET", "replies"): replies,
            ("POST", "replies"): reply,
        }

    def _paging(self) -> tuple[int, int | None, int | None]:
        params = self.params
        return (
            parse_limit(params.get("limit")),
            comment_key(params.get("after")),
            comment_key(params.get("before")),
        )

    def _message(self) -> str:
        if "message" not in self.params:
            raise invalid_param("The parameter message is required")
        message = self.params["message"]
        problem = text_problem(message)
        if problem is not None:
            raise invalid_param(problem)
        return message

    def _add(self, media: Media, text: str, parent_id: str | None) -> Comment:
        comment = Comment(
            id=self.state.new_object_id(),
            media_id=media.id,
            username=self.account.username,
            text=text,
            timestamp=self.now,
            author_id=self.account.ig_user_id,
            parent_id=parent_id,
        )
        self.state.add_comment(comment)
        return comment
