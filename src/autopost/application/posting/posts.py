"""Scheduling a post, editing or rescheduling it, cancelling, retrying, and reading it back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from attrs import field, frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.integrations.credentials import ConnectAccount, store_credential
from autopost.application.pinterest.boards import BoardCatalog, pinterest_credential
from autopost.application.policy import PostingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import PlatformError
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.errors import (
    AccountRequired,
    InstagramAccountNotConnected,
    NotTheCredentialsAccount,
    PinterestTakesNoToken,
    TopicMatchesNoBoard,
    UnknownCredential,
    UnknownPinterestAccount,
)
from autopost.application.posting.post_content import apply_content, new_post, validate
from autopost.application.posting.publication_plan import plan_publication
from autopost.application.posting.views import PostView
from autopost.application.publishing.dispatch import Dispatcher
from autopost.domain.access import Action, Resource
from autopost.domain.board import BoardNotFound, choose_board
from autopost.domain.credential import Credential
from autopost.domain.errors import NotFound
from autopost.domain.pinterest_rules import PinTemplate
from autopost.domain.platform import Platform
from autopost.domain.post import PinContent, Post, PostContent, with_changes
from autopost.domain.post_conflicts import DUPLICATE_WINDOW, ConflictWarning, conflicts
from autopost.domain.publication import ScheduledPublication

# A post's time as a client gives it: a moment, or "now", the time of the request.
When = datetime | Literal["now"]
NOW: Literal["now"] = "now"


@frozen
class SchedulePost:
    """``content`` is one platform's, and says where the post goes. ``date_pub`` "now"
    publishes it as soon as possible: its time is the request's."""

    content: PostContent
    date_pub: When = NOW
    user_id: str | None = None
    token: str | None = None
    credential_id: int | None = None
    board_id: str | None = None

    @property
    def platform(self) -> Platform:
        return self.content.platform


@frozen
class EditPost:
    """``changes`` names the content fields to change (a PUT names them all; those the post's
    platform does not have are left out); ``date_pub`` reschedules ("now": to the time of
    the request)."""

    post_id: int
    changes: Mapping[str, Any] = field(factory=dict)
    date_pub: When | None = None
    token: str | None = None
    board_id: str | None = None


async def _find_account(
    uow: UnitOfWork, box: SecretBox, actor: Actor, command: SchedulePost, now: datetime
) -> Credential:
    if command.platform is Platform.PINTEREST:
        if command.token:
            raise PinterestTakesNoToken()
        if command.credential_id is None and command.user_id:
            found = await uow.credentials.find(Platform.PINTEREST, command.user_id)
            if found is None:
                raise UnknownPinterestAccount()
            return found
        return await pinterest_credential(uow, command.credential_id)
    if command.credential_id is not None:
        credential = await uow.credentials.get(command.credential_id)
        if credential is None or credential.platform != command.platform:
            raise UnknownCredential(command.platform.value)
        if command.user_id and credential.account_id != command.user_id:
            raise NotTheCredentialsAccount()
        if command.token:
            authorize(actor, Action.CHANGE, Resource.CREDENTIAL, credential.owner_id)
            credential.replace_tokens(box.seal(command.token), None, None)
        return credential
    if not command.user_id:
        raise AccountRequired()
    if command.token:
        # A token given with a post connects (or reconnects) the account: that needs the right
        # to manage accounts, not only to write posts (``store_credential`` asks).
        connect = ConnectAccount(
            command.platform, command.user_id, command.token, owner_id=actor.user_id
        )
        credential, _ = await store_credential(uow, box, actor, connect, now)
        return credential
    credential = await uow.credentials.find(command.platform, command.user_id)
    if credential is None:
        raise InstagramAccountNotConnected()
    return credential


# Finding the account a new post goes out from, also for a recurring post's.
find_account = _find_account


