"""Scheduling a post, editing or rescheduling it, cancelling, retrying, and reading it back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from attrs import evolve, field, frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.integrations.credentials import ConnectAccount, store_credential
from autopost.application.library.references import MEDIA_FIELDS, check_references
from autopost.application.pinterest.boards import BoardCatalog, pinterest_credential
from autopost.application.policy import PostingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import PlatformError
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.approval import (
    SCHEDULED,
    SUBMITTED,
    EditedSchedule,
    hold_new,
    planned_for,
    settle_edit,
    tell_held,
)
from autopost.application.posting.best_times import best_time_for
from autopost.application.posting.errors import (
    AccountRequired,
    AccountsNamedTwice,
    InstagramAccountNotConnected,
    NotTheCredentialsAccount,
    OverrideForAnotherAccount,
    PinterestTakesNoToken,
    TokenForManyAccounts,
    TopicMatchesNoBoard,
    UnknownAccounts,
    UnknownCredential,
    UnknownPinterestAccount,
)
from autopost.application.posting.loading import Loaded, load
from autopost.application.posting.place_names import place_names
from autopost.application.posting.post_content import apply_content, as_kept, new_post, validate
from autopost.application.posting.publication_plan import new_publication
from autopost.application.posting.queue import next_free_slot_time
from autopost.application.posting.views import PostView
from autopost.application.publishing.dispatch import Dispatcher
from autopost.domain.access import Action, Resource
from autopost.domain.account_content import content_for_account
from autopost.domain.board import BoardNotFound, Placement, choose_place, place_of_section
from autopost.domain.credential import Credential
from autopost.domain.errors import ValidationFailed
from autopost.domain.pinterest_rules import PinTemplate
from autopost.domain.platform import Platform
from autopost.domain.post import PinContent, Post, PostContent, with_changes
from autopost.domain.post_conflicts import DUPLICATE_WINDOW, ConflictWarning, conflicts
from autopost.domain.publication import PublicationStatus, ScheduledPublication

# A post's time as a client gives it: a moment, or "now", the time of the request.
When = datetime | Literal["now"]
NOW: Literal["now"] = "now"


@frozen
class SchedulePost:
    """``content`` is one platform's, and says where the post goes. ``date_pub`` "now"
    publishes it as soon as possible: its time is the request's. ``queue`` puts it in each
    account's next free posting slot instead (``date_pub`` is then not read).

    A post to several accounts names them in ``credential_ids`` (in order: the first is the
    post's own); each takes from ``shared`` (the content fields as the client sent them) the
    fields its platform has, with ``overrides`` (by account id: content fields and
    ``board_id``, ``board_section_id``) over them (``account_content``)."""

    content: PostContent
    date_pub: When = NOW
    user_id: str | None = None
    token: str | None = None
    credential_id: int | None = None
    board_id: str | None = None
    board_section_id: str | None = None
    credential_ids: tuple[int, ...] = ()
    shared: Mapping[str, Any] = field(factory=dict)
    overrides: Mapping[int, Mapping[str, Any]] = field(factory=dict)
    # Saved as a draft: nothing is scheduled ("now" is no time yet).
    draft: bool = False
    queue: bool = False
    # Each account's next best time to post (``best_times``) instead of ``date_pub``.
    best_time: bool = False

    @property
    def platform(self) -> Platform:
        return self.content.platform

    @property
    def to_many(self) -> bool:
        return bool(self.credential_ids)


@frozen
class EditPost:
    """``changes`` names the content fields to change (a PUT names them all; those the post's
    platform does not have are left out); ``date_pub`` reschedules ("now": to the time of
    the request). With ``publication_id``, only that account's publication is moved."""

    post_id: int
    changes: Mapping[str, Any] = field(factory=dict)
    date_pub: When | None = None
    token: str | None = None
    board_id: str | None = None
    board_section_id: str | None = None
    publication_id: int | None = None
    # True: kept as a draft; False: a draft scheduled; None: as it is (``approval``).
    draft: bool | None = None


@frozen
class _Account:
    """One account a post goes to, with what it publishes there."""

    credential: Credential
    content: PostContent
    place: Placement | None = None


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


async def resolve_place(
    catalog: BoardCatalog,
    credential: Credential,
    topic: str | None,
    board_id: str | None = None,
    section_id: str | None = None,
) -> Placement:
    """Where a pin goes: the board (and section) given, else the place of its ``topic``
    (``choose_place``), from the boards cache (stale rather than none when Pinterest cannot
    be reached now). Call with no transaction open: the catalog may call Pinterest and store
    the boards in a transaction of its own."""
    if board_id and not section_id:
        return Placement(board_id)
    try:
        boards = await catalog.current(credential)
    except PlatformError:
        boards = await catalog.cached(credential)
    sections = await catalog.cached_sections(credential)
    if section_id:
        return place_of_section(section_id, board_id, sections)
    try:
        return choose_place(topic, boards, sections, credential.default_board_id)
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
        self, uow: UnitOfWork, post: Post, publications: Sequence[ScheduledPublication]
    ) -> tuple[ConflictWarning, ...]:
        """What the post crowds among each account's other posts (``post_conflicts``)."""
        found: dict[ConflictWarning, None] = {}  # in order, each once across the accounts
        reach = max(self._policy.conflict_window, DUPLICATE_WINDOW)
        for publication in publications:
            due = publication.publish_at
            if due is None:  # a draft without a time crowds nothing
                continue
            nearby = await uow.publications.on_account_between(
                publication.credential_id, due - reach, due + reach
            )
            others = [other for other in nearby if other.post_id != post.id]
            content = publication.what_is_published(post).content
            for warning in conflicts(content, due, others, self._policy.conflict_window):
                found.setdefault(warning)
        return tuple(found)


