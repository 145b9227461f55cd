"""An account's weekly posting slots, and its queue: the posts that sit in them."""

from __future__ import annotations

from autopost.adapters.http.answers.best_times import BestTimes
from autopost.adapters.http.answers.errors import Error
from autopost.adapters.http.answers.queues import PostingSlots, Queue
from autopost.adapters.http.openapi.operation import (
    CONFLICT,
    INVALID,
    NOT_FOUND,
    Operation,
    Reply,
    path_id,
    query,
)
from autopost.adapters.http.queue_schemas import ReorderIn, SlotsIn

ACCOUNT = path_id("credential_id", "connected account")
FORBIDDEN = Reply("The user's roles do not allow this.", Error)
QUEUE = Reply("The queue, in its new order.", Queue)
MOVES_POSTS = (
    "Contributors move only their own posts. A post a worker has already started on is no "
    "longer in the queue."
)

QUEUE_OPERATIONS = (
    Operation(
        "get",
        "/api/v1/credentials/{credential_id}/slots/",
        "get_posting_slots",
        "An account's posting slots",
        "queues",
        {200: Reply("The slots and their time zone.", PostingSlots), 404: NOT_FOUND},
        params=(ACCOUNT,),
        description="`time_zone` is null and `slots` empty until they are set.",
    ),
    Operation(
        "put",
        "/api/v1/credentials/{credential_id}/slots/",
        "set_posting_slots",
        "Set an account's posting slots",
        "queues",
        {
            200: Reply("The slots as stored, by weekday and time.", PostingSlots),
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        body=SlotsIn,
        example={
            "time_zone": "Europe/Berlin",
            "slots": [
                {"weekday": "mon", "time": "09:00"},
                {"weekday": "mon", "time": "18:00"},
                {"weekday": "tue", "time": "09:00"},
            ],
        },
        params=(ACCOUNT,),
        description="Replaces every slot of the account (an empty list leaves it none). A "
        "slot keeps its local time across daylight-saving changes; a local time the change "
        "skips happens as much later (02:30 is 03:30 that day), one it repeats happens the "
        "first time. Posts already scheduled keep their time. Publishers and Administrators.",
    ),
    Operation(
        "get",
        "/api/v1/credentials/{credential_id}/queue/",
        "list_queue",
        "An account's queue",
        "queues",
        {200: Reply("The queue, in time order.", Queue), 404: NOT_FOUND},
        params=(ACCOUNT,),
        description="The account's scheduled posts whose time is one of its slots, from now "
        'on. `POST /api/v1/posts/` with `"queue": true` puts a post in the next free slot.',
    ),
    Operation(
        "post",
        "/api/v1/credentials/{credential_id}/queue/reorder/",
        "reorder_queue",
        "Reorder an account's queue",
        "queues",
        {200: QUEUE, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
        body=ReorderIn,
        example={"posts": [1]},
        params=(ACCOUNT,),
        description="The queue's times, earliest first, go to the posts in the order given; "
        f"only the posts whose time changes are moved. {MOVES_POSTS}",
    ),
    Operation(
        "post",
        "/api/v1/credentials/{credential_id}/queue/shuffle/",
        "shuffle_queue",
        "Shuffle an account's queue",
        "queues",
        {200: QUEUE, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
        params=(ACCOUNT,),
        description="The queue's times given to its posts in a random order, never the same "
        f"order when it holds two posts or more. {MOVES_POSTS}",
    ),
    Operation(
        "get",
        "/api/v1/credentials/{credential_id}/best-times/",
        "get_best_times",
        "When to post on an account",
        "queues",
        {
            200: Reply("The week's pictures and the suggested hour.", BestTimes),
            400: INVALID,
            404: NOT_FOUND,
        },
        params=(
            ACCOUNT,
            query(
                "time_zone",
                {"type": "string"},
                "An IANA zone for the rows; the account's posting slots' zone, else UTC.",
            ),
        ),
        description="From the account's insights: its followers online by the hour (the last "
        "4 weeks) and the reach of its media by the hour they were published (the last 90 "
        "days). `suggested` skips the hours that already have one of its posts due.",
    ),
)
