"""Instagram's side of a post's first comment: written with ``POST /{media-id}/comments``,
found among the media's comments when an earlier request's answer was lost."""

from __future__ import annotations

from autopost.application.instagram.accounts import as_account
from autopost.application.ports.instagram_media_gateway import InstagramMediaGateway
from autopost.application.ports.secret_box import SecretBox
from autopost.domain.credential import Credential
from autopost.domain.post import InstagramContent, Post


class InstagramCommentWriter:
    def __init__(self, gateway: InstagramMediaGateway, box: SecretBox) -> None:
        self._gateway = gateway
        self._box = box

    def text_of(self, post: Post) -> str | None:
        return post.content_for(InstagramContent).first_comment

    async def find(self, credential: Credential, media_id: str, text: str) -> str | None:
        # The comment is looked for moments after it may have been written, on a post that
        # appeared moments before: a comment (not a reply) with the very same words is the
        # one that request wrote. Instagram keeps the words as they were sent.
        comments = await self._gateway.comments(as_account(credential, self._box), media_id)
        for comment in comments:
            if comment.parent_id is None and comment.text == text:
                return comment.comment_id
        return None

    async def write(self, credential: Credential, media_id: str, text: str) -> str:
        return await self._gateway.add_comment(as_account(credential, self._box), media_id, text)
