"""Board sections: cached with the boards, picked by id or by topic, and sent with the pin;
multi-image pins sent as their images."""

from datetime import timedelta

import pytest

from autopost.application.ports.pinterest_gateway import PinImage, RemoteBoard, RemoteSection
from autopost.application.posting.posts import SchedulePost
from autopost.domain.errors import ValidationFailed
from autopost.domain.post import ContentType, PinContent
from autopost.domain.publication import PublicationStatus
from autopost.domain.recurrence import recurrence
from tests.harness import NOON, Harness, pinterest_world
from tests.series_harness import Series


@pytest.fixture
def world() -> Harness:
    world = pinterest_world()
    world.pinterest.boards = [RemoteBoard("900", "code"), RemoteBoard("901", "Recipes")]
    world.pinterest.sections = {
        "900": [RemoteSection("50", "Rust"), RemoteSection("51", "Go")],
        "901": [RemoteSection("60", "Salads")],
    }
    return world


def sections_stored(world: Harness) -> list[tuple[str, str, str]]:
    rows = world.store.rows["board_sections"].values()
    return sorted((s.board_id, s.section_id, s.name) for s in rows)


async def test_refreshing_the_boards_caches_every_boards_sections(world: Harness) -> None:
    credential = await world.connect_pinterest()
    await world.catalog.refresh(credential)

    assert sections_stored(world) == [
        ("900", "50", "Rust"),
        ("900", "51", "Go"),
        ("901", "60", "Salads"),
    ]
    world.pinterest.sections["900"] = []
    await world.catalog.refresh(credential)
    assert sections_stored(world) == [("901", "60", "Salads")]


async def test_a_hand_given_boards_sections_are_cached_too(world: Harness) -> None:
    credential = await world.connect_pinterest()
    await world.catalog.store_manual(credential, {"Secret": "902"})
    world.pinterest.sections["902"] = [RemoteSection("70", "Hidden")]
    await world.catalog.refresh(credential)

    assert ("902", "70", "Hidden") in sections_stored(world)


async def test_a_pin_on_a_topic_named_like_a_section_goes_into_it(world: Harness) -> None:
    await world.connect_pinterest()
    await world.schedule_pin(at=NOON, topic="rust")
    await world.run_until(NOON)

    (publication,) = world.store.rows["publications"].values()
    assert publication.status is PublicationStatus.PUBLISHED
    assert (publication.board_id, publication.board_section_id) == ("900", "50")
    assert world.pinterest.created[0].board_section_id == "50"


async def test_a_section_given_alone_takes_its_board_from_the_cache(world: Harness) -> None:
    credential = await world.connect_pinterest()
    await world.catalog.refresh(credential)
    content = PinContent(url="https://cdn.example.com/a.png")
    await world.schedule_command(
        SchedulePost(content=content, date_pub=NOON, board_section_id="60")
    )
    await world.run_until(NOON)

    (created,) = world.pinterest.created
    assert (created.board_id, created.board_section_id) == ("901", "60")


async def test_a_section_of_another_board_is_refused_before_anything_is_stored(
    world: Harness,
) -> None:
    credential = await world.connect_pinterest()
    await world.catalog.refresh(credential)
    content = PinContent(url="https://cdn.example.com/a.png")
    command = SchedulePost(content=content, board_id="901", board_section_id="50")

    with pytest.raises(ValidationFailed) as refused:
        await world.schedule_command(command)
    assert "board_section_id" in refused.value.errors
    assert world.store.rows["publications"] == {}


async def test_each_account_of_a_post_to_several_has_its_own_section(world: Harness) -> None:
    first = await world.connect_pinterest()
    await world.catalog.refresh(first)
    assert first.id is not None
    command = SchedulePost(
        content=PinContent(url="https://cdn.example.com/a.png"),
        date_pub=NOON,
        credential_ids=(first.id,),
        shared={"url": "https://cdn.example.com/a.png", "topic": "Go"},
        overrides={first.id: {"board_section_id": "60"}},
    )
    await world.schedule_command(command)
    (publication,) = world.store.rows["publications"].values()
    assert (publication.board_id, publication.board_section_id) == ("901", "60")


async def test_a_multi_image_pin_is_sent_with_its_images(world: Harness) -> None:
    await world.connect_pinterest()
    images = [
        {"url": "https://cdn.example.com/1.png", "title": "One", "link": "https://q.example/1"},
        {"url": "https://cdn.example.com/2.png", "description": "Two"},
    ]
    content = PinContent(content_type=ContentType.CAROUSEL, images=images, alt_text="Both")
    await world.schedule_command(SchedulePost(content=content, date_pub=NOON, board_id="900"))
    await world.run_until(NOON)

    (created,) = world.pinterest.created
    assert created.images == (
        PinImage("https://cdn.example.com/1.png", title="One", link="https://q.example/1"),
        PinImage("https://cdn.example.com/2.png", description="Two"),
    )
    assert created.alt_text == "Both"


async def test_an_edit_moves_a_pin_to_another_section(world: Harness) -> None:
    await world.connect_pinterest()
    view = await world.schedule_pin(at=NOON, topic="Rust")
    assert view.post.id is not None
    await world.edit(view.post.id, topic="Go")

    (publication,) = world.store.rows["publications"].values()
    assert (publication.board_id, publication.board_section_id) == ("900", "51")


async def test_every_occurrence_of_a_recurring_pin_goes_into_its_topics_section(
    world: Harness,
) -> None:
    await world.connect_pinterest()
    repeat = recurrence(NOON, "UTC", frequency="daily", count=3)
    pin = SchedulePost(
        content=PinContent(url="https://cdn.example.com/a.png", topic="Salads"),
        date_pub=NOON,
    )
    scheduled = await Series(world, horizon=timedelta(days=2)).schedule(
        repeat, command={"content": pin.content, "user_id": None, "token": None}
    )

    assert (scheduled.series.board_id, scheduled.series.board_section_id) == ("901", "60")
    publications = list(world.store.rows["publications"].values())
    assert len(publications) >= 2
    assert {(p.board_id, p.board_section_id) for p in publications} == {("901", "60")}
