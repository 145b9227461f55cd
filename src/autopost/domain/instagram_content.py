"""What an Instagram post is made of, and the rules Instagram holds it to."""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import evolve, field, frozen

from autopost.domain.comment_rules import COMMENT_MAX_CHARS, COMMENT_MAX_HASHTAGS, check_comment
from autopost.domain.content_field import about
from autopost.domain.instagram_options import (
    ALT_TEXT_MAX,
    COLLABORATORS_MAX,
    PRODUCT_TAGS_FEED_MAX,
    PRODUCT_TAGS_REEL_MAX,
    TRIAL_STRATEGIES,
    PublishingOptions,
    check_options,
)
from autopost.domain.instagram_rules import (
    CAPTION_MAX_CHARS,
    CAPTION_MAX_HASHTAGS,
    CAROUSEL_MAX_ITEMS,
    CAROUSEL_MIN_ITEMS,
    THUMB_OFFSET_MAX_MS,
    USER_TAGS_MAX,
    Errors,
    check_instagram_post,
)
from autopost.domain.library import referenced_item
from autopost.domain.media import ContentType, MediaKind, media_kind_of
from autopost.domain.platform import Platform


@frozen
class CarouselItem:
    url: str
    kind: MediaKind
    alt_text: str | None = None


@frozen(kw_only=True)
class InstagramContent:
    """A photo, video, reel, story or carousel as Instagram shows it. Children are carousel
    items, ``{"url": ..., "media_type": "image" | "video", "alt_text": ...}``."""

    platform: ClassVar[Platform] = Platform.INSTAGRAM

    content_type: ContentType = field(
        default=ContentType.PHOTO, metadata=about("Photo, Video, Carousel, Reel or Story.")
    )
    caption: str | None = field(
        default=None,
        metadata=about(
            f"At most {CAPTION_MAX_CHARS} characters and {CAPTION_MAX_HASHTAGS} hashtags."
        ),
    )
    url: str | None = field(
        default=None,
        metadata=about("The media, at a public https URL Instagram fetches (not for a Carousel)."),
    )
    location_id: str | None = field(
        default=None, metadata=about("Where it was taken: a Facebook place id (not for a Story).")
    )
    user_tags: list[dict[str, Any]] | None = field(
        default=None,
        metadata=about(
            f"Up to {USER_TAGS_MAX} people tagged: {{username, x, y}}, x and y from 0.0 to 1.0."
        ),
    )
    thumb_offset: int | None = field(
        default=None,
        metadata=about(
            "A Video's or Reel's cover: the frame this many milliseconds from its start (0 to "
            f"{THUMB_OFFSET_MAX_MS}); `cover_url`, when given, is used instead."
        ),
    )
    cover_url: str | None = field(
        default=None,
        metadata=about("A Video's or Reel's cover image, at a public https URL Instagram fetches."),
    )
    share_to_feed: bool | None = field(
        default=None,
        metadata=about(
            "A Reel: whether it is also shown in the feed (default true). A Video always is."
        ),
    )
    audio_name: str | None = field(
        default=None,
        metadata=about(
            "A Video's or Reel's name for its original audio (Instagram lets it be named once)."
        ),
    )
    trial_params: dict[str, str] | None = field(
        default=None,
        metadata=about(
            "A Reel shown first to people who do not follow the account (a trial reel): "
            '{"graduation_strategy": ' + " or ".join(f'"{s}"' for s in TRIAL_STRATEGIES) + "}; "
            "MANUAL waits for the account to share it with its followers in the app, "
            "SS_PERFORMANCE shares it when it performs well."
        ),
    )
    alt_text: str | None = field(
        default=None,
        metadata=about(
            f"A Photo described for people who cannot see it: at most {ALT_TEXT_MAX} "
            "characters. A Carousel's images take theirs in `children`."
        ),
    )
    collaborators: list[str] | None = field(
        default=None,
        metadata=about(
            f"Up to {COLLABORATORS_MAX} Instagram usernames (without @) invited to be co-authors "
            "of a Photo, Video, Reel or Carousel; it shows on their profiles once they accept."
        ),
    )
    product_tags: list[dict[str, Any]] | None = field(
        default=None,
        metadata=about(
            "Products of the account's Instagram Shop tagged on a Photo (up to "
            f"{PRODUCT_TAGS_FEED_MAX}: {{product_id, x, y}}, x and y from 0.0 to 1.0) or a Video "
            f"or Reel (up to {PRODUCT_TAGS_REEL_MAX}: {{product_id}}); only an account with an "
            "approved Shop may tag products."
        ),
    )
    children: list[dict[str, str]] | None = field(
        default=None,
        metadata=about(
            f"A Carousel's {CAROUSEL_MIN_ITEMS} to {CAROUSEL_MAX_ITEMS} items: {{url, media_type, "
            f"alt_text}}, alt text (at most {ALT_TEXT_MAX} characters) on images only."
        ),
    )
    first_comment: str | None = field(
        default=None,
        metadata=about(
            "A comment the account writes on the post right after it is published (not for a "
            f"Story): at most {COMMENT_MAX_CHARS} characters, {COMMENT_MAX_HASHTAGS} hashtags "
            "and one link, not all in capital letters."
        ),
    )

    def problems(self) -> Errors:
        """Every rule this content breaks, by field; empty when Instagram would take it."""
        errors = check_instagram_post(
            self.content_type,
            self.url,
            self.caption,
            self.user_tags,
            self.children,
            self.thumb_offset,
        )
        options = PublishingOptions(
            alt_text=self.alt_text,
            collaborators=self.collaborators,
            cover_url=self.cover_url,
            share_to_feed=self.share_to_feed,
            audio_name=self.audio_name,
            trial_params=self.trial_params,
            location_id=self.location_id,
            children=self.with_media_kinds().children,
            product_tags=self.product_tags,
        )
        for name, messages in check_options(self.content_type, options).items():
            errors.setdefault(name, []).extend(messages)
        comment_problems = self._first_comment_problems()
        if comment_problems:
            errors.setdefault("first_comment", []).extend(comment_problems)
        return errors

    def _first_comment_problems(self) -> list[str]:
        if self.first_comment is None:
            return []
        if self.content_type is ContentType.STORY:
            return ["A Story takes no comments: send the first comment with a feed post or reel."]
        return check_comment(self.first_comment)

    def with_media_kinds(self) -> InstagramContent:
        """Each carousel item with its media type, guessed from its URL where not given."""
        if self.children is None:
            return self
        children = []
        for child in self.children:
            url = child.get("url", "")
            item = {"url": url}
            # A library file's kind is its bytes': told when it is published, from its link.
            if child.get("media_type") or referenced_item(url) is None:
                item["media_type"] = child.get("media_type") or media_kind_of(url).value
            if child.get("alt_text") is not None:
                item["alt_text"] = child["alt_text"]
            children.append(item)
        return evolve(self, children=children)

    def carousel_items(self) -> list[CarouselItem]:
        return [
            CarouselItem(
                c["url"],
                MediaKind(c.get("media_type") or media_kind_of(c["url"])),
                c.get("alt_text"),
            )
            for c in self.children or []
        ]
