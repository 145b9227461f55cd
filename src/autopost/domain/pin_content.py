"""What a Pinterest pin is made of, and the rules Pinterest holds it to."""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import evolve, field, frozen

from autopost.domain.content_field import about
from autopost.domain.media import ContentType
from autopost.domain.pinterest_rules import (
    ALT_TEXT_MAX,
    DESCRIPTION_MAX,
    IMAGES_MAX,
    IMAGES_MIN,
    LINK_MAX,
    TITLE_MAX,
    PinTemplate,
    check_pin,
    check_pin_images,
    check_pin_texts,
    check_pin_type,
    shorten,
)
from autopost.domain.platform import Platform


@frozen(kw_only=True)
class PinContent:
    """An image pin, a video pin of a library video, or a multi-image pin (a Carousel: its
    ``images``, each ``{"url": ..., "title": ..., "description": ..., "link": ...}``). A quiz
    pin (one with ``answers``) may leave its title and description to the quiz template,
    which fills them from its topic and answers."""

    platform: ClassVar[Platform] = Platform.PINTEREST

    content_type: ContentType = field(
        default=ContentType.PHOTO,
        metadata=about(
            "A pin is a Photo, a Carousel for a multi-image pin, or a Video (a video of the "
            "media library)."
        ),
    )
    url: str | None = field(
        default=None,
        metadata=about("The image, at a public https URL Pinterest fetches (not for a Carousel)."),
    )
    images: list[dict[str, Any]] | None = field(
        default=None,
        metadata=about(
            f"A Carousel's images, {IMAGES_MIN} to {IMAGES_MAX}: {{url, title, description, "
            "link}, each url a public https URL Pinterest fetches, the others optional."
        ),
    )
    title: str | None = field(
        default=None, metadata=about(f"Cut to {TITLE_MAX} characters on a word boundary.")
    )
    description: str | None = field(
        default=None, metadata=about(f"Cut to {DESCRIPTION_MAX} characters on a word boundary.")
    )
    link: str | None = field(
        default=None,
        metadata=about(f"Where the pin leads: a web address of at most {LINK_MAX} characters."),
    )
    alt_text: str | None = field(
        default=None, metadata=about(f"The image described, at most {ALT_TEXT_MAX} characters.")
    )
    topic: str | None = field(
        default=None,
        metadata=about(
            "Chooses the board (the one named after it, else a board's section named after "
            "it) and a quiz pin's title."
        ),
    )
    answers: list[str] | None = field(
        default=None, metadata=about("A quiz pin's answer options, listed in its description.")
    )
    cover_url: str | None = field(
        default=None,
        metadata=about("A video pin's cover image; without one, the video's first frame."),
    )

    def problems(self) -> dict[str, list[str]]:
        """Every rule this pin breaks, by field; empty when Pinterest would take it."""
        if self.content_type is ContentType.CAROUSEL:
            errors = check_pin_texts(self.link, self.alt_text)
            wrong_images = check_pin_images(self.images)
            if wrong_images:
                errors["images"] = wrong_images
            if self.url:
                errors["url"] = ["A Carousel pin takes its images from images, not url."]
        else:
            errors = check_pin(self.url, self.link, self.alt_text)
            if self.images:
                errors["images"] = ["Only a Carousel pin has images: give content_type Carousel."]
        for name, messages in check_pin_type(self.content_type, self.url, self.cover_url).items():
            errors.setdefault(name, []).extend(messages)
        return errors

    def with_texts(self, template: PinTemplate) -> PinContent:
        """Title and description as published: the quiz template fills what a quiz leaves
        out, and both are cut to Pinterest's lengths on a word boundary."""
        title, description = self.title, self.description
        if self.answers:
            if not title and self.topic:
                title = template.render_title(self.topic)
            if not description:
                description = template.render_description(self.answers)
        return evolve(
            self,
            title=shorten(title, TITLE_MAX) if title else None,
            description=shorten(description, DESCRIPTION_MAX) if description else None,
        )