def _moment(when: When, now: datetime) -> datetime:
    return now if when == NOW else when


def _by_account(errors: dict[int, dict[str, list[str]]]) -> dict[str, list[str]]:
    """Each account's refusals, named ``credentials.<id>.<field>``."""
    return {
        f"credentials.{credential_id}.{name}": messages
        for credential_id, refused in errors.items()
        for name, messages in refused.items()
    }


class SchedulePostUseCase(_PostWriter):
    async def execute(self, actor: Actor, command: SchedulePost) -> PostView:
        authorize(actor, Action.ADD, Resource.POST)
        now = self._clock.now()
        if command.to_many:
            accounts = await self._accounts(actor, command)
        else:
            validate(command.content)
            accounts = None
            place = None
            if command.platform is Platform.PINTEREST:
                place = await self._place(actor, command, now)
            elif command.board_id:  # a post to one account keeps the board as given
                place = Placement(command.board_id)
        async with self._uow as uow:
            if accounts is None:
                credential = await _find_account(uow, self._box, actor, command, now)
                accounts = [_Account(credential, command.content, place)]
            else:
                accounts = await _still_connected(uow, accounts)
            await check_references(uow, [account.content for account in accounts])
            first = accounts[0]
            post = new_post(first.content, actor.user_id, now, self._template)
            await uow.posts.add(post)  # its id is known at once
            assert post.id is not None
            publications = []
            actions: dict[str, list[ScheduledPublication]] = {}
            for account in accounts:
                assert account.credential.id is not None
                platform = account.credential.platform
                kept = as_kept(account.content, self._template)
                if command.queue:  # each account's own next free slot
                    publish_at = await next_free_slot_time(uow, account.credential.id, now)
                elif command.best_time:
                    publish_at = await best_time_for(uow, account.credential.id, now)
                else:
                    publish_at = _moment(command.date_pub, now)
                publication = new_publication(
                    self._dispatcher,
                    post_id=post.id,
                    credential_id=account.credential.id,
                    platform=platform,
                    publish_at=publish_at,
                    now=now,
                    place=account.place,
                    own_content=None if kept == post.content else kept,
                )
                action = hold_new(
                    publication,
                    actor,
                    account.credential,
                    self._policy,
                    draft=command.draft,
                    timed=command.queue or command.best_time or command.date_pub != NOW,
                    now=now,
                )
                await uow.publications.add(publication)
                publications.append(publication)
                actions.setdefault(action, []).append(publication)
            for action, held in actions.items():
                where = "" if len(accounts) == 1 else f" on {len(held)} accounts"
                summary = f"{planned_for(held[0])}{where}".strip()
                await record(uow, actor, action, Resource.POST, post.id, now, summary)
            warnings = await self._warnings(uow, post, publications)
            for publication in publications:
                self._dispatcher.send_after_commit(uow, publication)
            await tell_held(uow, post.id, post.owner_id, publications, now)
            await uow.commit()
            named = {a.credential.id: a.credential for a in accounts if a.credential.id}
            places = await place_names(uow, publications)
            return PostView(post, tuple(publications), named, now, warnings, places)

    async def _place(self, actor: Actor, command: SchedulePost, now: datetime) -> Placement:
        """Chosen before the transaction that schedules the pin opens (see ``resolve_place``):
        on SQLite that transaction holds the write lock the catalog's own would wait for."""
        if command.board_id and not command.board_section_id:
            return Placement(command.board_id)
        async with self._uow as uow:
            credential = await _find_account(uow, self._box, actor, command, now)
        topic = command.content.topic if isinstance(command.content, PinContent) else None
        return await resolve_place(
            self._catalog, credential, topic, command.board_id, command.board_section_id
        )

    async def _accounts(self, actor: Actor, command: SchedulePost) -> list[_Account]:
        """Each account of a post to several, with its content checked against its platform's
        rules and, for a pin, its board: read and chosen before the transaction that
        schedules the post opens (see ``resolve_place``)."""
        if command.credential_id is not None or command.user_id:
            raise AccountsNamedTwice()
        if command.token:
            raise TokenForManyAccounts()
        ids = list(dict.fromkeys(command.credential_ids))
        for named in command.overrides:
            if named not in ids:
                raise OverrideForAnotherAccount(named)
        async with self._uow as uow:
            found = {i: await uow.credentials.get(i) for i in ids}
        missing = [i for i, credential in found.items() if credential is None]
        if missing:
            raise UnknownAccounts(missing)
        accounts, errors = [], {}
        for credential_id in ids:
            credential = found[credential_id]
            assert credential is not None
            override = command.overrides.get(credential_id, {})
            content = content_for_account(credential.platform, command.shared, override)
            problems = content.problems()
            if problems:
                errors[credential_id] = problems
            accounts.append(_Account(credential, content))
        if errors:
            raise ValidationFailed(_by_account(errors))
        return [await self._with_board(account, command) for account in accounts]

    async def _with_board(self, account: _Account, command: SchedulePost) -> _Account:
        if not isinstance(account.content, PinContent):
            return account
        assert account.credential.id is not None
        override = command.overrides.get(account.credential.id, {})
        if "board_id" in override or "board_section_id" in override:
            board_id, section_id = override.get("board_id"), override.get("board_section_id")
        else:
            board_id, section_id = command.board_id, command.board_section_id
        place = await resolve_place(
            self._catalog, account.credential, account.content.topic, board_id, section_id
        )
        return evolve(account, place=place)


