"""Instagram's publishing options: which post types take each, and Instagram's limits.

Limits from Meta's reference of ``POST /{ig-user-id}/media`` (IG User Media): alt text up to
1,000 characters on images; up to 3 collaborators, not on stories; cover_url, audio_name,
share_to_feed and trial_params for reels; a trial's graduation strategy MANUAL or
SS_PERFORMANCE. Reels last at most 15 minutes (Meta's Reels specifications).
"""

from __future__ import annotations

import pytest

from autopost.domain.instagram_options import check_product_tags
from autopost.domain.post import ContentType, InstagramContent

PHOTO = "https://cdn.example.com/a.jpg"
CLIP = "https://cdn.example.com/r.mp4"
URL_OF = {ContentType.VIDEO: CLIP, ContentType.REEL: CLIP, ContentType.STORY: PHOTO}
ITEMS = [{"url": PHOTO}, {"url": CLIP}]


def problems(
    content_type: ContentType = ContentType.PHOTO, **fields: object
) -> dict[str, list[str]]:
    if content_type is ContentType.CAROUSEL:
        fields.setdefault("children", ITEMS)
    else:
        fields.setdefault("url", URL_OF.get(content_type, PHOTO))
    return InstagramContent(content_type=content_type, **fields).problems()  # type: ignore[arg-type]


def test_every_option_at_its_limit_passes() -> None:
    assert problems(alt_text="a" * 1000, collaborators=["ana", "bo.b", "c_3"]) == {}
    reel = {
        "cover_url": "https://cdn.example.com/cover.jpg",
        "thumb_offset": 15 * 60 * 1000,
        "share_to_feed": False,
        "audio_name": "Morning theme",
        "trial_params": {"graduation_strategy": "SS_PERFORMANCE"},
        "collaborators": ["ana"],
        "location_id": "110843418940484",
    }
    assert problems(ContentType.REEL, **reel) == {}


# --- alt text -------------------------------------------------------------------------------


def test_alt_text_longer_than_1000_characters_is_refused() -> None:
    assert "1000 characters" in problems(alt_text="a" * 1001)["alt_text"][0]


def test_blank_alt_text_is_refused() -> None:
    assert "alt_text" in problems(alt_text="  ")


@pytest.mark.parametrize("content_type", [ContentType.REEL, ContentType.VIDEO, ContentType.STORY])
def test_alt_text_is_for_images_only(content_type: ContentType) -> None:
    assert "images only" in problems(content_type, alt_text="A cat")["alt_text"][0]


def test_a_carousels_alt_text_goes_on_its_images() -> None:
    assert "children" in problems(ContentType.CAROUSEL, alt_text="All")["alt_text"][0]
    described = [{"url": PHOTO, "alt_text": "A cat"}, {"url": CLIP}]
    assert problems(ContentType.CAROUSEL, children=described) == {}


def test_a_carousel_video_item_takes_no_alt_text() -> None:
    items = [{"url": PHOTO}, {"url": CLIP, "alt_text": "A clip"}]
    assert problems(ContentType.CAROUSEL, children=items) == {
        "children": ["Item 2 is a video: Instagram takes alt text on images only."]
    }


def test_a_carousel_items_alt_text_is_held_to_the_same_length() -> None:
    items = [{"url": PHOTO, "alt_text": "a" * 1001}, {"url": PHOTO}]
    assert "Item 1: " in problems(ContentType.CAROUSEL, children=items)["children"][0]


# --- collaborators --------------------------------------------------------------------------


def test_more_than_three_collaborators_are_refused() -> None:
    found = problems(collaborators=["a", "b", "c", "d"])["collaborators"]
    assert found == ["Instagram allows at most 3 collaborators; got 4."]


def test_a_collaborator_is_a_username_without_the_at() -> None:
    assert problems(collaborators=["@ana"]) == {
        "collaborators": ["Collaborator 1: give the username without the @."]
    }


@pytest.mark.parametrize("name", ["", "ana maria", "a" * 31, "ana!", 42])
def test_a_collaborator_must_be_an_instagram_username(name: object) -> None:
    assert "no Instagram username" in problems(collaborators=[name])["collaborators"][0]


def test_a_collaborator_is_named_once() -> None:
    assert problems(collaborators=["Ana", "ana"]) == {"collaborators": ["Each collaborator once."]}


def test_a_story_has_no_collaborators() -> None:
    assert "collaborators" in problems(ContentType.STORY, collaborators=["ana"])


@pytest.mark.parametrize(
    "content_type", [ContentType.PHOTO, ContentType.VIDEO, ContentType.REEL, ContentType.CAROUSEL]
)
def test_feed_posts_and_reels_take_collaborators(content_type: ContentType) -> None:
    assert problems(content_type, collaborators=["ana"]) == {}


# --- reels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("cover_url", "https://cdn.example.com/cover.jpg"),
        ("audio_name", "Theme"),
        ("trial_params", {"graduation_strategy": "MANUAL"}),
    ],
)
@pytest.mark.parametrize(
    "content_type", [ContentType.PHOTO, ContentType.STORY, ContentType.CAROUSEL]
)
def test_reel_options_are_refused_on_other_posts(
    content_type: ContentType, name: str, value: object
) -> None:
    assert "Only a Reel" in problems(content_type, **{name: value})[name][0]


