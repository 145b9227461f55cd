import pytest

from autopost.domain.instagram_rules import check_instagram_post, hashtags_in
from autopost.domain.post import ContentType

PHOTO = "https://cdn.example.com/a.jpg"


def check(content_type: ContentType = ContentType.PHOTO, **kwargs: object) -> dict[str, list[str]]:
    args: dict[str, object] = {
        "url": PHOTO,
        "caption": None,
        "user_tags": None,
        "children": None,
        "thumb_offset": None,
    }
    args.update(kwargs)
    return check_instagram_post(content_type, **args)  # type: ignore[arg-type]


def test_a_plain_photo_passes() -> None:
    assert check(caption="Hello #world") == {}


def test_caption_longer_than_2200_characters_is_refused() -> None:
    assert "caption" in check(caption="x" * 2201)
    assert check(caption="x" * 2200) == {}


def test_more_than_30_hashtags_are_refused() -> None:
    many = " ".join(f"#t{i}" for i in range(31))
    assert "30 hashtags" in check(caption=many)["caption"][0]
    assert check(caption=" ".join(f"#t{i}" for i in range(30))) == {}


def test_hashtags_are_counted_as_instagram_sees_them() -> None:
    assert hashtags_in("#a b#c &#39; #д #x_y") == ["#a", "#д", "#x_y"]


def test_more_than_20_user_tags_are_refused() -> None:
    tags = [{"username": f"u{i}", "x": 0.5, "y": 0.5} for i in range(21)]
    assert "user_tags" in check(user_tags=tags)


def test_user_tag_positions_are_fractions_of_the_image() -> None:
    assert "user_tags" in check(user_tags=[{"username": "a", "x": 1.5, "y": 0.1}])


@pytest.mark.parametrize("url", ["http://cdn.example.com/a.jpg", "ftp://x/a.jpg", "a.jpg"])
def test_media_must_be_a_public_https_url(url: str) -> None:
    assert "url" in check(url=url)


def test_a_missing_url_is_required() -> None:
    assert check(url=None) == {"url": ["This field is required."]}


@pytest.mark.parametrize("count", [1, 11])
def test_a_carousel_has_two_to_ten_items(count: int) -> None:
    children = [{"url": PHOTO}] * count
    assert "children" in check(ContentType.CAROUSEL, url=None, children=children)


def test_a_carousel_of_two_passes() -> None:
    assert check(ContentType.CAROUSEL, url=None, children=[{"url": PHOTO}] * 2) == {}


def test_only_videos_take_a_thumbnail_offset() -> None:
    assert "thumb_offset" in check(thumb_offset=1000)
    assert check(ContentType.REEL, url="https://cdn.example.com/v.mp4", thumb_offset=1000) == {}
