"""Comments on media and their replies, as the Graph emulator keeps them.

Instagram threads are one level deep: a comment on a media, and replies to it. Ids grow with
time, so each thread is kept as a sorted list of numeric ids and a page is a bisection.
"""

from __future__ import annotations

import bisect
import zlib
from dataclasses import dataclass
from datetime import datetime

# Instagram's own cap on a comment's length; its other rules (capitals, hashtags) are left to
# the client.
COMMENT_MAX_CHARS = 2200
# Commenters who are not sandbox accounts get a stable Instagram-scoped id from their username.
_COMMENTER_ID_BASE = 17_841_490_000_000_000


def text_problem(text: str) -> str | None:
    """Why Instagram would refuse this comment text, or None."""
    if not text.strip():
        return "The comment text is empty"
    if len(text) > COMMENT_MAX_CHARS:
        return (
            f"The comment is too long: {len(text)} characters, at most {COMMENT_MAX_CHARS} "
            "are allowed"
        )
    return None


@dataclass(slots=True)
class Comment:
    id: str
    media_id: str
    username: str
    text: str
    timestamp: datetime
    author_id: str | None = None  # the sandbox account that wrote it, when one did
    like_count: int = 0
    hidden: bool = False
    parent_id: str | None = None

    @property
    def commenter_id(self) -> str:
        if self.author_id is not None:
            return self.author_id
        return str(_COMMENTER_ID_BASE + zlib.crc32(self.username.encode()))


class CommentBook:
    def __init__(self) -> None:
        self.by_id: dict[str, Comment] = {}
        self._on_media: dict[str, list[int]] = {}
        self._replies: dict[str, list[int]] = {}

    def __contains__(self, comment_id: str) -> bool:
        return comment_id in self.by_id

    def get(self, comment_id: str) -> Comment | None:
        return self.by_id.get(comment_id)

    def add(self, comment: Comment) -> None:
        self.by_id[comment.id] = comment
        if comment.parent_id is None:
            thread = self._on_media.setdefault(comment.media_id, [])
        else:
            thread = self._replies.setdefault(comment.parent_id, [])
        key = int(comment.id)
        if not thread or thread[-1] < key:
            thread.append(key)
        else:
            bisect.insort(thread, key)

    def top_level_ids(self, media_id: str) -> list[int]:
        """The ids of the comments on a media, oldest first."""
        return self._on_media.get(media_id, [])

    def reply_ids(self, comment_id: str) -> list[int]:
        """The ids of the replies to a comment, oldest first."""
        return self._replies.get(comment_id, [])

    def thread_of(self, media_id: str) -> list[Comment]:
        """Every comment on a media, each followed by its replies, oldest first."""
        thread: list[Comment] = []
        for key in self.top_level_ids(media_id):
            thread.append(self.by_id[str(key)])
            thread.extend(self.by_id[str(reply)] for reply in self.reply_ids(str(key)))
        return thread

    def delete(self, comment_id: str) -> list[str]:
        """Delete a comment and its replies; the ids of every comment that went."""
        comment = self.by_id.pop(comment_id)
        gone = [comment_id, *(str(reply) for reply in self._replies.pop(comment_id, []))]
        for reply_id in gone[1:]:
            del self.by_id[reply_id]
        if comment.parent_id is None:
            thread = self._on_media[comment.media_id]
        else:
            thread = self._replies[comment.parent_id]
        del thread[bisect.bisect_left(thread, int(comment_id))]
        return gone

    def delete_all_on(self, media_id: str) -> list[str]:
        gone = [
            comment_id
            for key in list(self.top_level_ids(media_id))
            for comment_id in self.delete(str(key))
        ]
        self._on_media.pop(media_id, None)
        return gone
