"""Comments of synced or published Instagram media: listed, synced, written, replied to,
hidden and deleted, always through Instagram first and then stored."""

from __future__ import annotations

from collections.abc import Sequence

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.events import sync_events
from autopost.application.instagram.accounts import as_account
from autopost.application.instagram.errors import CommentRefused
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_media_gateway import InstagramMediaGateway
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.comment_rules import check_comment
from autopost.domain.credential import Credential
from autopost.domain.errors import NotFound
from autopost.domain.instagram_media import Comment, InstagramMedia


def _checked(text: str) -> str:
    problems = check_comment(text)
    if problems:
        raise CommentRefused(*problems)
    return text.strip()


async def _media(uow: UnitOfWork, media_pk: int) -> tuple[InstagramMedia, Credential]:
    media = await uow.media.get(media_pk)
    if media is None or media.deleted_at is not None:
        raise NotFound("post", media_pk)
    credential = await uow.credentials.get(media.credential_id)
    if credential is None:
        raise NotFound("Instagram account", media.credential_id)
    return media, credential


async def _comment(uow: UnitOfWork, comment_pk: int) -> tuple[Comment, Credential]:
    comment = await uow.comments.get(comment_pk)
    if comment is None or comment.deleted_at is not None:
        raise NotFound("comment", comment_pk)
    _, credential = await _media(uow, comment.media_id)
    return comment, credential


class CommentUseCase:
    def __init__(
        self, uow: UnitOfWork, gateway: InstagramMediaGateway, box: SecretBox, clock: Clock
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._box = box
        self._clock = clock


class CommentOnMedia(CommentUseCase):
    async def execute(self, actor: Actor, media_pk: int, text: str) -> Comment:
        authorize(actor, Action.ADD, Resource.COMMENT)
        text = _checked(text)
        async with self._uow as uow:
            media, credential = await _media(uow, media_pk)
            await uow.commit()  # no transaction stays open across a call to Instagram
            account = as_account(credential, self._box)
            comment_id = await self._gateway.add_comment(account, media.media_id, text)
            comment = Comment(
                media_id=media_pk,
                comment_id=comment_id,
                text=text,
                timestamp=self._clock.now(),
                username=credential.username,
                author_id=actor.user_id,
            )
            await uow.comments.add(comment)
            media.comments_count = (media.comments_count or 0) + 1
            await record(uow, actor, "commented", Resource.COMMENT, comment_id, comment.timestamp)
            await uow.commit()
            return comment


class ReplyToComment(CommentUseCase):
    async def execute(self, actor: Actor, comment_pk: int, text: str) -> Comment:
        authorize(actor, Action.ADD, Resource.COMMENT)
        text = _checked(text)
        async with self._uow as uow:
            parent, credential = await _comment(uow, comment_pk)
            await uow.commit()
            account = as_account(credential, self._box)
            reply_id = await self._gateway.reply(account, parent.comment_id, text)
            reply = Comment(
                media_id=parent.media_id,
                comment_id=reply_id,
                text=text,
                timestamp=self._clock.now(),
                username=credential.username,
                parent_id=parent.comment_id,
                author_id=actor.user_id,
            )
            await uow.comments.add(reply)
            await record(uow, actor, "replied", Resource.COMMENT, reply_id, reply.timestamp)
            await uow.commit()
            return reply


class HideComment(CommentUseCase):
    async def execute(self, actor: Actor, comment_pk: int, hide: bool) -> Comment:
        async with self._uow as uow:
            comment, credential = await _comment(uow, comment_pk)
            authorize(actor, Action.CHANGE, Resource.COMMENT, comment.author_id)
            await uow.commit()
            await self._gateway.hide_comment(
                as_account(credential, self._box), comment.comment_id, hide
            )
            comment.hidden = hide
            action = "hidden" if hide else "unhidden"
            now = self._clock.now()
            await record(uow, actor, action, Resource.COMMENT, comment.comment_id, now)
            await uow.commit()
            return comment


class DeleteComment(CommentUseCase):
    async def execute(self, actor: Actor, comment_pk: int) -> None:
        async with self._uow as uow:
            comment, credential = await _comment(uow, comment_pk)
            authorize(actor, Action.DELETE, Resource.COMMENT, comment.author_id)
            await uow.commit()
            await self._gateway.delete_comment(
                as_account(credential, self._box), comment.comment_id
            )
            comment.deleted_at = self._clock.now()
            await record(
                uow, actor, "deleted", Resource.COMMENT, comment.comment_id, comment.deleted_at
            )
            await uow.commit()


class ListComments(CommentUseCase):
    """A media's comments; with ``refresh``, synced from Instagram first."""

    async def execute(
        self, actor: Actor, media_pk: int, refresh: bool = False
    ) -> Sequence[Comment]:
        authorize(actor, Action.VIEW, Resource.COMMENT)
        if refresh:  # a sync from Instagram writes: more than reading
            authorize(actor, Action.CHANGE, Resource.MEDIA)
        async with self._uow as uow:
            media, credential = await _media(uow, media_pk)
            if refresh:
                await uow.commit()
                remote = await self._gateway.comments(
                    as_account(credential, self._box), media.media_id
                )
                known = {c.comment_id for c in await uow.comments.for_media(media_pk)}
                new = [r.comment_id for r in remote if r.comment_id not in known]
                await uow.comments.replace_synced(
                    media_pk,
                    [
                        Comment(
                            media_id=media_pk,
                            comment_id=r.comment_id,
                            text=r.text,
                            timestamp=r.timestamp,
                            username=r.username,
                            parent_id=r.parent_id,
                            like_count=r.like_count,
                            hidden=r.hidden,
                        )
                        for r in remote
                    ],
                )
                if new:
                    await uow.events.add(
                        sync_events.comments_received(
                            credential, media.media_id, new, self._clock.now()
                        )
                    )
                await uow.commit()
            return await uow.comments.for_media(media_pk)
