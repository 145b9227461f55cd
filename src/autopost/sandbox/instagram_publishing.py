"""``POST /{ig-user-id}/media_publish``: a finished container becomes a media.

A container already PUBLISHED is published again, as another media: Meta's reference (the
``media_publish`` edge of IGUser, a container's ``status_code``) does not say that Instagram
refuses it, so a client must not count on a refusal to avoid a duplicate. The setting
``refuse_second_publish`` makes the sandbox refuse it instead.

Refusals, as Graph words them (codes from Instagram's error-code reference where it has one):

| case | code | subcode |
| --- | --- | --- |
| container not found, or another account's | 24 | 2207006 |
| container still IN_PROGRESS | 9007 | 2207027 |
| container already PUBLISHED, with ``refuse_second_publish`` only | 24 | 2207008 |
| container EXPIRED | -2 | 2207020 |
| container processing ended in ERROR | -1 | 2207053 |
| a carousel item published on its own | 100 | 2207028 |
| 24-hour publishing quota spent | 9 | 2207042 |
"""

from __future__ import annotations

from datetime import datetime, timedelta

from autopost.sandbox.graph_errors import GraphError, invalid_param
from autopost.sandbox.instagram_containers import ContainerStatus, container_status
from autopost.sandbox.instagram_contract import MEDIA_PUBLISH_PARAMS
from autopost.sandbox.instagram_media_objects import media_from_container
from autopost.sandbox.instagram_media_rules import check_param_names
from autopost.sandbox.instagram_state import Account, InstagramState, Media, PublishEvent

QUOTA_WINDOW = timedelta(hours=24)


def quota_usage(account: Account, now: datetime) -> int:
    return sum(1 for moment in account.quota_log if now - QUOTA_WINDOW < moment <= now)


def publish(
    state: InstagramState,
    account: Account,
    params: dict[str, str],
    now: datetime,
    arrived_at: datetime,
    quota_total: int,
    *,
    refuse_second_publish: bool = False,
) -> Media:
    check_param_names(params, MEDIA_PUBLISH_PARAMS)
    creation_id = (params.get("creation_id") or "").strip()
    if not creation_id:
        raise invalid_param("The parameter creation_id is required")
    container = state.containers.get(creation_id)
    if container is None or container.owner != account.ig_user_id:
        raise GraphError(
            f"The media with id {creation_id} cannot be found.", code=24, subcode=2207006
        )
    _check_publishable(
        container_status(container, now), creation_id, container.media_id, refuse_second_publish
    )
    if container.is_carousel_item:
        raise invalid_param(
            f"Container {creation_id} is a carousel item: publish the CAROUSEL container instead",
            subcode=2207028,
        )
    if quota_usage(account, now) >= quota_total:
        raise GraphError(
            "Application request limit reached",
            code=9,
            subcode=2207042,
            user_title="Maximum number of posts reached",
            user_msg="You reached maximum number of posts that is allowed to be published by "
            "Content Publishing API.",
        )
    media = media_from_container(state, account, container, arrived_at)
    account.quota_log.append(arrived_at)
    state.published.append(
        PublishEvent(
            media_id=media.id,
            container_id=container.id,
            ig_user_id=account.ig_user_id,
            caption=media.caption,
            media_type=media.media_type,
            media_product_type=media.product.value,
            published_at=arrived_at,
            collaborators=container.collaborators,
            location_id=container.location_id,
            audio_name=container.audio_name,
            trial_params=container.trial_params,
            user_tags=container.user_tags,
            product_tags=container.product_tags,
        )
    )
    return media


def _check_publishable(
    status: ContainerStatus, creation_id: str, media_id: str | None, refuse_second_publish: bool
) -> None:
    if status == ContainerStatus.PUBLISHED and refuse_second_publish:
        raise GraphError(
            f"The media container {creation_id} has already been published as media {media_id} "
            "and cannot be published again.",
            code=24,
            subcode=2207008,
            user_title="Media already published",
            user_msg="This media container was already published.",
        )
    if status == ContainerStatus.EXPIRED:
        raise GraphError(
            "The media you are trying to access has expired. Please try to upload again.",
            code=-2,
            subcode=2207020,
            user_title="Media expired",
            user_msg="Create a new media container and publish that one.",
        )
    if status == ContainerStatus.IN_PROGRESS:
        raise GraphError(
            "The media is not ready for publishing, please wait for a moment",
            code=9007,
            subcode=2207027,
            user_title="Media ID is not available",
            user_msg="The media is not ready for publishing, please wait for a moment",
        )
    if status == ContainerStatus.ERROR:
        raise GraphError(
            "unknown upload error",
            code=-1,
            subcode=2207053,
            user_title="Media upload failed",
            user_msg="The media could not be processed. Create a new container and try again.",
        )
