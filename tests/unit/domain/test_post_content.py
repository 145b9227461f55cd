"""A post's content is one platform's, with that platform's fields and rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from attrs import evolve, fields

from autopost.domain.pinterest_rules import PinTemplate
from autopost.domain.platform import Platform
from autopost.domain.post import (
    CONTENT_FIELDS,
    ContentType,
    InstagramContent,
    PinContent,
    Post,
    content_from,
    with_changes,
)

NOW = datetime(2026, 12, 1, tzinfo=UTC)
PHOTO = "https://cdn.example.com/a.jpg"


def test_a_posts_platform_is_its_contents() -> None:
    assert Post(content=InstagramContent(url=PHOTO), created_at=NOW).platform is Platform.INSTAGRAM
    assert Post(content=PinContent(url=PHOTO), created_at=NOW).platform is Platform.PINTEREST


def test_a_publisher_gets_its_own_kind_of_content_and_no_other() -> None:
    post = Post(content=PinContent(url=PHOTO, title="Quiz"), created_at=NOW)
    assert post.content_for(PinContent).title == "Quiz"
    with pytest.raises(TypeError):
        post.content_for(InstagramContent)


def test_the_content_of_a_platform_leaves_the_other_platforms_fields_out() -> None:
    sent = {"content_type": ContentType.PHOTO, "url": PHOTO, "caption": "Hi", "title": "T"}
    assert content_from(Platform.INSTAGRAM, sent) == InstagramContent(url=PHOTO, caption="Hi")
    assert content_from(Platform.PINTEREST, sent) == PinContent(url=PHOTO, title="T")


def test_changes_of_the_other_platforms_fields_are_left_out() -> None:
    pin = PinContent(url=PHOTO, title="Before")
    changed = with_changes(pin, {"title": "After", "caption": "not a pin's"})
    assert changed == PinContent(url=PHOTO, title="After")


def test_every_content_field_is_named_once_instagrams_first() -> None:
    names = [attribute.name for attribute in CONTENT_FIELDS]
    assert len(names) == len(set(names))
    instagram = [attribute.name for attribute in fields(InstagramContent)]
    pin_only = [a.name for a in fields(PinContent) if a.name not in instagram]
    assert names == instagram + pin_only


def test_every_content_field_says_what_it_means() -> None:
    for kind in (InstagramContent, PinContent):
        for attribute in fields(kind):
            assert attribute.metadata.get("description"), f"{kind.__name__}.{attribute.name}"


def test_an_instagram_photo_breaking_no_rule_has_no_problems() -> None:
    assert InstagramContent(url=PHOTO, caption="Hello #world").problems() == {}


def test_an_instagram_posts_problems_are_its_rules_by_field() -> None:
    content = InstagramContent(
        content_type=ContentType.PHOTO, url="http://cdn.example.com/a.jpg", thumb_offset=10
    )
    assert set(content.problems()) == {"url", "thumb_offset"}


def test_a_carousel_needs_two_to_ten_items() -> None:
    one = InstagramContent(content_type=ContentType.CAROUSEL, children=[{"url": PHOTO}])
    assert "children" in one.problems()


def test_carousel_items_get_their_media_type_from_their_address_when_not_given() -> None:
    carousel = InstagramContent(
        content_type=ContentType.CAROUSEL,
        children=[{"url": PHOTO}, {"url": "https://cdn.example.com/b.mp4"}],
    ).with_media_kinds()
    assert carousel.children == [
        {"url": PHOTO, "media_type": "image"},
        {"url": "https://cdn.example.com/b.mp4", "media_type": "video"},
    ]


def test_a_pin_needs_an_https_image() -> None:
    assert PinContent(url=PHOTO, link="https://site.example/q/1").problems() == {}
    assert set(PinContent(url=None).problems()) == {"url"}


def test_a_video_pin_is_a_library_video_with_an_image_cover_if_any() -> None:
    video = PinContent(content_type=ContentType.VIDEO, url="library:7")
    assert video.problems() == {}
    assert evolve(video, cover_url="library:8").problems() == {}
    assert list(PinContent(content_type=ContentType.VIDEO, url=PHOTO).problems()) == ["url"]
    assert list(evolve(video, cover_url="http://x.example/c.jpg").problems()) == ["cover_url"]


def test_only_a_video_pin_has_a_cover_and_a_pin_is_a_photo_carousel_or_video() -> None:
    assert list(PinContent(url=PHOTO, cover_url=PHOTO).problems()) == ["cover_url"]
    reel = PinContent(content_type=ContentType.REEL, url=PHOTO).problems()
    assert list(reel) == ["content_type"]
    assert reel["content_type"] == ["A pin is a Photo, a Carousel (a multi-image pin) or a Video."]


def test_a_multi_image_pin_is_a_carousel_of_images_without_a_url() -> None:
    images = [{"url": PHOTO, "title": "One"}, {"url": PHOTO, "link": "https://site.example/2"}]
    carousel = PinContent(content_type=ContentType.CAROUSEL, images=images, alt_text="Two")
    assert carousel.problems() == {}
    assert set(PinContent(content_type=ContentType.CAROUSEL, images=images[:1]).problems()) == {
        "images"
    }
    with_url = PinContent(content_type=ContentType.CAROUSEL, images=images, url=PHOTO)
    assert set(with_url.problems()) == {"url"}
    assert set(PinContent(url=PHOTO, images=images).problems()) == {"images"}
    long_alt = PinContent(content_type=ContentType.CAROUSEL, images=images, alt_text="a" * 501)
    assert set(long_alt.problems()) == {"alt_text"}


def test_a_quiz_pins_texts_come_from_the_template_where_left_out() -> None:
    quiz = PinContent(url=PHOTO, topic="Python", answers=["1", "2"])
    published = quiz.with_texts(PinTemplate(title="{topic}?", description="Pick one"))
    assert published.title == "Python?"
    assert published.description == "Pick one\nA) 1\nB) 2"


def test_a_pins_texts_are_cut_to_pinterests_lengths() -> None:
    long = PinContent(url=PHOTO, title="word " * 40, description="word " * 200)
    published = long.with_texts(PinTemplate())
    assert published.title is not None and len(published.title) <= 100
    assert published.description is not None and len(published.description) <= 500
