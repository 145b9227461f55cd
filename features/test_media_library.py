"""Steps of media_library.feature: the library's use cases and the publishers, against the
harness's in-memory world."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import given, parsers, scenarios, then, when

from autopost.application.library.browsing import BrowseLibrary, LibraryEntry, LibraryShelf
from autopost.application.library.listing import ListLibrary
from autopost.domain.errors import DomainError, NotFound
from autopost.domain.library import LibraryItem, MediaInUse
from autopost.domain.post import ContentType
from features.conftest import Scenario, at, run

scenarios("media_library.feature")

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"cat" * 100
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00" + b"dance" * 100
PDF = b"%PDF-1.7\n" + b"invoice" * 20


class Library:
    """What the library's scenarios remember between steps."""

    item: LibraryItem | None = None
    refusal: DomainError | None = None
    shelf: LibraryShelf | None = None


def _library(scenario: Scenario) -> Library:
    if not hasattr(scenario, "library"):
        scenario.library = Library()  # type: ignore[attr-defined]
    return scenario.library  # type: ignore[attr-defined,no-any-return]


def _item(scenario: Scenario) -> LibraryItem:
    item = _library(scenario).item
    assert item is not None and item.id is not None
    return item


@given(parsers.parse('the photo "{name}" is in the media library'))
def photo_in_library(scenario: Scenario, name: str) -> None:
    _library(scenario).item = run(scenario.world.upload(name, JPEG, "image/jpeg"))


@given(parsers.parse('the video "{name}" is in the media library'))
def video_in_library(scenario: Scenario, name: str) -> None:
    _library(scenario).item = run(scenario.world.upload(name, MP4, "video/mp4"))


@given(parsers.parse("an Instagram post of it scheduled for {time}"))
def post_of_it(scenario: Scenario, time: str) -> None:
    reference = f"library:{_item(scenario).id}"
    scenario.view = run(scenario.world.schedule(at=at(time), token=None, url=reference))


@given(parsers.parse("a carousel of a photo from the web and that video scheduled for {time}"))
def carousel_with_it(scenario: Scenario, time: str) -> None:
    children = [{"url": "https://cdn.example.com/1.jpg"}, {"url": f"library:{_item(scenario).id}"}]
    scenario.view = run(
        scenario.world.schedule(
            at=at(time), token=None, content_type=ContentType.CAROUSEL, url=None, children=children
        )
    )


@when("someone deletes the photo from the library")
def delete_it(scenario: Scenario) -> None:
    try:
        run(scenario.world.delete_from_library(_item(scenario).id or 0))
        _library(scenario).refusal = None
    except DomainError as refused:
        _library(scenario).refusal = refused


@when(parsers.parse('someone uploads a PDF named "{name}" as an image'))
def upload_pdf(scenario: Scenario, name: str) -> None:
    try:
        run(scenario.world.upload(name, PDF, "image/jpeg"))
    except DomainError as refused:
        _library(scenario).refusal = refused


@then("Instagram fetched the photo from Autopost, through a link that opens it")
def fetched_by_link(scenario: Scenario) -> None:
    (request,) = scenario.world.gateway.requests
    assert request.image_url is not None
    assert request.image_url.startswith(
        f"https://autopost.example/media-files/{_item(scenario).id}.jpg?"
    )
    assert run(scenario.world.open_link(request.image_url)) == JPEG


@then("the link no longer opens it two days later")
def link_expired(scenario: Scenario) -> None:
    (request,) = scenario.world.gateway.requests
    scenario.world.clock.advance(timedelta(days=2))
    try:
        run(scenario.world.open_link(request.image_url or ""))
    except NotFound:
        return
    raise AssertionError("an expired link still opened the file")


@then("Instagram was asked for the carousel's second item as a video")
def second_item_is_video(scenario: Scenario) -> None:
    (request,) = scenario.world.gateway.requests
    first, second = request.children
    assert not first.is_video
    assert second.is_video
    assert second.url.startswith(f"https://autopost.example/media-files/{_item(scenario).id}.mp4?")


@then("the deletion is refused, naming the post")
def deletion_refused(scenario: Scenario) -> None:
    refusal = _library(scenario).refusal
    assert isinstance(refusal, MediaInUse)
    assert refusal.post_ids == [scenario.post_id]


@then("the upload is refused because the file is none of the formats kept")
def upload_refused(scenario: Scenario) -> None:
    refusal = _library(scenario).refusal
    assert refusal is not None and "none of the formats kept" in str(refusal)


@then("the media library is empty")
def library_empty(scenario: Scenario) -> None:
    page = run(ListLibrary(scenario.world.uow()).execute(scenario.world.actor, 10, 0))
    assert page.count == 0
    assert scenario.world.storage.files == {}


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"png" * 100


@given(parsers.parse('the PNG image "{name}" is in the media library'))
def png_in_library(scenario: Scenario, name: str) -> None:
    _library(scenario).item = run(scenario.world.upload(name, PNG, "image/png"))


@then("Instagram was never asked")
def instagram_never_asked(scenario: Scenario) -> None:
    assert scenario.world.gateway.requests == []


@when("someone looks at the media library")
def look_at_library(scenario: Scenario) -> None:
    world = scenario.world
    browsing = BrowseLibrary(world.uow(), world.links())
    _library(scenario).shelf = run(browsing.execute(world.actor, 24, 0))


def _shown(scenario: Scenario, name: str) -> LibraryEntry:
    shelf = _library(scenario).shelf
    assert shelf is not None
    (entry,) = [e for e in shelf.entries if e.item.filename == name]
    return entry


@then(parsers.parse('"{name}" is shown with a preview, used by that post'))
def shown_in_use(scenario: Scenario, name: str) -> None:
    entry = _shown(scenario, name)
    assert entry.used_by == [scenario.post_id]
    assert entry.preview is not None
    assert run(scenario.world.open_link(f"https://autopost.example{entry.preview}")) == JPEG


@then(parsers.parse('"{name}" is shown used by no post'))
def shown_unused(scenario: Scenario, name: str) -> None:
    assert _shown(scenario, name).used_by == []