async def resolve_board(catalog: BoardCatalog, credential: Credential, topic: str | None) -> str:
    """The board a pin about ``topic`` goes to, from the boards cache (stale rather than none
    when Pinterest cannot be reached now). Call with no transaction open: the catalog may
    call Pinterest and store the boards in a transaction of its own."""
    try:
        boards = await catalog.current(credential)
    except PlatformError:
        boards = await catalog.cached(credential)
    try:
        return choose_board(topic, boards, credential.default_board_id)
    except BoardNotFound as missing:
        raise TopicMatchesNoBoard(missing) from None


class _PostWriter:
    """What scheduling and editing a post both need."""

    def __init__(
        self,
        uow: UnitOfWork,
        box: SecretBox,
        clock: Clock,
        dispatcher: Dispatcher,
        catalog: BoardCatalog,
        template: PinTemplate,
        policy: PostingPolicy,
    ) -> None:
        self._uow = uow
        self._box = box
        self._clock = clock
        self._dispatcher = dispatcher
        self._catalog = catalog
        self._template = template
        self._policy = policy

    async def _warnings(
        self, uow: UnitOfWork, post: Post, publication: ScheduledPublication
    ) -> tuple[ConflictWarning, ...]:
        """What the post crowds among the account's other posts (``post_conflicts``)."""
        due = publication.publish_at
        reach = max(self._policy.conflict_window, DUPLICATE_WINDOW)
        nearby = await uow.publications.on_account_between(
            publication.credential_id, due - reach, due + reach
        )
        others = [other for other in nearby if other.post_id != post.id]
        return tuple(conflicts(post.content, due, others, self._policy.conflict_window))


def _moment(when: When, now: datetime) -> datetime:
    return now if when == NOW else when


class SchedulePostUseCase(_PostWriter):
    async def execute(self, actor: Actor, command: SchedulePost) -> PostView:
        authorize(actor, Action.ADD, Resource.POST)
        validate(command.content)
        now = self._clock.now()
        board_id = command.board_id
        if command.platform is Platform.PINTEREST and not board_id:
            board_id = await self._board_by_topic(actor, command, now)
        async with self._uow as uow:
            credential = await _find_account(uow, self._box, actor, command, now)
            post = new_post(command.content, actor.user_id, now, self._template)
            await uow.posts.add(post)  # its id is known at once
            assert post.id is not None and credential.id is not None
            publish_at = _moment(command.date_pub, now)
            publication = await plan_publication(
                uow,
                self._dispatcher,
                post_id=post.id,
                credential_id=credential.id,
                platform=command.platform,
                publish_at=publish_at,
                now=now,
                board_id=board_id,
            )
            await record(uow, actor, "scheduled", Resource.POST, post.id, now, f"for {publish_at}")
            warnings = await self._warnings(uow, post, publication)
            await uow.commit()
            return PostView(post, publication, credential, now, warnings)

    async def _board_by_topic(self, actor: Actor, command: SchedulePost, now: datetime) -> str:
        """Chosen before the transaction that schedules the pin opens (see ``resolve_board``):
        on SQLite that transaction holds the write lock the catalog's own would wait for."""
        async with self._uow as uow:
            credential = await _find_account(uow, self._box, actor, command, now)
        topic = command.content.topic if isinstance(command.content, PinContent) else None
        return await resolve_board(self._catalog, credential, topic)


async def _load(uow: UnitOfWork, post_id: int) -> tuple[Post, ScheduledPublication, Credential]:
    post = await uow.posts.get(post_id)
    if post is None:
        raise NotFound("post", post_id)
    publications = await uow.publications.for_posts([post_id])
    if not publications:
        raise NotFound("post", post_id)
    publication = publications[0]
    credential = await uow.credentials.get(publication.credential_id)
    if credential is None:
        raise NotFound("credential", publication.credential_id)
    return post, publication, credential


