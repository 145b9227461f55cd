"""What the publishing desk's compose and post pages read beyond the posting use cases: the
accounts a post can go to (with each Pinterest account's cached boards), a post's timeline,
what a failed publication asks a person to do, and a post copied as a new draft.

Writing, moving, cancelling and retrying a post stay the posting use cases' (``posts``): the
pages call those, with the same rules and refusals as the API."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from attrs import asdict, field, frozen

from autopost.application.access import Actor, authorize
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.loading import load
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.views import PostView
from autopost.domain.access import Action, Resource
from autopost.domain.attempt import Answer, Asked
from autopost.domain.board import Board, BoardSection
from autopost.domain.credential import Credential
from autopost.domain.platform import Platform
from autopost.domain.post import PinContent, PostContent
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from autopost.domain.refusal_advice import DEFAULT_ADVICE as DEFAULT_ADVICE
from autopost.domain.refusal_advice import EVERY_ADVICE as EVERY_ADVICE  # the desk's words
from autopost.domain.refusal_advice import advice_on as advice_on


@frozen
class ComposeChoices:
    """What the compose page offers: every connected account, each Pinterest account's
    boards and their sections as last cached (Pinterest is not called), and, when a post is
    edited, the post."""

    accounts: tuple[Credential, ...]
    boards: Mapping[int, tuple[Board, ...]]
    post: PostView | None = None
    sections: Mapping[int, tuple[BoardSection, ...]] = field(factory=dict)


class GetComposeChoices:
    """For writing a new post (the right to add posts) or editing one (the right to change
    it: a Contributor, only their own)."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, post_id: int | None = None) -> ComposeChoices:
        if post_id is None:
            authorize(actor, Action.ADD, Resource.POST)
        async with self._uow as uow:
            view = None
            if post_id is not None:
                loaded = await load(uow, post_id)
                authorize(actor, Action.CHANGE, Resource.POST, loaded.post.owner_id)
                view = loaded.view(self._clock.now())
            accounts = tuple(c for c in await uow.credentials.list() if c.id is not None)
            boards: dict[int, tuple[Board, ...]] = {}
            sections: dict[int, tuple[BoardSection, ...]] = {}
            for credential in accounts:
                if credential.platform is Platform.PINTEREST:
                    assert credential.id is not None
                    boards[credential.id] = tuple(await uow.boards.for_credential(credential.id))
                    sections[credential.id] = tuple(
                        await uow.boards.sections_for_credential(credential.id)
                    )
            return ComposeChoices(accounts, boards, view, sections)


@frozen
class Moment:
    """One line of a post's timeline: when, what happened, to which account (None: the
    post), and who did it (empty: Autopost on its own)."""

    at: datetime
    what: str
    credential_id: int | None = None
    who: str = ""
    detail: str = ""
    # For a step of work (``what`` is "attempt"): what was asked of the platform, what came
    # of it, and when Autopost goes on by itself.
    asked: Asked | None = None
    answer: Answer | None = None
    next_at: datetime | None = None


_ENDS = frozenset({PublicationStatus.PUBLISHED.value, PublicationStatus.FAILED.value})


@frozen
class PostHistory:
    view: PostView
    moments: tuple[Moment, ...]


class GetPostHistory:
    """A post with what happened to it, oldest first: the audit log's entries about it, and
    for each publication when it was planned and every step of work on it (what was asked of
    the platform, what came of it). A publication worked on before steps were kept shows
    what it records itself instead (publishing asked for, published, its last error)."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, post_id: int) -> PostHistory:
        authorize(actor, Action.VIEW, Resource.POST)
        async with self._uow as uow:
            loaded = await load(uow, post_id)
            entries = await uow.audit.about(Resource.POST.value, str(post_id))
            view = loaded.view(self._clock.now())
            ids = [p.id for p in view.publications if p.id is not None]
            attempts = await uow.attempts.of_publications(ids)
        if attempts:
            # The steps tell each account's end: Autopost's own entries for them would say it
            # again.
            entries = [e for e in entries if e.actor_id is not None or e.action not in _ENDS]
        moments = [
            Moment(e.at, e.action, None, e.actor_name or "Autopost", e.summary) for e in entries
        ]
        accounts = {p.id: p.credential_id for p in view.publications}
        moments.extend(
            Moment(
                a.at,
                "attempt",
                accounts[a.publication_id],
                detail=a.detail,
                asked=a.asked,
                answer=a.answer,
                next_at=a.next_at,
            )
            for a in attempts
        )
        stepped = {a.publication_id for a in attempts}
        for publication in view.publications:
            moments.extend(publication_moments(publication, publication.id in stepped))
        return PostHistory(view, tuple(sorted(moments, key=lambda m: m.at)))


def publication_moments(publication: ScheduledPublication, stepped: bool = False) -> list[Moment]:
    """What a publication records of its own life, as timeline lines: when it was planned,
    and, unless its steps were kept (``stepped``), what it records of them."""
    account = publication.credential_id
    moments = [Moment(publication.created_at, "planned", account, "")]
    if stepped:
        return moments
    if publication.publish_requested_at is not None:
        moments.append(Moment(publication.publish_requested_at, "publishing asked", account))
    if publication.published_at is not None:
        moments.append(
            Moment(publication.published_at, "published", account, "", publication.permalink or "")
        )
    if publication.error:
        what = "failed" if publication.status is PublicationStatus.FAILED else "last problem"
        moments.append(Moment(publication.updated_at, what, account, "", publication.error))
    return moments


WAITING_ADVICE = "Autopost tries again by itself at the next attempt."


def advice_for(publication: ScheduledPublication, problem: str | None) -> str | None:
    """What to do about ``problem`` (``PostView.problem_of``): None when there is none."""
    if not problem:
        return None
    lowered = problem.lower()
    if publication.is_active and "reconnect" not in lowered:
        return WAITING_ADVICE
    return advice_on(problem)


def _fields(content: PostContent) -> dict[str, Any]:
    return {name: value for name, value in asdict(content).items() if value is not None}


def duplicate_as_draft(view: PostView) -> SchedulePost:
    """A new draft with the post's content on the same accounts: each account's own content
    (and a pin's board and section) given as that account's override."""
    post = view.post
    ids = tuple(p.credential_id for p in view.publications)
    overrides: dict[int, dict[str, Any]] = {}
    for publication in view.publications:
        override: dict[str, Any] = {}
        content = publication.what_is_published(post).content
        if content != post.content:
            override.update(_fields(content))
        if publication.board_id and isinstance(content, PinContent):
            override["board_id"] = publication.board_id
            override["board_section_id"] = publication.board_section_id
        if override:
            overrides[publication.credential_id] = override
    return SchedulePost(
        content=post.content,
        credential_ids=ids,
        shared=_fields(post.content),
        overrides=overrides,
        draft=True,
    )


def accounts_named(accounts: Sequence[Credential]) -> dict[int, str]:
    """Each account as a person knows it: its username, else its id on the platform."""
    return {c.id: c.username or c.account_id for c in accounts if c.id is not None}