async def _still_connected(uow: UnitOfWork, accounts: list[_Account]) -> list[_Account]:
    """The accounts read again in the transaction that schedules the post: one disconnected
    since is refused, not scheduled for."""
    again = []
    for account in accounts:
        assert account.credential.id is not None
        credential = await uow.credentials.get(account.credential.id)
        if credential is None:
            raise UnknownAccounts([account.credential.id])
        again.append(evolve(account, credential=credential))
    return again


def _changeable(publications: Sequence[ScheduledPublication]) -> list[ScheduledPublication]:
    """What a change of the post acts on: every publication that can still change; if none
    can, the first, which refuses it in its own words."""
    return [p for p in publications if p.can_change] or list(publications[:1])


class EditPostUseCase(_PostWriter):
    async def execute(self, actor: Actor, command: EditPost) -> PostView:
        now = self._clock.now()
        places = await self._new_places(actor, command)
        async with self._uow as uow:
            loaded = await load(uow, command.post_id)
            post = loaded.post
            authorize(actor, Action.CHANGE, Resource.POST, post.owner_id)
            post.edited_on_its_own()  # an occurrence of a series keeps its own from now on
            targets = _changeable(loaded.chosen(command.publication_id))
            edited = self._edit_content(loaded, targets, command.changes, now)
            if MEDIA_FIELDS.intersection(command.changes):
                contents = [post.content, *(p.own_content for p in targets if p.own_content)]
                await check_references(uow, contents)
            when = _moment(command.date_pub, now) if command.date_pub else None
            transitions = []
            released: list[ScheduledPublication] = []  # scheduled or sent for approval now
            for publication in targets:
                schedule = EditedSchedule(when, command.draft, publication.id in edited)
                transition = settle_edit(
                    publication,
                    actor,
                    loaded.accounts[publication.credential_id],
                    self._policy,
                    schedule,
                    self._dispatcher.lead(publication.platform),
                    now,
                )
                if transition and transition not in transitions:
                    transitions.append(transition)
                if transition in (SCHEDULED, SUBMITTED):
                    released.append(publication)
                place = places.get(publication.credential_id)
                if place is None and command.board_id:
                    place = Placement(command.board_id)
                # A post to one account takes the board as given (seed 003 did); one to
                # several gives it to its pins only.
                single = len(loaded.publications) == 1
                if place and (single or publication.platform is Platform.PINTEREST):
                    publication.send_to_board(place.board_id, now=now, section_id=place.section_id)
            first = loaded.publications[0]
            if command.token and first.platform is Platform.INSTAGRAM:
                credential = loaded.accounts[first.credential_id]
                authorize(actor, Action.CHANGE, Resource.CREDENTIAL, credential.owner_id)
                credential.replace_tokens(self._box.seal(command.token), None, None)
            changed = sorted({*command.changes, *(["date_pub"] if command.date_pub else [])})
            what = ", ".join(changed)
            if command.publication_id is not None:
                what = f"publication {command.publication_id}: {what}"
            await record(uow, actor, "changed", Resource.POST, post.id, now, what)
            for transition in transitions:
                await record(uow, actor, transition, Resource.POST, post.id, now)
            warnings = await self._warnings(uow, post, targets)
            for publication in targets:
                self._dispatcher.send_after_commit(uow, publication)
            await tell_held(uow, post.id, post.owner_id, released, now)
            await uow.commit()
            return loaded.view(now, warnings)

    def _edit_content(
        self,
        loaded: Loaded,
        targets: Sequence[ScheduledPublication],
        changes: Mapping[str, Any],
        now: datetime,
    ) -> set[int]:
        """The change made on every account it acts on; the publications whose content it
        changed. An account it does not act on (one already published) keeps what it
        published: the post's content is copied to it first, if it had none of its own."""
        post = loaded.post
        edited: dict[int, PostContent] = {}
        errors: dict[int, dict[str, list[str]]] = {}
        for publication in targets:
            assert publication.id is not None
            before = publication.what_is_published(post).content
            after = with_changes(before, changes)
            if after != before:
                problems = after.problems()
                if problems:
                    errors[publication.credential_id] = problems
                edited[publication.id] = after
        if errors:
            if len(loaded.publications) == 1:
                raise ValidationFailed(next(iter(errors.values())))
            raise ValidationFailed(_by_account(errors))
        if not edited:
            return set()
        for publication in targets:
            if publication.id in edited:
                publication.edited(now=now)
        shared = with_changes(post.content, changes)
        for publication in loaded.publications:
            if publication not in targets and publication.own_content is None:
                publication.own_content = post.content
        if shared != post.content:
            apply_content(post, shared, now, self._template)
        for publication in targets:
            if publication.own_content is not None and publication.id in edited:
                kept = as_kept(edited[publication.id], self._template)
                publication.own_content = None if kept == post.content else kept
        return set(edited)

    async def _new_places(self, actor: Actor, command: EditPost) -> dict[int, Placement]:
        """The place of each pin whose topic or section changes, chosen before the edit's
        transaction opens (see ``resolve_place``): on SQLite that transaction holds the write
        lock the catalog's own would wait for."""
        if "topic" not in command.changes and not command.board_section_id:
            return {}
        async with self._uow as uow:
            loaded = await load(uow, command.post_id)
        authorize(actor, Action.CHANGE, Resource.POST, loaded.post.owner_id)
        places = {}
        for publication in loaded.chosen(command.publication_id):
            if publication.platform is Platform.PINTEREST:
                credential = loaded.accounts[publication.credential_id]
                content = publication.what_is_published(loaded.post).content
                topic = command.changes.get("topic", getattr(content, "topic", None))
                places[publication.credential_id] = await resolve_place(
                    self._catalog, credential, topic, command.board_id, command.board_section_id
                )
        return places


