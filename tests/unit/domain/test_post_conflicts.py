"""A post that crowds the account's other posts is warned about: one due within the window
of another, the same media or the same caption within a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from autopost.domain.post import ContentType, InstagramContent, PinContent
from autopost.domain.post_conflicts import ConflictCode, NearbyPost, conflicts

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=10)


def photo(
    url: str = "https://cdn.example.com/a.jpg", caption: str | None = "Hello"
) -> InstagramContent:
    return InstagramContent(content_type=ContentType.PHOTO, url=url, caption=caption)


def other(post_id: int, minutes: float, content: InstagramContent | PinContent) -> NearbyPost:
    return NearbyPost.of(post_id, NOON + timedelta(minutes=minutes), content)


def codes(
    *others: NearbyPost, content: InstagramContent | None = None, near: timedelta = WINDOW
) -> list[tuple[ConflictCode, int]]:
    found = conflicts(content or photo(), NOON, others, near)
    return [(warning.code, warning.post_id) for warning in found]


def test_a_post_alone_on_its_account_has_no_warning() -> None:
    assert codes() == []


def test_a_post_within_the_window_of_another_is_near_it_both_before_and_after() -> None:
    unlike = photo("https://cdn.example.com/b.jpg", "Other words")
    assert codes(other(7, 10, unlike), other(8, -10, unlike)) == [
        (ConflictCode.NEAR_ANOTHER_POST, 7),
        (ConflictCode.NEAR_ANOTHER_POST, 8),
    ], "as near, in the order of their ids"


def test_a_post_just_outside_the_window_is_not_near() -> None:
    unlike = photo("https://cdn.example.com/b.jpg", "Other words")
    assert codes(other(7, 10.5, unlike)) == []


def test_a_window_of_zero_gives_no_near_warning() -> None:
    unlike = photo("https://cdn.example.com/b.jpg", "Other words")
    assert codes(other(7, 0, unlike), near=timedelta(0)) == []


def test_the_same_media_within_a_day_is_warned_about() -> None:
    same_media = photo(caption="Other words")
    assert codes(other(7, 24 * 60, same_media)) == [(ConflictCode.SAME_MEDIA, 7)]
    assert codes(other(7, 24 * 60 + 1, same_media)) == []


def test_media_shared_with_a_carousel_item_is_the_same_media() -> None:
    carousel = InstagramContent(
        content_type=ContentType.CAROUSEL,
        children=[
            {"url": "https://cdn.example.com/x.jpg"},
            {"url": "https://cdn.example.com/a.jpg"},
        ],
    )
    assert codes(other(7, 120, carousel)) == [(ConflictCode.SAME_MEDIA, 7)]


def test_the_same_caption_within_a_day_is_warned_about_whitespace_aside() -> None:
    same_words = photo("https://cdn.example.com/b.jpg", "  Hello\n")
    assert codes(other(7, -600, same_words)) == [(ConflictCode.SAME_CAPTION, 7)]
    assert codes(other(7, -600, same_words), content=photo(caption=None)) == []


def test_a_pins_description_is_its_caption() -> None:
    pin = PinContent(url="https://cdn.example.com/pin.png", description="Hello")
    assert codes(other(7, 60, pin)) == [(ConflictCode.SAME_CAPTION, 7)]


def test_a_post_near_with_the_same_media_and_caption_gets_each_reason_with_the_other_post() -> None:
    found = conflicts(photo(), NOON, [other(7, 5, photo())], WINDOW)
    assert [w.code for w in found] == [
        ConflictCode.NEAR_ANOTHER_POST,
        ConflictCode.SAME_MEDIA,
        ConflictCode.SAME_CAPTION,
    ]
    assert {w.post_id for w in found} == {7}
    assert "Post 7" in found[0].message and "10 minutes" in found[0].message


def test_at_most_five_other_posts_are_named_for_one_reason_the_nearest() -> None:
    day = [other(n, n * 20, photo(caption=f"caption {n}")) for n in range(1, 30)]
    near = [other(100 + n, n, photo(url=f"https://cdn.example.com/{n}.jpg")) for n in range(1, 8)]
    found = codes(*day, *near)
    media = [post for code, post in found if code is ConflictCode.SAME_MEDIA]
    close = [post for code, post in found if code is ConflictCode.NEAR_ANOTHER_POST]
    assert media == [1, 2, 3, 4, 5], "the nearest five of 29 with the same picture"
    assert close == [101, 102, 103, 104, 105]
