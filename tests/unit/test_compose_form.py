"""The compose form as the page reads it: what it asks of the posting use cases, times read
in the person's zone (never silently moved at a daylight-saving change), and each refusal
placed next to the field it is about."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import attrs
import pytest
from starlette.datastructures import FormData

from autopost.adapters.http.pages.compose_form import (
    ComposeForm,
    content_fields,
    edit_command,
    moment,
    placed,
    read_compose,
    schedule_command,
)
from autopost.application.posting.posts import NOW
from autopost.domain.errors import ValidationFailed
from autopost.domain.media import ContentType
from autopost.domain.platform import Platform
from autopost.domain.post import InstagramContent, PinContent, content_from

PARIS = ZoneInfo("Europe/Paris")
IMAGE = "https://cdn.example.com/a.jpg"
VIDEO = "https://cdn.example.com/b.mp4"


def test_the_form_is_read_with_each_accounts_own_fields() -> None:
    form = read_compose(
        FormData(
            [
                ("accounts", "3"),
                ("accounts", "5"),
                ("accounts", "3"),
                ("accounts", "x"),
                ("caption", " Hello\r\nworld "),
                ("caption_for_5", "Bonjour"),
                ("caption_for_3", ""),
                ("board_for_5", "900"),
                ("action", "draft"),
            ]
        )
    )
    assert form.accounts == (3, 5)
    assert form.caption == "Hello\nworld"
    assert form.captions == {5: "Bonjour"} and form.boards == {5: "900"}
    assert form.draft


def test_a_carousel_lists_its_media_with_their_kinds() -> None:
    fields = content_fields(ComposeForm(content_type="Carousel", media=f"{IMAGE}\n\n{VIDEO}\n"))
    assert fields["children"] == [
        {"url": IMAGE, "media_type": "image"},
        {"url": VIDEO, "media_type": "video"},
    ]
    assert "url" not in fields


def test_a_carousel_is_a_multi_image_pins_images_too() -> None:
    fields = content_fields(ComposeForm(content_type="Carousel", media=f"{IMAGE}\n{IMAGE}2"))
    pin = content_from(Platform.PINTEREST, fields)
    assert isinstance(pin, PinContent)
    assert pin.images == [{"url": IMAGE}, {"url": IMAGE + "2"}] and pin.problems() == {}


def test_several_media_for_a_photo_are_left_for_the_domain_to_refuse() -> None:
    fields = content_fields(ComposeForm(media=f"{IMAGE}\n{VIDEO}"))
    content = content_from(Platform.INSTAGRAM, fields)
    assert content.problems()["children"] == ["Only a Carousel has children, not a Photo."]
    pin = content_from(Platform.PINTEREST, fields)
    assert set(pin.problems()) == {"url", "images"}


def test_an_unknown_content_type_is_refused_by_field() -> None:
    with pytest.raises(ValidationFailed) as refused:
        content_fields(ComposeForm(content_type="Hologram"))
    assert list(refused.value.errors) == ["content_type"]


def test_user_tags_are_one_username_a_line() -> None:
    fields = content_fields(ComposeForm(media=IMAGE, user_tags="@ann\n\nbob\n"))
    assert fields["user_tags"] == [{"username": "ann"}, {"username": "bob"}]


def test_a_time_is_read_in_the_persons_zone() -> None:
    winter = moment(ComposeForm(date="2030-01-15", time="10:30"), PARIS)
    summer = moment(ComposeForm(date="2030-07-15", time="10:30"), PARIS)
    assert winter == datetime(2030, 1, 15, 9, 30, tzinfo=UTC)
    assert summer == datetime(2030, 7, 15, 8, 30, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_refused_not_moved() -> None:
    with pytest.raises(ValidationFailed) as refused:
        moment(ComposeForm(date="2030-03-31", time="02:30"), PARIS)
    assert "does not exist in Europe/Paris" in refused.value.errors["date_pub"][0]


def test_no_time_is_now_and_half_a_time_is_refused() -> None:
    assert moment(ComposeForm(), PARIS) == NOW
    with pytest.raises(ValidationFailed):
        moment(ComposeForm(date="2030-01-15"), PARIS)
    with pytest.raises(ValidationFailed):
        moment(ComposeForm(date="15/01/2030", time="10:00"), PARIS)


def test_a_new_post_names_its_accounts_and_their_overrides() -> None:
    form = ComposeForm(
        accounts=(3, 5),
        media=IMAGE,
        caption="Spring",
        captions={3: "Hello from 3", 9: "not chosen"},
        boards={5: "900", 3: "ignored: not a pin", 7: "901:55"},
        when="queue",
    )
    form = attrs.evolve(form, accounts=(3, 5, 7))
    platforms = {3: Platform.INSTAGRAM, 5: Platform.PINTEREST, 7: Platform.PINTEREST}
    command = schedule_command(form, platforms, PARIS)
    assert command.credential_ids == (3, 5, 7)
    assert command.overrides == {
        3: {"caption": "Hello from 3"},
        5: {"board_id": "900"},
        7: {"board_id": "901", "board_section_id": "55"},
    }
    assert command.queue and not command.draft
    assert command.shared["caption"] == "Spring"
    assert command.content == InstagramContent(url=IMAGE, caption="Spring")


def test_a_post_without_an_account_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        schedule_command(ComposeForm(media=IMAGE), {}, PARIS)
    assert list(refused.value.errors) == ["credentials"]
    with pytest.raises(ValidationFailed):
        schedule_command(ComposeForm(accounts=(7,), media=IMAGE), {}, PARIS)


def test_an_edit_sends_only_what_changed() -> None:
    before = ComposeForm(media=IMAGE, caption="Old", date="2030-01-15", time="10:30")
    untouched = edit_command(1, before, before, held_as_draft=False, zone=PARIS)
    assert untouched.changes == {} and untouched.date_pub is None and untouched.draft is None
    after = ComposeForm(media=IMAGE, caption="New", date="2030-01-15", time="11:00")
    edit = edit_command(1, after, before, held_as_draft=True, zone=PARIS)
    assert edit.changes == {"caption": "New"}
    assert edit.date_pub == datetime(2030, 1, 15, 10, tzinfo=UTC)
    assert edit.draft is False, "a draft sent on is scheduled"
    carousel = ComposeForm(
        content_type="Carousel", media=IMAGE, caption="Old", date="2030-01-15", time="10:30"
    )
    changed = edit_command(1, carousel, before, held_as_draft=False, zone=PARIS)
    assert changed.changes == {
        "content_type": ContentType.CAROUSEL,
        "url": None,
        "children": [{"url": IMAGE, "media_type": "image"}],
        "images": [{"url": IMAGE}],
    }


def test_refusals_are_placed_by_the_fields_they_are_about() -> None:
    by_field, elsewhere = placed(
        {
            "credentials.3.caption": ["Too many hashtags."],
            "credentials.5.url": ["Give a public https URL."],
            "children": ["A carousel has 2 to 10 items; got 1."],
            "date_pub": ["Give both."],
            "location_id": ["Unknown place."],
        },
        {3: "shop (Instagram)"},
    )
    assert by_field == {
        "caption": ["shop (Instagram): Too many hashtags."],
        "media": ["5: Give a public https URL.", "A carousel has 2 to 10 items; got 1."],
        "when": ["Give both."],
    }
    assert elsewhere == ["Unknown place."]
