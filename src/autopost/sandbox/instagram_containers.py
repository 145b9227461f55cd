"""Media containers: how ``POST /{ig-user-id}/media`` makes one, and what status it is in.

Images are FINISHED at once; anything with a video is IN_PROGRESS for the configured processing
time, then FINISHED (or ERROR when a media URL contains ``process-error``). Unpublished
containers expire 24 hours after creation.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from autopost.sandbox.graph_errors import invalid_param
from autopost.sandbox.graph_values import parse_bool, parse_id_list
from autopost.sandbox.instagram_contract import MEDIA_CREATE_PARAMS
from autopost.sandbox.instagram_media_rules import (
    CAROUSEL_MAX_ITEMS,
    CAROUSEL_MIN_ITEMS,
    check_caption,
    check_media_urls,
    check_param_names,
    check_param_types,
    check_thumb_offset,
    check_user_tags,
)
from autopost.sandbox.instagram_option_rules import (
    ContainerShape,
    check_options,
    collaborators,
    product_tags,
    tagged,
    trial_params,
)
from autopost.sandbox.instagram_state import Container, ContainerKind, InstagramState, ProductType

CONTAINER_LIFETIME = timedelta(hours=24)
MEDIA_TYPES = ("VIDEO", "REELS", "STORIES", "CAROUSEL")
RESUMABLE_TYPES = ("REELS", "STORIES")
_CAROUSEL_INVALID = 2207028


class ContainerStatus(enum.StrEnum):
    EXPIRED = "EXPIRED"
    ERROR = "ERROR"
    FINISHED = "FINISHED"
    IN_PROGRESS = "IN_PROGRESS"
    PUBLISHED = "PUBLISHED"


STATUS_TEXT = {
    ContainerStatus.FINISHED: "Finished: Media has been uploaded and it is ready to be published.",
    ContainerStatus.IN_PROGRESS: "In Progress: Media is still being processed.",
    ContainerStatus.ERROR: "Error: Media upload has failed with error code 2207053.",
    ContainerStatus.EXPIRED: "Expired: The media container was not published within 24 hours.",
    ContainerStatus.PUBLISHED: "Published: Media has been published.",
}


def container_status(container: Container, now: datetime) -> ContainerStatus:
    if container.media_id is not None:
        return ContainerStatus.PUBLISHED
    if container.expired_by_hand or now >= container.created_at + CONTAINER_LIFETIME:
        return ContainerStatus.EXPIRED
    if container.awaiting_upload or now < container.ready_at:
        return ContainerStatus.IN_PROGRESS
    return ContainerStatus.ERROR if container.fails_processing else ContainerStatus.FINISHED


def create_container(
    state: InstagramState,
    owner: str,
    params: dict[str, str],
    now: datetime,
    video_processing: timedelta,
) -> Container:
    check_param_names(params, MEDIA_CREATE_PARAMS)
    check_param_types(params, MEDIA_CREATE_PARAMS)
    media_type = params.get("media_type")
    is_item = parse_bool("is_carousel_item", params.get("is_carousel_item", "false"))
    kind, product = _kind_and_product(media_type, is_item, params)
    check_media_urls(params)
    check_caption(params.get("caption"))
    check_user_tags(params.get("user_tags"))
    check_thumb_offset(params.get("thumb_offset"))
    shape = ContainerShape(kind, product, is_item)
    check_options(params, shape)
    children = _children(state, owner, params, now) if kind == ContainerKind.CAROUSEL else ()
    has_video = kind == ContainerKind.VIDEO or any(c.has_video for c in children)
    ready_at = now + video_processing if has_video else now
    container = Container(
        id=state.new_object_id(),
        owner=owner,
        kind=kind,
        product=product,
        created_at=now,
        ready_at=max([ready_at, *(c.ready_at for c in children)]),
        is_carousel_item=is_item,
        image_url=params.get("image_url"),
        video_url=params.get("video_url"),
        cover_url=params.get("cover_url"),
        caption=params.get("caption"),
        alt_text=params.get("alt_text"),
        collaborators=collaborators(params, shape),
        audio_name=params.get("audio_name"),
        trial_params=trial_params(params),
        location_id=params.get("location_id"),
        user_tags=tagged(params),
        product_tags=product_tags(params, shape),
        share_to_feed=parse_bool("share_to_feed", params.get("share_to_feed", "true")),
        children=tuple(c.id for c in children),
        fails_processing=any(
            "process-error" in (url or "")
            for url in (params.get("image_url"), params.get("video_url"))
        )
        or any(c.fails_processing for c in children),
        awaiting_upload=params.get("upload_type") == "resumable",
    )
    state.containers[container.id] = container
    return container


def _kind_and_product(
    media_type: str | None, is_item: bool, params: dict[str, str]
) -> tuple[ContainerKind, ProductType]:
    image, video = "image_url" in params, "video_url" in params
    upload_type = params.get("upload_type")
    if upload_type is not None:
        if upload_type != "resumable":
            raise invalid_param("The parameter upload_type must be resumable")
        if media_type not in RESUMABLE_TYPES or is_item or image or video:
            raise invalid_param(
                "A resumable upload is a REELS or STORIES video whose file is sent to the "
                "upload uri; it takes neither video_url nor image_url"
            )
        product = ProductType.REELS if media_type == "REELS" else ProductType.STORY
        return ContainerKind.VIDEO, product
    if media_type is not None and media_type not in MEDIA_TYPES:
        raise invalid_param(
            f"The media type {media_type} is unknown. Leave media_type out for an image, or use "
            "VIDEO (carousel items only), REELS, STORIES or CAROUSEL",
            subcode=2207023,
        )
    if is_item and media_type not in (None, "VIDEO"):
        raise invalid_param(f"is_carousel_item cannot be used with media_type {media_type}")
    if media_type is None:
        if video:
            raise invalid_param(
                "Param video_url needs media_type REELS, STORIES, or VIDEO for a carousel item"
            )
        _require(image, "image_url", "an image")
        return ContainerKind.IMAGE, ProductType.FEED
    if media_type == "VIDEO":
        if not is_item:
            raise invalid_param(
                "The media type VIDEO is only for carousel items (is_carousel_item=true); "
                "publish a single video with media_type REELS"
            )
        _require(video and not image, "video_url", "a carousel video item")
        return ContainerKind.VIDEO, ProductType.FEED
    if media_type == "REELS":
        _require(video and not image, "video_url", "REELS")
        return ContainerKind.VIDEO, ProductType.REELS
    if media_type == "STORIES":
        if image == video:
            raise invalid_param("STORIES needs exactly one of image_url or video_url")
        return (ContainerKind.VIDEO if video else ContainerKind.IMAGE), ProductType.STORY
    if image or video:
        raise invalid_param("A CAROUSEL takes its media from children, not image_url or video_url")
    return ContainerKind.CAROUSEL, ProductType.FEED


def _require(present: bool, param: str, what: str) -> None:
    if not present:
        raise invalid_param(f"The parameter {param} is required for {what}")


def _children(
    state: InstagramState, owner: str, params: dict[str, str], now: datetime
) -> list[Container]:
    ids = parse_id_list("children", params.get("children", ""))
    if not CAROUSEL_MIN_ITEMS <= len(ids) <= CAROUSEL_MAX_ITEMS:
        raise invalid_param(
            f"A carousel needs {CAROUSEL_MIN_ITEMS} to {CAROUSEL_MAX_ITEMS} children, "
            f"got {len(ids)}",
            subcode=_CAROUSEL_INVALID,
        )
    children = []
    for child_id in ids:
        child = state.containers.get(child_id)
        if child is None or child.owner != owner:
            raise invalid_param(
                f"Carousel child {child_id} is not a media container of this account",
                subcode=_CAROUSEL_INVALID,
            )
        if not child.is_carousel_item:
            raise invalid_param(
                f"Carousel child {child_id} was not created with is_carousel_item=true",
                subcode=_CAROUSEL_INVALID,
            )
        status = container_status(child, now)
        if status in (ContainerStatus.EXPIRED, ContainerStatus.PUBLISHED):
            raise invalid_param(
                f"Carousel child {child_id} cannot be used: it is {status}",
                subcode=_CAROUSEL_INVALID,
            )
        children.append(child)
    return children
