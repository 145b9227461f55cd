"""Control routes for what happens on Instagram outside the API, under ``/_sandbox/instagram``:
media seeded in bulk, edited or deleted in the app, comments written by other people."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.instagram_comments import Comment
from autopost.sandbox.instagram_control_values import (
    comment_spec,
    known_account,
    media_changes,
    seed_plan,
)
from autopost.sandbox.instagram_seed import seed_media
from autopost.sandbox.instagram_state import InstagramState, Media
from autopost.sandbox.runtime import Sandbox


def instagram_media_control_routes(sandbox: Sandbox) -> list[Route]:
    ig = sandbox.instagram

    async def seed(request: Request) -> Response:
        """Publish {"count": N} media at once on an account (and comments, carousels)."""
        account = known_account(ig.state, request.path_params["ig_user_id"])
        now = sandbox.clock.now()
        plan = seed_plan(await json_object(request), now)
        seeded = seed_media(ig.state, account, plan, now)
        answer = {
            "ig_user_id": account.ig_user_id,
            "count": plan.count,
            "first_id": seeded.first_id,
            "last_id": seeded.last_id,
            "oldest": _iso(seeded.oldest),
            "newest": _iso(plan.newest),
            "carousels": seeded.carousels,
            "comments": seeded.comments,
            "media_count": len(account.feed),
        }
        return JSONResponse(answer, status_code=201)

    async def patch_media(request: Request) -> Response:
        """Change a media's caption or counts, as edits in the app do."""
        media = _known_media(ig.state, request.path_params["media_id"])
        for name, value in media_changes(await json_object(request)).items():
            setattr(media, name, value)
        return JSONResponse(_media_json(media))

    async def delete_media(request: Request) -> Response:
        """Delete a media, as the app does."""
        media = _known_media(ig.state, request.path_params["media_id"])
        if media.parent_id is not None:
            raise ControlError(f"{media.id} is an item of carousel {media.parent_id}", status=409)
        ig.state.delete_media(media)
        return Response(status_code=204)

    async def add_comment(request: Request) -> Response:
        """Comment on a media (or reply, with parent_id) as another person."""
        media = _known_media(ig.state, request.path_params["media_id"])
        text, username, parent_id = comment_spec(await json_object(request))
        if parent_id is not None:
            parent = ig.state.comments.get(parent_id)
            if parent is None or parent.media_id != media.id:
                raise ControlError(f"no comment {parent_id} on media {media.id}", status=404)
            parent_id = parent.parent_id or parent.id  # threads are one level deep
        author = next((a for a in ig.state.accounts.values() if a.username == username), None)
        comment = Comment(
            id=ig.state.new_object_id(),
            media_id=media.id,
            username=username,
            text=text,
            timestamp=sandbox.clock.now(),
            author_id=author.ig_user_id if author else None,
            parent_id=parent_id,
        )
        ig.state.add_comment(comment)
        return JSONResponse(_comment_json(comment), status_code=201)

    async def list_comments(request: Request) -> Response:
        """A media's comments and replies: ?media_id=..."""
        media_id = request.query_params.get("media_id")
        if not media_id:
            raise ControlError("name the media: ?media_id=...")
        media = _known_media(ig.state, media_id)
        thread = ig.state.comments.thread_of(media.id)
        return JSONResponse({"data": [_comment_json(c) for c in thread]})

    return [
        control_route("/accounts/{ig_user_id}/media/seed", seed, ["POST"]),
        control_route("/media/{media_id}", patch_media, ["PATCH"]),
        control_route("/media/{media_id}", delete_media, ["DELETE"]),
        control_route("/media/{media_id}/comments", add_comment, ["POST"]),
        control_route("/comments", list_comments, ["GET"]),
    ]


def _known_media(state: InstagramState, media_id: str) -> Media:
    media = state.media.get(media_id)
    if media is None:
        raise ControlError(f"no media {media_id}", status=404)
    return media


def _media_json(media: Media) -> dict[str, Any]:
    return {
        "id": media.id,
        "ig_user_id": media.owner,
        "media_type": media.media_type,
        "media_product_type": media.product.value,
        "caption": media.caption,
        "timestamp": _iso(media.timestamp),
        "like_count": media.like_count,
        "comments_count": media.comments_count,
        "children": list(media.children),
    }


def _comment_json(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "media_id": comment.media_id,
        "parent_id": comment.parent_id,
        "username": comment.username,
        "text": comment.text,
        "timestamp": _iso(comment.timestamp),
        "like_count": comment.like_count,
        "hidden": comment.hidden,
    }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
