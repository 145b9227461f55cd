"""The media a publish leaves on the account: ids, shortcodes, permalinks, carousel children."""

from __future__ import annotations

from datetime import datetime

from autopost.sandbox.instagram_state import (
    Account,
    Container,
    ContainerKind,
    InstagramState,
    Media,
    ProductType,
)

# Instagram's shortcodes are the media's numeric id written in this base-64 alphabet.
_SHORTCODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_THUMBNAIL_URL = "https://sandbox.instagram.invalid/thumbnails/{media_id}.jpg"
_MEDIA_TYPES = {
    ContainerKind.IMAGE: "IMAGE",
    ContainerKind.VIDEO: "VIDEO",
    ContainerKind.CAROUSEL: "CAROUSEL_ALBUM",
}


def shortcode(media_id: str) -> str:
    number, letters = int(media_id), []
    while number:
        number, digit = divmod(number, 64)
        letters.append(_SHORTCODE_ALPHABET[digit])
    return "".join(reversed(letters)) or "A"


def permalink(media: Media) -> str:
    if media.product == ProductType.STORY:
        return f"https://www.instagram.com/stories/{media.username}/{media.id}/"
    if media.product == ProductType.REELS:
        return f"https://www.instagram.com/reel/{shortcode(media.id)}/"
    return f"https://www.instagram.com/p/{shortcode(media.id)}/"


def thumbnail_url(media_id: str) -> str:
    return _THUMBNAIL_URL.format(media_id=media_id)


def media_from_container(
    state: InstagramState, account: Account, container: Container, at: datetime
) -> Media:
    """Publish ``container`` (and a carousel's items) as of ``at``."""
    children = tuple(
        _make_media(state, account, state.containers[child_id], at)
        for child_id in container.children
    )
    media = _make_media(state, account, container, at)
    for child in children:
        child.parent_id = media.id
    if children:
        media.children = tuple(child.id for child in children)
        media.media_url = children[0].media_url
        media.thumbnail_url = children[0].thumbnail_url
    for node in (*children, media):
        state.add_media(node)
    return media


def _make_media(
    state: InstagramState, account: Account, container: Container, at: datetime
) -> Media:
    media_id = state.new_object_id()
    media = Media(
        id=media_id,
        owner=account.ig_user_id,
        username=account.username,
        container_id=container.id,
        media_type=_MEDIA_TYPES[container.kind],
        product=container.product,
        timestamp=at,
        caption=None if container.is_carousel_item else container.caption,
        media_url=container.media_url,
        alt_text=container.alt_text,
    )
    if container.has_video:
        media.thumbnail_url = container.cover_url or thumbnail_url(media_id)
    if container.product == ProductType.REELS:
        media.is_shared_to_feed = container.share_to_feed
    container.media_id = media_id
    return media