def test_a_cover_image_is_at_a_public_https_url() -> None:
    assert "cover_url" in problems(ContentType.REEL, cover_url="http://cdn.example.com/c.jpg")


def test_an_audio_name_is_not_blank() -> None:
    assert "audio_name" in problems(ContentType.REEL, audio_name=" ")


@pytest.mark.parametrize(
    "trial",
    [{}, {"graduation_strategy": "SOMETIMES"}, {"graduation_strategy": "MANUAL", "x": "1"}],
)
def test_a_trial_names_one_of_instagrams_graduation_strategies(trial: dict[str, str]) -> None:
    assert "trial_params" in problems(ContentType.REEL, trial_params=trial)


def test_a_video_is_no_trial_reel() -> None:
    trial = {"graduation_strategy": "MANUAL"}
    assert "trial_params" in problems(ContentType.VIDEO, trial_params=trial)


def test_only_a_reel_may_stay_off_the_feed() -> None:
    assert problems(ContentType.REEL, share_to_feed=False) == {}
    assert problems(ContentType.VIDEO, share_to_feed=True) == {}
    assert "share_to_feed" in problems(ContentType.VIDEO, share_to_feed=False)
    assert "share_to_feed" in problems(ContentType.PHOTO, share_to_feed=True)


def test_a_cover_frame_lies_within_fifteen_minutes() -> None:
    assert "thumb_offset" in problems(ContentType.REEL, thumb_offset=15 * 60 * 1000 + 1)
    assert "thumb_offset" in problems(ContentType.REEL, thumb_offset=-1)


def test_a_photo_has_no_cover_frame() -> None:
    assert "thumb_offset" in problems(thumb_offset=0)


# --- stories and places ---------------------------------------------------------------------


def test_a_story_tags_people() -> None:
    assert problems(ContentType.STORY, user_tags=[{"username": "ana"}]) == {}


def test_a_story_has_no_location() -> None:
    assert problems(ContentType.STORY, location_id="123") == {
        "location_id": ["Instagram takes no location on a Story."]
    }


@pytest.mark.parametrize("place", ["Paris", "12a", "", "1" * 21])
def test_a_location_is_a_facebook_place_id(place: str) -> None:
    assert "location_id" in problems(location_id=place)


def test_a_photo_tags_products_where_they_are_in_the_picture() -> None:
    tags = [{"product_id": "77001", "x": 0.2, "y": 1}, {"product_id": "77002", "x": 0, "y": 0.5}]
    assert check_product_tags(ContentType.PHOTO, tags) == []


def test_a_reel_tags_products_without_a_place() -> None:
    assert check_product_tags(ContentType.REEL, [{"product_id": "77001"}]) == []
    assert check_product_tags(ContentType.REEL, [{"product_id": "77001", "x": 0.1}]) == [
        "Tag 1: x is not taken here."
    ]


@pytest.mark.parametrize(
    ("tag", "problem"),
    [
        ({"product_id": "77001", "x": 0.5}, "Tag 1: y is required, from 0.0 to 1.0."),
        ({"product_id": "77001", "x": 1.5, "y": 0}, "Tag 1: x must be from 0.0 to 1.0."),
        (
            {"product_id": "shoe", "x": 0, "y": 0},
            "Tag 1: product_id is a catalogue product's id (digits).",
        ),
        ({"product_id": "77001", "x": True, "y": 0}, "Tag 1: x is required, from 0.0 to 1.0."),
    ],
)
def test_a_photos_product_tag_is_held_to_instagrams_form(tag: dict, problem: str) -> None:  # type: ignore[type-arg]
    assert check_product_tags(ContentType.PHOTO, [tag]) == [problem]


def test_products_are_tagged_at_most_twenty_on_a_photo_and_thirty_on_a_reel() -> None:
    photo = [{"product_id": str(n), "x": 0, "y": 0} for n in range(21)]
    reel = [{"product_id": str(n)} for n in range(30)]
    assert check_product_tags(ContentType.PHOTO, photo) == [
        "Instagram allows at most 20 product tags here; got 21."
    ]
    assert check_product_tags(ContentType.REEL, reel) == []
    assert check_product_tags(ContentType.REEL, [*reel, {"product_id": "99"}]) == [
        "Instagram allows at most 30 product tags here; got 31."
    ]


def test_a_product_is_tagged_once_and_never_on_a_story_or_carousel() -> None:
    twice = [{"product_id": "77001"}, {"product_id": "77001"}]
    assert check_product_tags(ContentType.REEL, twice) == ["Tag 2: product 77001 is tagged twice."]
    for kind in (ContentType.STORY, ContentType.CAROUSEL):
        assert check_product_tags(kind, [{"product_id": "77001"}]) == [
            f"Products are tagged on a Photo, Video or Reel, not a {kind.value}."
        ]
