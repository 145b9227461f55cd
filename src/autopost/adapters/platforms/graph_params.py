"""What a ``POST /{ig-user-id}/media`` sends for each kind of container, form-encoded.

Only the values that are set are sent: booleans as ``true``/``false``, user tags, product
tags, collaborators and trial parameters as JSON, a carousel's children as comma-separated container
ids. Collaborators go on a carousel's own container, alt text on each of its images.
"""

from __future__ import annotations

import json

from autopost.application.ports.instagram_gateway import ContainerRequest

Params = dict[str, str]


def single_params(request: ContainerRequest) -> Params:
    return form(
        media_type=request.media_type,
        image_url=request.image_url,
        video_url=request.video_url,
        caption=request.caption,
        location_id=request.location_id,
        user_tags=request.user_tags,
        thumb_offset=request.thumb_offset,
        share_to_feed=request.share_to_feed,
        alt_text=request.alt_text,
        collaborators=list(request.collaborators) or None,
        cover_url=request.cover_url,
        audio_name=request.audio_name,
        trial_params=request.trial_params,
        product_tags=request.product_tags,
        upload_type="resumable" if request.resumable else None,
    )


def carousel_item_params(request: ContainerRequest) -> list[Params]:
    # Graph takes user tags on a carousel's images, not on the carousel: the first image gets them.
    tagged = next((i for i, item in enumerate(request.children) if not item.is_video), 0)
    return [
        form(
            is_carousel_item=True,
            media_type="VIDEO" if item.is_video else None,
            video_url=item.url if item.is_video else None,
            image_url=None if item.is_video else item.url,
            alt_text=None if item.is_video else item.alt_text,
            user_tags=request.user_tags if i == tagged else None,
        )
        for i, item in enumerate(request.children)
    ]


def carousel_params(request: ContainerRequest, item_ids: list[str]) -> Params:
    return form(
        media_type="CAROUSEL",
        children=",".join(item_ids),
        caption=request.caption,
        location_id=request.location_id,
        collaborators=list(request.collaborators) or None,
    )


def form(**values: object) -> Params:
    encoded: Params = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            encoded[name] = "true" if value else "false"
        elif isinstance(value, list | dict):
            encoded[name] = json.dumps(value)
        else:
            encoded[name] = str(value)
    return encoded
