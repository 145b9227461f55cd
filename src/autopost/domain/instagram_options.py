"""The publishing options Instagram offers beyond media and caption, and their limits.

Limits from Meta's reference of ``POST /{ig-user-id}/media`` (developers.facebook.com/docs/
instagram-platform/instagram-graph-api/reference/ig-user/media) and its Reels specifications:
alt text on images only, at most 1,000 characters; at most 3 collaborators, by username, on
feed images, reels and carousels (not stories, not carousel items); a reel's cover image
(``cover_url``), audio name, feed sharing and trial parameters for reels only, a trial's
graduation strategy ``MANUAL`` or ``SS_PERFORMANCE``; a location (a Facebook place id) on
feed posts and reels, not on stories. Instagram usernames are 1 to 30 letters, digits,
periods and underscores (Instagram Help Center). Products (Meta's Product Tagging guide and
the IG Media Product Tags reference): tagged on feed images and reels, not on stories; at most
20 on a feed post and 30 on a reel; an image's tags say where (``x``, ``y`` from 0 to 1), a
reel's do not; only an account with an approved Instagram Shop may tag them (Instagram refuses
the others).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from autopost.domain.instagram_rules import Errors, is_media_address
from autopost.domain.media import ContentType, MediaKind

ALT_TEXT_MAX = 1000
COLLABORATORS_MAX = 3
TRIAL_STRATEGIES = ("MANUAL", "SS_PERFORMANCE")
REEL_TYPES = frozenset({ContentType.VIDEO, ContentType.REEL})
COLLABORATOR_TYPES = frozenset(
    {ContentType.PHOTO, ContentType.VIDEO, ContentType.REEL, ContentType.CAROUSEL}
)

PRODUCT_TAGS_FEED_MAX = 20
PRODUCT_TAGS_REEL_MAX = 30
PRODUCT_TAG_TYPES = frozenset({ContentType.PHOTO, ContentType.VIDEO, ContentType.REEL})

_PRODUCT_ID = re.compile(r"[0-9]{1,20}")
_USERNAME = re.compile(r"[A-Za-z0-9._]{1,30}")
_PLACE_ID = re.compile(r"[0-9]{1,20}")


@frozen(kw_only=True)
class PublishingOptions:
    """What a post asks of Instagram besides its media and caption; None where not asked."""

    alt_text: str | None = None
    collaborators: Sequence[Any] | None = None
    cover_url: str | None = None
    share_to_feed: bool | None = None
    audio_name: str | None = None
    trial_params: Mapping[str, Any] | None = None
    location_id: str | None = None
    children: Sequence[Mapping[str, Any]] | None = None
    product_tags: Sequence[Any] | None = None


def check_options(content_type: ContentType, options: PublishingOptions) -> Errors:
    """Every option the post's type does not take or that breaks Instagram's limits, by field."""
    errors: Errors = {}

    def add(name: str, messages: list[str]) -> None:
        if messages:
            errors.setdefault(name, []).extend(messages)

    add("alt_text", check_alt_text(content_type, options.alt_text))
    add("collaborators", check_collaborators(content_type, options.collaborators))
    add("location_id", check_location(content_type, options.location_id))
    add("children", check_item_alt_texts(options.children))
    reel_only = {
        "cover_url": options.cover_url,
        "audio_name": options.audio_name,
        "trial_params": options.trial_params,
    }
    for name, value in reel_only.items():
        if value is not None and content_type not in REEL_TYPES:
            add(name, [f"Only a Reel (or a Video) takes {name}, not a {content_type.value}."])
    if content_type in REEL_TYPES:
        add("cover_url", check_cover_url(options.cover_url))
        add("audio_name", check_audio_name(options.audio_name))
        add("trial_params", check_trial(content_type, options.trial_params))
    add("share_to_feed", check_share_to_feed(content_type, options.share_to_feed))
    add("product_tags", check_product_tags(content_type, options.product_tags))
    return errors


def check_product_tags(content_type: ContentType, tags: Sequence[Any] | None) -> list[str]:
    """Products tagged on a Photo (each ``{product_id, x, y}``) or a reel (``{product_id}``)."""
    if tags is None:
        return []
    if content_type not in PRODUCT_TAG_TYPES:
        return [f"Products are tagged on a Photo, Video or Reel, not a {content_type.value}."]
    on_image = content_type is ContentType.PHOTO
    most = PRODUCT_TAGS_FEED_MAX if on_image else PRODUCT_TAGS_REEL_MAX
    if len(tags) > most:
        return [f"Instagram allows at most {most} product tags here; got {len(tags)}."]
    problems: list[str] = []
    seen: set[str] = set()
    for number, tag in enumerate(tags, start=1):
        if not isinstance(tag, Mapping):
            problems.append(f"Tag {number}: give {{product_id{', x, y' if on_image else ''}}}.")
            continue
        allowed = {"product_id", "x", "y"} if on_image else {"product_id"}
        if unknown := sorted(set(tag) - allowed):
            problems.append(f"Tag {number}: {', '.join(unknown)} is not taken here.")
        product_id = tag.get("product_id")
        if not isinstance(product_id, str) or not _PRODUCT_ID.fullmatch(product_id):
            problems.append(f"Tag {number}: product_id is a catalogue product's id (digits).")
        elif product_id in seen:
            problems.append(f"Tag {number}: product {product_id} is tagged twice.")
        else:
            seen.add(product_id)
        if on_image:
            for axis in ("x", "y"):
                value = tag.get(axis)
                if isinstance(value, bool) or not isinstance(value, int | float):
                    problems.append(f"Tag {number}: {axis} is required, from 0.0 to 1.0.")
                elif not 0 <= value <= 1:
                    problems.append(f"Tag {number}: {axis} must be from 0.0 to 1.0.")
    return problems


def check_alt_text(content_type: ContentType, alt_text: str | None) -> list[str]:
    if alt_text is None:
        return []
    if content_type is ContentType.CAROUSEL:
        return ["A Carousel's alt text goes on each image item: children[].alt_text."]
    if content_type is not ContentType.PHOTO:
        return [f"Instagram takes alt text on images only, not on a {content_type.value}."]
    return _alt_text_length(alt_text)


def check_item_alt_texts(children: Sequence[Mapping[str, Any]] | None) -> list[str]:
    problems = []
    for number, child in enumerate(children or [], start=1):
        alt_text = child.get("alt_text")
        if alt_text is None:
            continue
        if child.get("media_type") == MediaKind.VIDEO.value:
            problems.append(f"Item {number} is a video: Instagram takes alt text on images only.")
        problems += [f"Item {number}: {p}" for p in _alt_text_length(alt_text)]
    return problems


def _alt_text_length(alt_text: str) -> list[str]:
    if not alt_text.strip():
        return ["Describe the image, or leave alt text out."]
    if len(alt_text) > ALT_TEXT_MAX:
        return [
            f"Instagram allows at most {ALT_TEXT_MAX} characters of alt text; this has "
            f"{len(alt_text)}."
        ]
    return []


def check_collaborators(
    content_type: ContentType, collaborators: Sequence[Any] | None
) -> list[str]:
    if collaborators is None:
        return []
    if content_type not in COLLABORATOR_TYPES:
        return [f"A {content_type.value} cannot have collaborators."]
    problems = []
    if len(collaborators) > COLLABORATORS_MAX:
        problems.append(
            f"Instagram allows at most {COLLABORATORS_MAX} collaborators; got {len(collaborators)}."
        )
    for number, name in enumerate(collaborators, start=1):
        if isinstance(name, str) and name.startswith("@"):
            problems.append(f"Collaborator {number}: give the username without the @.")
        elif not isinstance(name, str) or not _USERNAME.fullmatch(name):
            problems.append(
                f"Collaborator {number} is no Instagram username (1 to 30 letters, digits, "
                "periods and underscores)."
            )
    lowered = [name.lower() for name in collaborators if isinstance(name, str)]
    if len(set(lowered)) < len(lowered):
        problems.append("Each collaborator once.")
    return problems


def check_location(content_type: ContentType, location_id: str | None) -> list[str]:
    if location_id is None:
        return []
    if content_type is ContentType.STORY:
        return ["Instagram takes no location on a Story."]
    if not _PLACE_ID.fullmatch(location_id):
        return ["A location is a Facebook place id: digits only."]
    return []


def check_cover_url(cover_url: str | None) -> list[str]:
    if cover_url is None or is_media_address(cover_url):
        return []
    return ["Instagram fetches the cover itself: give a public https URL."]


def check_audio_name(audio_name: str | None) -> list[str]:
    if audio_name is not None and not audio_name.strip():
        return ["Name the audio, or leave audio_name out."]
    return []


def check_trial(content_type: ContentType, trial_params: Mapping[str, Any] | None) -> list[str]:
    if trial_params is None:
        return []
    if content_type is not ContentType.REEL:
        return ["A trial is for a Reel: a Video is always shown to the account's followers."]
    strategy = trial_params.get("graduation_strategy")
    if set(trial_params) != {"graduation_strategy"} or strategy not in TRIAL_STRATEGIES:
        return [
            'A trial is {"graduation_strategy": "MANUAL"} or {"graduation_strategy": '
            '"SS_PERFORMANCE"} (shared with followers when it performs well).'
        ]
    return []


def check_share_to_feed(content_type: ContentType, share_to_feed: bool | None) -> list[str]:
    if share_to_feed is None:
        return []
    if content_type is ContentType.VIDEO:
        if share_to_feed:
            return []
        return ["A Video is a reel shown in the feed: make it a Reel to keep it off the feed."]
    if content_type is not ContentType.REEL:
        return [f"Only a Reel is shared to the feed or not, not a {content_type.value}."]
    return []
