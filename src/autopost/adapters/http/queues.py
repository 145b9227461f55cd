"""``/api/v1/credentials/{id}/slots/`` and ``/queue/``: an account's weekly posting slots, and
the queue of posts that sit in them."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.queues import PostingSlot, PostingSlots, Queue, QueuedPost
from autopost.adapters.http.auth import acting
from autopost.adapters.http.queue_schemas import ReorderIn, SlotsIn
from autopost.adapters.http.request_body import path_id, read
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.queue import (
    GetPostingSlots,
    ListQueue,
    QueueView,
    ReorderQueue,
    SetPostingSlots,
    SetSlots,
    ShuffleQueue,
)
from autopost.domain.slots import PostingSchedule


class QueueServices(Protocol):
    def get_posting_slots(self) -> GetPostingSlots: ...
    def set_posting_slots(self) -> SetPostingSlots: ...
    def list_queue(self) -> ListQueue: ...
    def reorder_queue(self) -> ReorderQueue: ...
    def shuffle_queue(self) -> ShuffleQueue: ...


services = ServicesOf[QueueServices]("queues")


def posting_slots_json(credential_id: int, schedule: PostingSchedule | None) -> PostingSlots:
    if schedule is None:
        return PostingSlots(credential=credential_id, time_zone=None, slots=[], updated_at=None)
    return PostingSlots(
        credential=credential_id,
        time_zone=schedule.time_zone,
        slots=[
            PostingSlot(weekday=slot.weekday.label, time=f"{slot.at:%H:%M}")
            for slot in schedule.slots
        ],
        updated_at=schedule.updated_at,
    )


def queue_json(view: QueueView) -> Queue:
    return Queue(
        credential=view.credential_id,
        time_zone=view.time_zone,
        posts=[
            QueuedPost(post=p.post_id, date_pub=p.publish_at, local_time=p.local_time)
            for p in view.posts
        ],
    )


async def slots(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    schedule: PostingSchedule | None
    if request.method == "PUT":
        data = await read(request, SlotsIn, forms=False)
        command = SetSlots(
            credential_id, data.time_zone, tuple((s.weekday, s.time) for s in data.slots)
        )
        schedule = await services(request).set_posting_slots().execute(acting(request), command)
    else:
        schedule = (
            await services(request).get_posting_slots().execute(acting(request), credential_id)
        )
    return JSONResponse(posting_slots_json(credential_id, schedule).model_dump(mode="json"))


async def queue(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    view = await services(request).list_queue().execute(acting(request), credential_id)
    return JSONResponse(queue_json(view).model_dump(mode="json"))


async def reorder(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    data = await read(request, ReorderIn, forms=False)
    view = (
        await services(request).reorder_queue().execute(acting(request), credential_id, data.posts)
    )
    return JSONResponse(queue_json(view).model_dump(mode="json"))


async def shuffle(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    view = await services(request).shuffle_queue().execute(acting(request), credential_id)
    return JSONResponse(queue_json(view).model_dump(mode="json"))


routes = [
    Route("/api/v1/credentials/{credential_id:int}/slots/", slots, methods=["GET", "PUT"]),
    Route("/api/v1/credentials/{credential_id:int}/queue/", queue, methods=["GET"]),
    Route("/api/v1/credentials/{credential_id:int}/queue/reorder/", reorder, methods=["POST"]),
    Route("/api/v1/credentials/{credential_id:int}/queue/shuffle/", shuffle, methods=["POST"]),
]
