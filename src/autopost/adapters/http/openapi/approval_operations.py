"""Drafts and approval: scheduling a draft, approving or returning a post, and an account's
need for approval."""

from __future__ import annotations

from autopost.adapters.http.answers.accounts import Credential
from autopost.adapters.http.answers.errors import Error
from autopost.adapters.http.answers.posts import Post
from autopost.adapters.http.approval_schemas import AccountApprovalIn, ReturnIn, ScheduleDraftIn
from autopost.adapters.http.openapi.operation import (
    CONFLICT,
    INVALID,
    NOT_FOUND,
    Operation,
    Reply,
    path_id,
)

POST_ID = path_id("post_id", "post")
NOT_A_REVIEWER = Reply("Only a Publisher or an Administrator approves or returns a post.", Error)
NOT_AWAITING = Reply(
    "The post is not awaiting approval, or another request changed it at the same time "
    "(then load it again and retry).",
    Error,
)

APPROVAL_OPERATIONS = (
    Operation(
        "post",
        "/api/v1/posts/{post_id}/schedule/",
        "schedule_draft",
        "Schedule a draft",
        "scheduling",
        {
            200: Reply("The post: scheduled, or awaiting approval.", Post),
            400: INVALID,
            404: NOT_FOUND,
            409: Reply(
                "The post is not a draft, or another request changed it at the same time.",
                Error,
            ),
        },
        body=ScheduleDraftIn,
        example={"date_pub": "2030-01-01T12:00:00+03:00"},
        params=(POST_ID,),
        description="A Contributor's draft goes to a reviewer first where approval applies.",
    ),
    Operation(
        "post",
        "/api/v1/posts/{post_id}/approve/",
        "approve_post",
        "Approve a post",
        "scheduling",
        {
            200: Reply("The post, scheduled.", Post),
            403: NOT_A_REVIEWER,
            404: NOT_FOUND,
            409: NOT_AWAITING,
        },
        params=(POST_ID,),
        description="A post whose time has passed while it waited is published as soon as "
        "possible.",
    ),
    Operation(
        "post",
        "/api/v1/posts/{post_id}/return/",
        "return_post",
        "Send a post back",
        "scheduling",
        {
            200: Reply("The post, returned, with `review_comment`.", Post),
            400: INVALID,
            403: NOT_A_REVIEWER,
            404: NOT_FOUND,
            409: NOT_AWAITING,
        },
        body=ReturnIn,
        example={"comment": "Use the square photo, please."},
        params=(POST_ID,),
    ),
    Operation(
        "patch",
        "/api/v1/credentials/{credential_id}/",
        "set_account_approval",
        "Require approval on an account",
        "accounts",
        {200: Reply("The account.", Credential), 400: INVALID, 404: NOT_FOUND, 409: CONFLICT},
        body=AccountApprovalIn,
        example={"requires_approval": True},
        params=(path_id("credential_id", "connected account"),),
    ),
)