class CancelPostUseCase:
    """Cancels every publication of the post that can still change (or the one named):
    those published or being published stay as they are."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, post_id: int, publication_id: int | None = None) -> None:
        async with self._uow as uow:
            loaded = await load(uow, post_id)
            authorize(actor, Action.DELETE, Resource.POST, loaded.post.owner_id)
            now = self._clock.now()
            chosen = loaded.chosen(publication_id)
            live = [p for p in chosen if p.status is not PublicationStatus.CANCELLED]
            for publication in [p for p in live if p.can_change] or live[:1]:
                publication.cancel(now=now)
            what = "" if publication_id is None else f"publication {publication_id}"
            await record(uow, actor, "cancelled", Resource.POST, post_id, now, what)
            await uow.commit()


class RetryPostUseCase:
    """Failed publications tried again by hand, at once, each with a fresh count of
    attempts: every failed one of the post, or the one named."""

    def __init__(self, uow: UnitOfWork, clock: Clock, dispatcher: Dispatcher) -> None:
        self._uow = uow
        self._clock = clock
        self._dispatcher = dispatcher

    async def execute(
        self, actor: Actor, post_id: int, publication_id: int | None = None
    ) -> PostView:
        async with self._uow as uow:
            loaded = await load(uow, post_id)
            authorize(actor, Action.CHANGE, Resource.POST, loaded.post.owner_id)
            now = self._clock.now()
            chosen = loaded.chosen(publication_id)
            failed = [p for p in chosen if p.status is PublicationStatus.FAILED]
            for publication in failed or chosen[:1]:
                publication.retry_now(now, self._dispatcher.lead(publication.platform))
                self._dispatcher.send_after_commit(uow, publication)
            what = "" if publication_id is None else f"publication {publication_id}"
            await record(uow, actor, "retried", Resource.POST, post_id, now, what)
            await uow.commit()
            return loaded.view(now)


class GetPostUseCase:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, post_id: int) -> PostView:
        authorize(actor, Action.VIEW, Resource.POST)
        async with self._uow as uow:
            return (await load(uow, post_id)).view(self._clock.now())


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
            by_post: dict[int, list[ScheduledPublication]] = {}
            for publication in await uow.publications.for_posts(ids):
                by_post.setdefault(publication.post_id, []).append(publication)
            accounts = {c.id: c for c in await uow.credentials.list() if c.id is not None}
            places = await place_names(uow, (p for found in by_post.values() for p in found))
            return [
                PostView(post, tuple(by_post[post.id]), accounts, now, places=places)
                for post in posts
                if post.id in by_post
            ]