class EditPostUseCase(_PostWriter):
    async def execute(self, actor: Actor, command: EditPost) -> PostView:
        now = self._clock.now()
        board_id = command.board_id or await self._board_of_new_topic(actor, command)
        async with self._uow as uow:
            post, publication, credential = await _load(uow, command.post_id)
            authorize(actor, Action.CHANGE, Resource.POST, post.owner_id)
            post.edited_on_its_own()  # an occurrence of a series keeps its own from now on
            content = with_changes(post.content, command.changes)
            if content != post.content:
                validate(content)
                publication.edited(now=now)
                apply_content(post, content, now, self._template)
            publication.reschedule(
                _moment(command.date_pub or publication.publish_at, now),
                self._dispatcher.lead(publication.platform),
                now=now,
            )
            if board_id:
                publication.send_to_board(board_id, now=now)
            if command.token and post.platform is Platform.INSTAGRAM:
                authorize(actor, Action.CHANGE, Resource.CREDENTIAL, credential.owner_id)
                credential.replace_tokens(self._box.seal(command.token), None, None)
            changed = sorted({*command.changes, *(["date_pub"] if command.date_pub else [])})
            await record(uow, actor, "changed", Resource.POST, post.id, now, ", ".join(changed))
            warnings = await self._warnings(uow, post, publication)
            self._dispatcher.send_after_commit(uow, publication)
            await uow.commit()
            return PostView(post, publication, credential, now, warnings)

    async def _board_of_new_topic(self, actor: Actor, command: EditPost) -> str | None:
        """The board of a pin whose topic changes, chosen before the edit's transaction opens
        (see ``resolve_board``): on SQLite that transaction holds the write lock the catalog's
        own would wait for."""
        if "topic" not in command.changes:
            return None
        async with self._uow as uow:
            post, _, credential = await _load(uow, command.post_id)
        if post.platform is not Platform.PINTEREST:
            return None
        authorize(actor, Action.CHANGE, Resource.POST, post.owner_id)
        return await resolve_board(self._catalog, credential, command.changes["topic"])


class CancelPostUseCase:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, post_id: int) -> None:
        async with self._uow as uow:
            post, publication, _ = await _load(uow, post_id)
            authorize(actor, Action.DELETE, Resource.POST, post.owner_id)
            now = self._clock.now()
            publication.cancel(now=now)
            await record(uow, actor, "cancelled", Resource.POST, post_id, now)
            await uow.commit()


class RetryPostUseCase:
    """A failed publication tried again by hand, at once, with a fresh count of attempts."""

    def __init__(self, uow: UnitOfWork, clock: Clock, dispatcher: Dispatcher) -> None:
        self._uow = uow
        self._clock = clock
        self._dispatcher = dispatcher

    async def execute(self, actor: Actor, post_id: int) -> PostView:
        async with self._uow as uow:
            post, publication, credential = await _load(uow, post_id)
            authorize(actor, Action.CHANGE, Resource.POST, post.owner_id)
            now = self._clock.now()
            publication.retry_now(now, self._dispatcher.lead(publication.platform))
            await record(uow, actor, "retried", Resource.POST, post_id, now)
            self._dispatcher.send_after_commit(uow, publication)
            await uow.commit()
            return PostView(post, publication, credential, now)


class GetPostUseCase:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, post_id: int) -> PostView:
        authorize(actor, Action.VIEW, Resource.POST)
        async with self._uow as uow:
            post, publication, credential = await _load(uow, post_id)
            return PostView(post, publication, credential, self._clock.now())


class ListPostsUseCase:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, limit: int, offset: int) -> Sequence[PostView]:
        authorize(actor, Action.VIEW, Resource.POST)
        now = self._clock.now()
        async with self._uow as uow:
            posts = await uow.posts.list(limit, offset)
            ids = [p.id for p in posts if p.id is not None]
            by_post = {p.post_id: p for p in await uow.publications.for_posts(ids)}
            accounts = {c.id: c for c in await uow.credentials.list()}
            return [
                PostView(post, by_post[post.id], accounts[by_post[post.id].credential_id], now)
                for post in posts
                if post.id in by_post
            ]
