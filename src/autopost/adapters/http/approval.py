"""Drafts and approval: scheduling a draft, approving a post or sending it back, and the
accounts whose Contributors' posts wait for approval."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.approval_schemas import AccountApprovalIn, ReturnIn, ScheduleDraftIn
from autopost.adapters.http.auth import acting
from autopost.adapters.http.request_body import path_id, read
from autopost.adapters.http.serializers import credential_json, post_json
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.approval import (
    ApprovePostUseCase,
    ReturnPostUseCase,
    ScheduleDraft,
    ScheduleDraftUseCase,
    SetAccountApprovalUseCase,
)


class ApprovalServices(Protocol):
    def schedule_draft(self) -> ScheduleDraftUseCase: ...
    def approve_post(self) -> ApprovePostUseCase: ...
    def return_post(self) -> ReturnPostUseCase: ...
    def set_account_approval(self) -> SetAccountApprovalUseCase: ...


services = ServicesOf[ApprovalServices]("approval")


async def schedule_draft(request: Request) -> Response:
    post_id = path_id(request, "post_id")
    data = await read(request, ScheduleDraftIn)
    command = ScheduleDraft(post_id, data.date_pub)
    view = await services(request).schedule_draft().execute(acting(request), command)
    return JSONResponse(post_json(view).model_dump(mode="json"))


async def approve_post(request: Request) -> Response:
    post_id = path_id(request, "post_id")
    view = await services(request).approve_post().execute(acting(request), post_id)
    return JSONResponse(post_json(view).model_dump(mode="json"))


async def return_post(request: Request) -> Response:
    post_id = path_id(request, "post_id")
    data = await read(request, ReturnIn)
    view = await services(request).return_post().execute(acting(request), post_id, data.comment)
    return JSONResponse(post_json(view).model_dump(mode="json"))


async def account_approval(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    data = await read(request, AccountApprovalIn)
    credential = (
        await services(request)
        .set_account_approval()
        .execute(acting(request), credential_id, data.requires_approval)
    )
    return JSONResponse(credential_json(credential).model_dump(mode="json"))


routes = [
    Route("/api/v1/posts/{post_id:int}/schedule/", schedule_draft, methods=["POST"]),
    Route("/api/v1/posts/{post_id:int}/approve/", approve_post, methods=["POST"]),
    Route("/api/v1/posts/{post_id:int}/return/", return_post, methods=["POST"]),
    Route("/api/v1/credentials/{credential_id:int}/", account_approval, methods=["PATCH"]),
]
