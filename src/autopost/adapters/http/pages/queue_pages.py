"""``/queues/``: each connected account's weekly posting slots and its queue, with the forms
that set the slots, move a post up or down the queue, and shuffle it (the same use cases as
``/api/v1/credentials/{id}/slots/`` and ``.../queue/``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from attrs import frozen
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.pages import desk_outcomes as outcome
from autopost.adapters.http.pages.forms import read_form, record_id, signed_in_only, text
from autopost.adapters.http.pages.rendering import render
from autopost.adapters.http.services import ServicesOf
from autopost.application.access import Actor
from autopost.application.integrations.credentials import ListCredentials
from autopost.application.posting.queue import (
    GetPostingSlots,
    ListQueue,
    QueueView,
    ReorderQueue,
    SetPostingSlots,
    SetSlots,
    ShuffleQueue,
)
from autopost.domain.access import Action, Resource
from autopost.domain.credential import Credential
from autopost.domain.errors import PermissionDenied, ValidationFailed
from autopost.domain.slots import PostingSchedule

PAGE = "/queues/"


class QueuePageServices(Protocol):
    def get_posting_slots(self) -> GetPostingSlots: ...
    def set_posting_slots(self) -> SetPostingSlots: ...
    def list_queue(self) -> ListQueue: ...
    def reorder_queue(self) -> ReorderQueue: ...
    def shuffle_queue(self) -> ShuffleQueue: ...


class QueuePageAccounts(Protocol):
    def list_credentials(self) -> ListCredentials: ...


services = ServicesOf[QueuePageServices]("queue_pages")
accounts = ServicesOf[QueuePageAccounts]("queue_pages.accounts")


@frozen
class AccountQueue:
    """What the page shows of one account: its slots as the form writes them."""

    credential: Credential
    schedule: PostingSchedule | None
    queue: QueueView
    slots_text: str
    time_zone: str


def slots_text(schedule: PostingSchedule | None) -> str:
    return "\n".join(slot.label for slot in schedule.slots) if schedule else ""


def written_slots(written: str) -> tuple[tuple[str, str], ...]:
    """The slots as a person writes them, one ``mon 09:00`` a line; a line that is not two
    words is handed on as it is, for the schedule's rules to say what is wrong with it."""
    slots = []
    for line in written.splitlines():
        words = line.lower().split()
        if not words:
            continue
        slots.append((words[0], words[1]) if len(words) == 2 else (line.strip(), ""))
    return tuple(slots)


def moves(
    post_ids: list[int], movable: list[bool] | None = None
) -> list[tuple[str | None, str | None]]:
    """For each post of the queue, the order with it moved up and down: None at an end, or
    where one of the two posts that change places is not ``movable`` by the person."""
    may = movable if movable is not None else [True] * len(post_ids)
    shown: list[tuple[str | None, str | None]] = []
    for index in range(len(post_ids)):
        up = down = None
        if index > 0 and may[index - 1] and may[index]:
            order = list(post_ids)
            order[index - 1], order[index] = order[index], order[index - 1]
            up = ",".join(map(str, order))
        if index < len(post_ids) - 1 and may[index] and may[index + 1]:
            order = list(post_ids)
            order[index + 1], order[index] = order[index], order[index + 1]
            down = ",".join(map(str, order))
        shown.append((up, down))
    return shown


async def _queues(
    request: Request, actor: Actor, edited: Mapping[int, FormData]
) -> list[AccountQueue]:
    shown = []
    for credential in await accounts(request).list_credentials().execute(actor):
        assert credential.id is not None
        schedule = await services(request).get_posting_slots().execute(actor, credential.id)
        queue = await services(request).list_queue().execute(actor, credential.id)
        form = edited.get(credential.id)
        written = text(form, "slots") if form else slots_text(schedule)
        zone = text(form, "time_zone") if form else (schedule.time_zone if schedule else "UTC")
        shown.append(AccountQueue(credential, schedule, queue, written, zone))
    return shown


async def _page(
    request: Request,
    status: int = 200,
    edited: Mapping[int, FormData] | None = None,
    **context: object,
) -> Response:
    actor = acting(request)
    queues = await _queues(request, actor, edited or {})
    return render(
        request,
        "queues.html",
        status,
        queues=queues,
        moves=moves,
        edited=set(edited or {}),
        may_set_slots=actor.may(Action.CHANGE, Resource.CREDENTIAL),
        # A Contributor moves only their own posts: each move swaps two posts, a shuffle
        # moves them all, so a button is shown only where every post it moves may move.
        movable_in=lambda queue: [
            actor.may(Action.CHANGE, Resource.POST, p.owner_id) for p in queue.posts
        ],
        notice=context.pop("notice", None) or outcome.notice(request),
        **context,
    )


@signed_in_only
async def queues_page(request: Request) -> Response:
    return await _page(request)


def _credential_id(form: FormData) -> int:
    return record_id(text(form, "credential_id"), "credential")


@signed_in_only
async def set_slots(request: Request) -> Response:
    form = await read_form(request)
    credential_id = _credential_id(form)
    command = SetSlots(credential_id, text(form, "time_zone"), written_slots(text(form, "slots")))
    try:
        await services(request).set_posting_slots().execute(acting(request), command)
    except PermissionDenied as refused:
        return outcome.forbidden(request, refused)
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _page(
            request, outcome.status_of(refused), {credential_id: form}, problems=problems
        )
    return outcome.done(PAGE, "slots")


def _order(form: FormData) -> list[int]:
    words = [w.strip() for w in text(form, "order").split(",") if w.strip()]
    if not all(w.isdigit() for w in words):
        raise ValidationFailed({"order": ["List the queue's post numbers, separated by commas."]})
    return [int(w) for w in words]


@signed_in_only
async def reorder(request: Request) -> Response:
    form = await read_form(request)
    credential_id = _credential_id(form)
    try:
        order = _order(form)
        await services(request).reorder_queue().execute(acting(request), credential_id, order)
    except PermissionDenied as refused:
        return outcome.forbidden(request, refused)
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _page(request, outcome.status_of(refused), problems=problems)
    return outcome.done(PAGE, "reordered")


@signed_in_only
async def shuffle(request: Request) -> Response:
    form = await read_form(request)
    credential_id = _credential_id(form)
    try:
        await services(request).shuffle_queue().execute(acting(request), credential_id)
    except PermissionDenied as refused:
        return outcome.forbidden(request, refused)
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _page(request, outcome.status_of(refused), problems=problems)
    return outcome.done(PAGE, "shuffled")


routes = [
    Route(PAGE, queues_page, methods=["GET"]),
    Route("/queues/slots/", set_slots, methods=["POST"]),
    Route("/queues/reorder/", reorder, methods=["POST"]),
    Route("/queues/shuffle/", shuffle, methods=["POST"]),
]
