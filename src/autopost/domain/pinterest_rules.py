"""What Pinterest accepts in a pin, and how long texts are cut to fit.

Pinterest's API takes a title of 100 characters; the earlier API kept descriptions to 500 (the API
allows 800), so that they show whole in the pin's card. A multi-image pin (``media_source``
``multiple_image_urls``) holds 2 to 5 images, each with its own url and, optionally, title,
description and link (``PinMediaSourceImagesURL`` in the API's OpenAPI description).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from autopost.domain.instagram_rules import is_https_url, is_media_address
from autopost.domain.library import referenced_item
from autopost.domain.media import ContentType

TITLE_MAX = 100
DESCRIPTION_MAX = 500
ALT_TEXT_MAX = 500
LINK_MAX = 2048
IMAGES_MIN = 2  # PinMediaSourceImagesURL.items: minItems
IMAGES_MAX = 5  # and maxItems
IMAGE_FIELDS = ("url", "title", "description", "link")  # PinMediaSourceImagesURLItem
ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """``text`` if it fits, else cut at the last word boundary that leaves room for an
    ellipsis (mid-word only when a single word is longer than the limit)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = text[: limit - len(ELLIPSIS)]
    cut = room.rsplit(None, 1)[0] if " " in room.strip() else room
    return cut.rstrip(" ,.;:-\u2013\u2014") + ELLIPSIS


@frozen
class PinTemplate:
    """The earlier service's quiz pin: a title asking what the code of a topic returns, a
    description with the answer options. Both texts are settings, not code."""

    title: str = "Что вернет этот код {topic}?"
    description: str = "Выбери правильный ответ"

    def render_title(self, topic: str) -> str:
        return self.title.format(topic=topic)

    def render_description(self, answers: list[str]) -> str:
        options = [f"{chr(ord('A') + i)}) {answer}" for i, answer in enumerate(answers[:26])]
        return "\n".join([self.description, *options])


def check_pin(url: str | None, link: str | None, alt_text: str | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not url:
        errors["url"] = ["This field is required."]
    elif not is_media_address(url):
        errors["url"] = [
            "Pinterest fetches the image itself: give a public https URL or a library image "
            "(library:<id>)."
        ]
    return errors | check_pin_texts(link, alt_text)


def check_pin_texts(link: str | None, alt_text: str | None) -> dict[str, list[str]]:
    """What every pin is held to, whatever its images."""
    errors: dict[str, list[str]] = {}
    if link and not _is_link(link):
        errors["link"] = [f"Give a web address of at most {LINK_MAX} characters."]
    if alt_text and len(alt_text) > ALT_TEXT_MAX:
        errors["alt_text"] = [f"Pinterest allows at most {ALT_TEXT_MAX} characters."]
    return errors


def _is_link(link: str) -> bool:
    return len(link) <= LINK_MAX and link.startswith(("https://", "http://"))


def check_pin_images(images: Sequence[Mapping[str, Any]] | None) -> list[str]:
    """A multi-image pin's images: 2 to 5, each an https ``url`` with, optionally, a
    ``title``, ``description`` and ``link`` (text), and nothing else."""
    if not images or not IMAGES_MIN <= len(images) <= IMAGES_MAX:
        return [f"A multi-image pin has {IMAGES_MIN} to {IMAGES_MAX} images."]
    problems: list[str] = []
    for number, image in enumerate(images, start=1):
        unknown = sorted(set(image) - set(IMAGE_FIELDS))
        if unknown:
            problems.append(
                f"Image {number}: {', '.join(unknown)} is not something Pinterest takes "
                f"(only {', '.join(IMAGE_FIELDS)})."
            )
        url = image.get("url")
        if not isinstance(url, str) or not is_https_url(url):
            problems.append(f"Image {number}: give its url, a public https URL.")
        for name in ("title", "description", "link"):
            value = image.get(name)
            if value is not None and not isinstance(value, str):
                problems.append(f"Image {number}: {name} is text.")
        link = image.get("link")
        if isinstance(link, str) and link and not _is_link(link):
            problems.append(
                f"Image {number}: give a link of at most {LINK_MAX} characters (a web address)."
            )
    return problems


def check_pin_type(
    content_type: ContentType, url: str | None, cover_url: str | None
) -> dict[str, list[str]]:
    """A pin is an image (Photo), several images (Carousel: a multi-image pin) or a video
    (Video). Pinterest takes a video only as a file uploaded to it, which Autopost does from
    its media library; its cover is an image (else the video's first frame)."""
    errors: dict[str, list[str]] = {}
    if content_type not in (ContentType.PHOTO, ContentType.VIDEO, ContentType.CAROUSEL):
        errors["content_type"] = ["A pin is a Photo, a Carousel (a multi-image pin) or a Video."]
    elif content_type is ContentType.VIDEO:
        if url and referenced_item(url) is None:
            errors["url"] = [
                "Pinterest takes a video only uploaded to it: give a video of the media "
                "library (library:<id>)."
            ]
        if cover_url is not None and not is_media_address(cover_url):
            errors["cover_url"] = [
                "The cover is an image at a public https URL or in the media library."
            ]
    elif cover_url is not None:
        errors["cover_url"] = ["Only a video pin has a cover."]
    return errors
