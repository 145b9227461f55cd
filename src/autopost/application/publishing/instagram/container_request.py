"""How a post's content becomes a request for an Instagram media container."""

from __future__ import annotations

from autopost.application.ports.instagram_gateway import ContainerItem, ContainerRequest
from autopost.domain.post import ContentType, InstagramContent, MediaKind, media_kind_of


def container_request_for(content: InstagramContent) -> ContainerRequest:
    """Instagram publishes feed videos as reels: ``Video`` (the earlier API's type) is a reel that
    is also shown in the feed."""
    match content.content_type:
        case ContentType.PHOTO:
            return ContainerRequest(
                media_type=None,
                image_url=content.url,
                caption=content.caption,
                location_id=content.location_id,
                user_tags=content.user_tags,
                alt_text=content.alt_text,
                collaborators=tuple(content.collaborators or ()),
                product_tags=content.product_tags,
            )
        case ContentType.VIDEO | ContentType.REEL:
            return ContainerRequest(
                media_type="REELS",
                video_url=content.url,
                caption=content.caption,
                location_id=content.location_id,
                user_tags=content.user_tags,
                thumb_offset=content.thumb_offset,
                share_to_feed=_shared_to_feed(content),
                collaborators=tuple(content.collaborators or ()),
                cover_url=content.cover_url,
                audio_name=content.audio_name,
                trial_params=content.trial_params,
                product_tags=content.product_tags,
            )
        case ContentType.STORY:
            is_video = media_kind_of(content.url or "") is MediaKind.VIDEO
            return ContainerRequest(
                media_type="STORIES",
                image_url=None if is_video else content.url,
                video_url=content.url if is_video else None,
                user_tags=content.user_tags,
            )
        case ContentType.CAROUSEL:
            return ContainerRequest(
                media_type="CAROUSEL",
                caption=content.caption,
                location_id=content.location_id,
                collaborators=tuple(content.collaborators or ()),
                children=tuple(
                    ContainerItem(
                        url=item.url, is_video=item.kind is MediaKind.VIDEO, alt_text=item.alt_text
                    )
                    for item in content.carousel_items()
                ),
            )


def _shared_to_feed(content: InstagramContent) -> bool:
    """A Video is a reel in the feed; a Reel is too unless its author says not."""
    if content.content_type is ContentType.REEL and content.share_to_feed is not None:
        return content.share_to_feed
    return True
