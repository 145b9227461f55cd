"""Many published media at once, for tests and benchmarks of clients that sync an account.

Seeded media are numbered 1 to N from the oldest: media n is captioned ``Seeded media n`` and
timestamped ``newest - (N - n) * spacing``. Every k-th (``carousel_every``) is a CAROUSEL_ALBUM
of an image and a video; of the others, even numbers are reels (VIDEO) and odd ones images.
The top-level media take consecutive ids (the albums' items come after them), so a listing reads
ids counting down by one. Each media gets ``comments_per_media`` comments by other people with
``replies_per_comment`` replies each, a few seconds after it; ``comments_count`` counts them
all, and ``like_count`` is a number derived from n.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from autopost.sandbox.instagram_comments import Comment
from autopost.sandbox.instagram_media_objects import thumbnail_url
from autopost.sandbox.instagram_state import Account, InstagramState, Media, ProductType
from autopost.sandbox.instagram_timeline import micros

_MEDIA_URL = "https://sandbox.instagram.invalid/seeded/{media_id}.{extension}"
_FANS = tuple(f"seeded_fan_{n:03d}" for n in range(1000))
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class SeedPlan:
    count: int
    newest: datetime
    spacing: timedelta
    comments_per_media: int = 0
    replies_per_comment: int = 0
    carousel_every: int = 0

    @property
    def comments_per_thread(self) -> int:
        return 1 + self.replies_per_comment

    @property
    def carousels(self) -> int:
        return self.count // self.carousel_every if self.carousel_every else 0


@dataclass(frozen=True)
class SeedResult:
    first_id: str  # the oldest
    last_id: str  # the newest
    oldest: datetime
    carousels: int
    comments: int


def seed_media(
    state: InstagramState, account: Account, plan: SeedPlan, now: datetime
) -> SeedResult:
    first = state.reserve_object_ids(plan.count)
    next_item = state.reserve_object_ids(2 * plan.carousels)
    oldest = plan.newest - plan.spacing * (plan.count - 1)
    oldest_micros, step = micros(oldest), micros(oldest + plan.spacing) - micros(oldest)
    per_media = plan.comments_per_media * plan.comments_per_thread
    seeded: list[Media] = []
    for index in range(plan.count):
        number = index + 1
        timestamp = oldest + plan.spacing * index
        if plan.carousel_every and number % plan.carousel_every == 0:
            media = _album(state, account, str(first + index), next_item, timestamp)
            next_item += 2
        else:
            media = _single(account, str(first + index), timestamp, video=number % 2 == 0)
        media.caption = f"Seeded media {number}"
        media.like_count = number * 37 % 1000
        media.comments_count = per_media
        state.media[media.id] = media
        seeded.append(media)
    account.feed.add_many((oldest_micros + step * i, first + i) for i in range(plan.count))
    if per_media:
        _seed_comments(state, seeded, plan, now)
    return SeedResult(
        first_id=str(first),
        last_id=str(first + plan.count - 1),
        oldest=oldest,
        carousels=plan.carousels,
        comments=per_media * plan.count,
    )


def _single(account: Account, media_id: str, timestamp: datetime, video: bool) -> Media:
    media = _item(account, media_id, timestamp, None, video)
    if video:
        media.product = ProductType.REELS
        media.is_shared_to_feed = True
    return media


def _album(
    state: InstagramState, account: Account, album_id: str, first_item: int, timestamp: datetime
) -> Media:
    image = _item(account, str(first_item), timestamp, album_id, video=False)
    video = _item(account, str(first_item + 1), timestamp, album_id, video=True)
    state.media[image.id] = image
    state.media[video.id] = video
    return Media(
        id=album_id,
        owner=account.ig_user_id,
        username=account.username,
        container_id=None,
        media_type="CAROUSEL_ALBUM",
        product=ProductType.FEED,
        timestamp=timestamp,
        caption=None,
        media_url=image.media_url,
        children=(image.id, video.id),
    )


def _item(
    account: Account, media_id: str, timestamp: datetime, parent_id: str | None, video: bool
) -> Media:
    return Media(
        id=media_id,
        owner=account.ig_user_id,
        username=account.username,
        container_id=None,
        media_type="VIDEO" if video else "IMAGE",
        product=ProductType.FEED,
        timestamp=timestamp,
        caption=None,
        media_url=_MEDIA_URL.format(media_id=media_id, extension="mp4" if video else "jpg"),
        thumbnail_url=thumbnail_url(media_id) if video else None,
        parent_id=parent_id,
    )


def _seed_comments(
    state: InstagramState, seeded: list[Media], plan: SeedPlan, now: datetime
) -> None:
    per_media = plan.comments_per_media * plan.comments_per_thread
    next_id = state.reserve_object_ids(per_media * len(seeded))
    add = state.comments.add
    for media in seeded:
        latest = max(now, media.timestamp)  # seconds after the media, but not in the future
        for thread in range(plan.comments_per_media):
            parent_id: str | None = None
            for place in range(plan.comments_per_thread):
                offset = thread * plan.comments_per_thread + place
                comment = Comment(
                    id=str(next_id),
                    media_id=media.id,
                    username=_FANS[(next_id + place) % len(_FANS)],
                    text=_comment_text(media, thread, place),
                    timestamp=min(latest, media.timestamp + _SECOND * (offset + 1)),
                    like_count=next_id % 50,
                    parent_id=parent_id,
                )
                add(comment)
                parent_id = parent_id or comment.id
                next_id += 1


def _comment_text(media: Media, thread: int, place: int) -> str:
    if place == 0:
        return f"Seeded comment {thread + 1} on {media.caption}"
    return f"Seeded reply {place} to comment {thread + 1} on {media.caption}"
