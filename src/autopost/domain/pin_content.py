"""What a Pinterest pin is made of, and the rules Pinterest holds it to."""

from __future__ import annotations

from typing import ClassVar

from attrs import evolve, field, frozen

from autopost.domain.content_field import about
from autopost.domain.media import ContentType
from autopost.domain.pinterest_rules import (
    ALT_TEXT_MAX,
    DESCRIPTION_MAX,
    LINK_MAX,
    TITLE_MAX,
    PinTemplate,
    check_pin,
    check_pin_type,
    shorten,
)
from autopost.domain.platform import Platform


@frozen(kw_only=True)
class PinContent:
    """An image pin, or a video pin of a library video. A quiz pin (one with ``answers``)
    may leave its title and description to the quiz template, which fills them from its
    topic and answers."""

    platform: ClassVar[Platform] = Platform.PINTEREST

    content_type: ContentType = field(
        default=ContentType.PHOTO,
        metadata=about("A pin is a Photo, or a Video (a video of the media library)."),
    )
    url: str | None = field(
        default=None, metadata=about("The image, at a public https URL Pinterest fetches.")
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
        metadata=about("Chooses the board (the one named after it) and a quiz pin's title."),
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
        errors = check_pin(self.url, self.link, self.alt_text)
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
