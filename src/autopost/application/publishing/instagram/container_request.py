"""How a post becomes a request for an Instagram media container."""

from __future__ import annotations

from autopost.application.ports.instagram_gateway import ContainerItem, ContainerRequest
from autopost.domain.post import ContentType, MediaKind, Post, media_kind_of


def container_request(post: Post) -> ContainerRequest:
    """Instagram publishes feed videos as reels: ``Video`` (the earlier API's type) is a reel that
    is also shown in the feed."""
    match post.content_type:
        case ContentType.PHOTO:
            return ContainerRequest(
                media_type=None,
                image_url=post.url,
                caption=post.caption,
                location_id=post.location_id,
                user_tags=post.user_tags,
            )
        case ContentType.VIDEO | ContentType.REEL:
            return ContainerRequest(
                media_type="REELS",
                video_url=post.url,
                caption=post.caption,
                location_id=post.location_id,
                user_tags=post.user_tags,
                thumb_offset=post.thumb_offset,
                share_to_feed=True,
            )
        case ContentType.STORY:
            is_video = media_kind_of(post.url or "") is MediaKind.VIDEO
            return ContainerRequest(
                media_type="STORIES",
                image_url=None if is_video else post.url,
                video_url=post.url if is_video else None,
                user_tags=post.user_tags,
            )
        case ContentType.CAROUSEL:
            return ContainerRequest(
                media_type="CAROUSEL",
                caption=post.caption,
                location_id=post.location_id,
                children=tuple(
                    ContainerItem(url=item.url, is_video=item.kind is MediaKind.VIDEO)
                    for item in post.carousel_items()
                ),
            )
