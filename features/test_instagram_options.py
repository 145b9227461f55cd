from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from autopost.application.ports.instagram_gateway import ContainerRequest
from autopost.domain.errors import DomainError, ValidationFailed
from autopost.domain.post import ContentType
from features.conftest import Scenario, at, run

scenarios("instagram_options.feature")

CLIP = "https://cdn.example.com/clip.mp4"


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",")]


def _schedule(scenario: Scenario, time: str, **content: Any) -> None:
    scenario.view = run(scenario.world.schedule(at=at(time), token=None, **content))


def _try_to_schedule(scenario: Scenario, time: str, **content: Any) -> None:
    try:
        _schedule(scenario, time, **content)
    except DomainError as refused:
        scenario.refusal = refused


def _asked(scenario: Scenario) -> ContainerRequest:
    (request,) = scenario.world.gateway.requests
    return request


@given(
    parsers.parse(
        'a reel scheduled for {time} with the cover "{cover}" and the audio "{audio}", '
        "kept off the feed"
    )
)
def reel_with_cover(scenario: Scenario, time: str, cover: str, audio: str) -> None:
    _schedule(
        scenario,
        time,
        content_type=ContentType.REEL,
        url=CLIP,
        cover_url=cover,
        audio_name=audio,
        share_to_feed=False,
    )


@given(
    parsers.parse(
        "a trial reel scheduled for {time} that is shared with followers when it performs well"
    )
)
def trial_reel(scenario: Scenario, time: str) -> None:
    trial = {"graduation_strategy": "SS_PERFORMANCE"}
    _schedule(scenario, time, content_type=ContentType.REEL, url=CLIP, trial_params=trial)


@given(
    parsers.parse(
        'a carousel scheduled for {time} with the collaborators "{names}" and its first image '
        'described as "{alt_text}"'
    )
)
def carousel_with_collaborators(scenario: Scenario, time: str, names: str, alt_text: str) -> None:
    children = [
        {"url": "https://cdn.example.com/1.jpg", "alt_text": alt_text},
        {"url": "https://cdn.example.com/2.jpg"},
    ]
    _schedule(
        scenario,
        time,
        content_type=ContentType.CAROUSEL,
        url=None,
        children=children,
        collaborators=_names(names),
    )


@given(parsers.parse('a story scheduled for {time} tagging "{username}"'))
def story_with_tag(scenario: Scenario, time: str, username: str) -> None:
    _schedule(
        scenario,
        time,
        content_type=ContentType.STORY,
        caption=None,
        user_tags=[{"username": username}],
    )


@when(parsers.parse('a photo post with the collaborators "{names}" is scheduled for {time}'))
def photo_with_collaborators(scenario: Scenario, names: str, time: str) -> None:
    _try_to_schedule(scenario, time, collaborators=_names(names))


@when(parsers.parse('a reel with the alt text "{alt_text}" is scheduled for {time}'))
def reel_with_alt_text(scenario: Scenario, alt_text: str, time: str) -> None:
    _try_to_schedule(scenario, time, content_type=ContentType.REEL, url=CLIP, alt_text=alt_text)


@then(parsers.parse('Instagram was asked for the cover "{cover}" and the audio "{audio}"'))
def asked_for_cover(scenario: Scenario, cover: str, audio: str) -> None:
    request = _asked(scenario)
    assert (request.media_type, request.cover_url, request.audio_name) == ("REELS", cover, audio)


@then("Instagram was asked to keep the reel off the feed")
def asked_off_feed(scenario: Scenario) -> None:
    assert _asked(scenario).share_to_feed is False


@then(parsers.parse('Instagram was asked for a trial that graduates by "{strategy}"'))
def asked_for_trial(scenario: Scenario, strategy: str) -> None:
    assert _asked(scenario).trial_params == {"graduation_strategy": strategy}


@then(parsers.parse('Instagram was asked for the collaborators "{names}" on the carousel'))
def asked_for_collaborators(scenario: Scenario, names: str) -> None:
    request = _asked(scenario)
    assert request.media_type == "CAROUSEL"
    assert request.collaborators == tuple(_names(names))


@then(parsers.parse('Instagram was asked to describe the first image as "{alt_text}"'))
def asked_for_alt_text(scenario: Scenario, alt_text: str) -> None:
    first, second = _asked(scenario).children
    assert (first.alt_text, second.alt_text) == (alt_text, None)


@then(parsers.parse('Instagram was asked to tag "{username}"'))
def asked_to_tag(scenario: Scenario, username: str) -> None:
    request = _asked(scenario)
    assert (request.media_type, request.user_tags) == ("STORIES", [{"username": username}])


@then(parsers.parse('the post is refused because its {field}: "{reason}"'))
def refused_because(scenario: Scenario, field: str, reason: str) -> None:
    assert isinstance(scenario.refusal, ValidationFailed)
    assert scenario.refusal.errors == {field: [reason]}
    assert scenario.world.store.rows["posts"] == {}


@given(
    parsers.parse(
        'a photo post scheduled for {time} tagging the product "{product}" at {x:g}, {y:g}'
    )
)
def photo_with_product(scenario: Scenario, time: str, product: str, x: float, y: float) -> None:
    _schedule(scenario, time, product_tags=[{"product_id": product, "x": x, "y": y}])


@when(
    parsers.parse('a reel tagging the product "{product}" at {x:g}, {y:g} is scheduled for {time}')
)
def reel_with_product(scenario: Scenario, product: str, x: float, y: float, time: str) -> None:
    tags = [{"product_id": product, "x": x, "y": y}]
    _try_to_schedule(scenario, time, content_type=ContentType.REEL, url=CLIP, product_tags=tags)


@then(parsers.parse('Instagram was asked to tag the product "{product}" at {x:g}, {y:g}'))
def asked_to_tag_product(scenario: Scenario, product: str, x: float, y: float) -> None:
    request = _asked(scenario)
    assert request.product_tags == [{"product_id": product, "x": x, "y": y}]
